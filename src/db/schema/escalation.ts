import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { NotifyTarget } from '../../domain/escalationPlan.js';
import { ESCALATION_STEP_STATUSES } from '../../domain/types.js';
import { incidents } from './incidents.js';

/**
 * Timers as rows: each planned escalation step with its due time. A step is paged at most once
 * because firing is a conditional update from 'pending' inside the transaction that writes the page.
 */
export const escalationSteps = sqliteTable(
  'escalation_steps',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    incidentId: integer('incident_id')
      .notNull()
      .references(() => incidents.id),
    key: text('key').notNull(),
    label: text('label').notNull(),
    dueAt: integer('due_at', { mode: 'timestamp_ms' }).notNull(),
    notify: text('notify', { mode: 'json' }).$type<NotifyTarget>().notNull(),
    until: text('until').notNull(),
    /** pending -> fired | cancelled */
    status: text('status', { enum: ESCALATION_STEP_STATUSES }).notNull().default('pending'),
    firedAt: integer('fired_at', { mode: 'timestamp_ms' }),
    cancelledAt: integer('cancelled_at', { mode: 'timestamp_ms' }),
  },
  (table) => [
    uniqueIndex('escalation_steps_incident_key').on(table.incidentId, table.key),
    index('escalation_steps_due').on(table.status, table.dueAt),
  ],
);

/** Temporary on-call swaps (`/incident oncall override`). */
export const oncallOverrides = sqliteTable('oncall_overrides', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  rotation: text('rotation').notNull(),
  userId: text('user_id').notNull(),
  startsAt: integer('starts_at', { mode: 'timestamp_ms' }).notNull(),
  endsAt: integer('ends_at', { mode: 'timestamp_ms' }).notNull(),
  createdBy: text('created_by').notNull(),
});

/** Slack retries an event it thinks we missed; remembering event ids makes handlers idempotent. */
export const processedSlackEvents = sqliteTable('processed_slack_events', {
  eventId: text('event_id').primaryKey(),
  receivedAt: integer('received_at', { mode: 'timestamp_ms' }).notNull(),
});

export type EscalationStepRow = typeof escalationSteps.$inferSelect;
