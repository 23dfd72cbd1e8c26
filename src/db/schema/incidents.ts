import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { EscalationPolicy } from '../../domain/escalationPlan.js';
import { INCIDENT_STATES } from '../../domain/lifecycle.js';
import { CATEGORIES, HARM_LEVELS, SEVERITIES, type MetricReading } from '../../domain/types.js';

/** One row per incident; its id is the incident number people say ("incident 42"). */
export const incidents = sqliteTable(
  'incidents',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    title: text('title').notNull(),
    description: text('description'),
    severity: text('severity', { enum: SEVERITIES }).notNull(),
    category: text('category', { enum: CATEGORIES }).notNull(),
    status: text('status', { enum: INCIDENT_STATES }).notNull(),
    isPrivate: integer('is_private', { mode: 'boolean' }).notNull().default(false),
    customerImpact: integer('customer_impact', { mode: 'boolean' }),
    modelName: text('model_name'),
    modelVersion: text('model_version'),
    /** The metric that tripped, as first reported (JSON MetricReading). */
    metric: text('metric', { mode: 'json' }).$type<MetricReading>(),
    signal: text('signal'),
    /** Who or what opened it: a source name, or a Slack user id for a declared incident. */
    declaredBy: text('declared_by').notNull(),
    groupKey: text('group_key'),
    /** Snapshot of the escalation policy at declaration, so editing the file never changes a running incident. */
    escalationPolicy: text('escalation_policy', { mode: 'json' }).$type<Record<string, EscalationPolicy>>().notNull(),
    routedRotation: text('routed_rotation'),
    channelId: text('channel_id'),
    channelName: text('channel_name'),
    /** When the problem began (detector startedAt), when it was first observed, when Vigil declared it. */
    startedAt: integer('started_at', { mode: 'timestamp_ms' }),
    detectedAt: integer('detected_at', { mode: 'timestamp_ms' }),
    declaredAt: integer('declared_at', { mode: 'timestamp_ms' }).notNull(),
    acknowledgedAt: integer('acknowledged_at', { mode: 'timestamp_ms' }),
    acknowledgedBy: text('acknowledged_by'),
    investigatingAt: integer('investigating_at', { mode: 'timestamp_ms' }),
    mitigatedAt: integer('mitigated_at', { mode: 'timestamp_ms' }),
    reopenedAt: integer('reopened_at', { mode: 'timestamp_ms' }),
    resolvedAt: integer('resolved_at', { mode: 'timestamp_ms' }),
    resolvedBy: text('resolved_by'),
    resolution: text('resolution', { mode: 'json' }),
    /** How bad it was, as asked when resolving: an event (harm done), a near miss, or an issue (no harm yet). */
    harmLevel: text('harm_level', { enum: HARM_LEVELS }),
    /** SEV1 and SEV2: the blameless review is due five business days after resolution. */
    reviewDueAt: integer('review_due_at', { mode: 'timestamp_ms' }),
    reviewCompletedAt: integer('review_completed_at', { mode: 'timestamp_ms' }),
    reviewReminder: text('review_reminder', { enum: ['due_soon', 'overdue'] }),
    reviewRemindedAt: integer('review_reminded_at', { mode: 'timestamp_ms' }),
    /**
     * When an alert of it was last heard from (new, repeated or cleared), to the second: grouping
     * asks it for every alert of a storm, and an incident's row answers without touching its alerts.
     */
    lastAlertAt: integer('last_alert_at', { mode: 'timestamp_ms' }),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (table) => [
    index('incidents_status').on(table.status),
    index('incidents_group_key').on(table.groupKey),
    index('incidents_model_category').on(table.modelName, table.category),
    index('incidents_channel').on(table.channelId),
  ],
);

export type IncidentRow = typeof incidents.$inferSelect;
export type NewIncidentRow = typeof incidents.$inferInsert;
