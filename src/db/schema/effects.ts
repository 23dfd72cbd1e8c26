import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * The outbox: what Slack must see, written in the same transaction as the change that caused it.
 * Effects of one lane (an incident, or a user's Home tab) are delivered strictly in id order.
 */
export const effects = sqliteTable(
  'effects',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    lane: text('lane').notNull(),
    incidentId: integer('incident_id'),
    kind: text('kind').notNull(),
    payload: text('payload', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    /** pending -> in_flight -> done, or dead after too many failures. */
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at', { mode: 'timestamp_ms' }).notNull(),
    lastError: text('last_error'),
    /** What Slack answered that later effects need (a channel id, a message ts). */
    result: text('result', { mode: 'json' }).$type<Record<string, unknown>>(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    doneAt: integer('done_at', { mode: 'timestamp_ms' }),
  },
  (table) => [index('effects_status_lane').on(table.status, table.lane, table.id)],
);

export type EffectRow = typeof effects.$inferSelect;
