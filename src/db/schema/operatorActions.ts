import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { OPERATOR_ACTION_KINDS, OPERATOR_ACTION_STATUSES } from '../../domain/operatorActions.js';
import { incidents } from './incidents.js';

/**
 * A rollback or kill switch asked for from an incident: the change ticket. Who asked and
 * confirmed, the exact body sent to the operator's hook (every retry sends these bytes, with the
 * same Idempotency-Key), and what the hook answered. `pending` until the hook accepts (2xx),
 * refuses (4xx) or is given up on after retries.
 */
export const operatorActions = sqliteTable(
  'operator_actions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    incidentId: integer('incident_id')
      .notNull()
      .references(() => incidents.id),
    action: text('action', { enum: OPERATOR_ACTION_KINDS }).notNull(),
    model: text('model').notNull(),
    environment: text('environment').notNull(),
    /** The version live when it was confirmed. */
    fromVersion: text('from_version'),
    /** The rollback's target; null for the kill switch. */
    toVersion: text('to_version'),
    requestedBy: text('requested_by').notNull(),
    confirmedAt: integer('confirmed_at', { mode: 'timestamp_ms' }).notNull(),
    via: text('via', { enum: ['button', 'command'] }).notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    /** The JSON body exactly as sent, so every attempt sends the same bytes. */
    body: text('body').notNull(),
    /** Where it was sent (the secret is never stored). */
    url: text('url').notNull(),
    status: text('status', { enum: OPERATOR_ACTION_STATUSES }).notNull().default('pending'),
    /** Attempts started. */
    attempts: integer('attempts').notNull().default(0),
    /** An attempt started and its answer is not recorded yet: after a crash, its outcome is unknown. */
    sending: integer('sending', { mode: 'boolean' }).notNull().default(false),
    /** The hook's last answer: HTTP status (null: none, e.g. a timeout) and body (cut). */
    answerStatus: integer('answer_status'),
    answerBody: text('answer_body'),
    /** Why the last attempt got no answer (timeout, connection refused). */
    error: text('error'),
    answeredAt: integer('answered_at', { mode: 'timestamp_ms' }),
    recoveryConfirmedBy: text('recovery_confirmed_by'),
    recoveryConfirmedAt: integer('recovery_confirmed_at', { mode: 'timestamp_ms' }),
  },
  (table) => [
    uniqueIndex('operator_actions_idempotency_key').on(table.idempotencyKey),
    // One pending request per kind of action per incident: a second click cannot send another.
    uniqueIndex('operator_actions_one_pending')
      .on(table.incidentId, table.action)
      .where(sql`status = 'pending'`),
    index('operator_actions_incident').on(table.incidentId, table.id),
  ],
);

export type OperatorActionRow = typeof operatorActions.$inferSelect;
