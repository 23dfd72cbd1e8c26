import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { incidents } from './incidents.js';

export const EVENT_SOURCES = ['alert', 'slack', 'timer', 'api'] as const;
export type EventSource = (typeof EVENT_SOURCES)[number];

/** Append-only record of everything that happened to an incident; metrics and reviews derive from it. */
export const timelineEvents = sqliteTable(
  'timeline_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    incidentId: integer('incident_id')
      .notNull()
      .references(() => incidents.id),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
    kind: text('kind').notNull(),
    /** A Slack user id, a source name, or 'vigil' for the bot's own steps. */
    actor: text('actor').notNull(),
    /** The facts of the event, shaped by its kind (`TimelineDataByKind` in src/incidents/timeline.ts); surfaces render them. */
    data: text('data', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    /** Where it came from: a detector's alert, a person in Slack, one of Vigil's timers, the HTTP API. */
    source: text('source', { enum: EVENT_SOURCES }).notNull().default('timer'),
    /** Starred for the review: its timeline shows starred and key events; the appendix shows all. */
    starred: integer('starred', { mode: 'boolean' }).notNull().default(false),
    starredBy: text('starred_by'),
  },
  (table) => [index('timeline_incident_at').on(table.incidentId, table.at)],
);

export type TimelineEventRow = typeof timelineEvents.$inferSelect;
