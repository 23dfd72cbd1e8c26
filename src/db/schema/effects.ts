import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** pending -> in_flight -> done, or dead when Slack refuses it for good or after too many failures. */
export const EFFECT_STATUSES = ['pending', 'in_flight', 'done', 'dead'] as const;
export type EffectStatus = (typeof EFFECT_STATUSES)[number];

/**
 * The outbox: what Slack must see, written in the same transaction as the change that caused it.
 * Effects of one lane (an incident's core, its chatter, or a user's Home tab) are delivered
 * strictly in id order; lanes of a lower priority number are served first.
 */
export const effects = sqliteTable(
  'effects',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    lane: text('lane').notNull(),
    incidentId: integer('incident_id'),
    kind: text('kind').notNull(),
    payload: text('payload', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    status: text('status', { enum: EFFECT_STATUSES }).notNull().default('pending'),
    /** 0: pages, acknowledgements, summary and channel set-up; 1: notices, digests, Home tabs. */
    priority: integer('priority').notNull().default(0),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at', { mode: 'timestamp_ms' }).notNull(),
    lastError: text('last_error'),
    /** What Slack answered that later effects need (a channel id, a message ts). */
    result: text('result', { mode: 'json' }).$type<Record<string, unknown>>(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    doneAt: integer('done_at', { mode: 'timestamp_ms' }),
    /** The webhook or Slack request that caused it, so its delivery logs under the same id. */
    requestId: text('request_id'),
  },
  (table) => [
    index('effects_status_lane').on(table.status, table.lane, table.id),
    // Only undelivered effects: a worker pass reads the head of each lane from this alone, so its
    // cost follows the backlog, not the week of delivered effects kept beside it.
    index('effects_active_lane')
      .on(table.lane, table.id)
      .where(sql`status in ('pending', 'in_flight')`),
  ],
);

export type EffectRow = typeof effects.$inferSelect;
