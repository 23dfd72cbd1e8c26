import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { ALERT_STATUSES, CATEGORIES, SEVERITIES } from '../../domain/types.js';
import { incidents } from './incidents.js';

/** Every distinct alert (by dedup key) that fed an incident, with its latest state. */
export const alerts = sqliteTable(
  'alerts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    incidentId: integer('incident_id')
      .notNull()
      .references(() => incidents.id),
    source: text('source').notNull(),
    sourceKind: text('source_kind').notNull(),
    dedupKey: text('dedup_key').notNull(),
    groupKey: text('group_key'),
    status: text('status', { enum: ALERT_STATUSES }).notNull(),
    title: text('title').notNull(),
    description: text('description'),
    signal: text('signal').notNull(),
    modelName: text('model_name'),
    modelVersion: text('model_version'),
    metricName: text('metric_name'),
    metricValue: real('metric_value'),
    metricThreshold: real('metric_threshold'),
    severityHint: text('severity_hint', { enum: SEVERITIES }),
    categoryHint: text('category_hint', { enum: CATEGORIES }),
    labels: text('labels', { mode: 'json' }).$type<Record<string, string>>().notNull(),
    annotations: text('annotations', { mode: 'json' }).$type<Record<string, string>>().notNull(),
    links: text('links', { mode: 'json' }).$type<Array<{ title: string; url: string }>>().notNull(),
    /** The body as received, kept whole: senders add fields between versions. */
    raw: text('raw', { mode: 'json' }).notNull(),
    startedAt: integer('started_at', { mode: 'timestamp_ms' }),
    observedAt: integer('observed_at', { mode: 'timestamp_ms' }).notNull(),
    endedAt: integer('ended_at', { mode: 'timestamp_ms' }),
    firstReceivedAt: integer('first_received_at', { mode: 'timestamp_ms' }).notNull(),
    lastReceivedAt: integer('last_received_at', { mode: 'timestamp_ms' }).notNull(),
    receiveCount: integer('receive_count').notNull().default(1),
  },
  (table) => [
    // Every index here is written for every alert of a storm, and each one ordered by incident
    // dirties a page per incident per commit: kept to two. By dedup key first: "which open
    // incident has this alert?" and "does this incident have it?" both start from the key.
    uniqueIndex('alerts_dedup_incident').on(table.dedupKey, table.incidentId),
    // "Is this signal of this model new to the incident?" per alert; and any look-up by incident.
    index('alerts_incident_signal').on(table.incidentId, table.signal, table.modelName),
  ],
);

export type AlertRow = typeof alerts.$inferSelect;
