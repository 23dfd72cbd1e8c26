import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { AUDIENCES, IMPACT_LEVELS, UPDATE_MOMENTS, UPDATE_STATES, type UpdateFields } from '../../domain/stakeholderUpdates.js';
import { incidents } from './incidents.js';

/** draft -> posted, or draft -> awaiting_approval -> posted when the audience needs approval. */
export const UPDATE_STATUSES = ['draft', 'awaiting_approval', 'posted'] as const;
export type UpdateStatus = (typeof UPDATE_STATUSES)[number];

/**
 * One stakeholder update: what it says (state, impact, components and the words a person gave),
 * the Slack text exactly as previewed and posted, and who wrote and approved it. The status page
 * renders the client updates from the same fields.
 */
export const stakeholderUpdates = sqliteTable(
  'stakeholder_updates',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    incidentId: integer('incident_id')
      .notNull()
      .references(() => incidents.id),
    /** Made when the form opens: submitting the same form twice edits one draft, never makes two. */
    draftKey: text('draft_key').notNull(),
    audience: text('audience', { enum: AUDIENCES }).notNull(),
    moment: text('moment', { enum: UPDATE_MOMENTS }).notNull(),
    state: text('state', { enum: UPDATE_STATES }).notNull(),
    impact: text('impact', { enum: IMPACT_LEVELS }).notNull(),
    components: text('components', { mode: 'json' }).$type<string[]>().notNull(),
    fields: text('fields', { mode: 'json' }).$type<UpdateFields>().notNull(),
    /** Also say it in the incident channel, besides the audience's channel. */
    alsoInIncidentChannel: integer('also_in_incident_channel', { mode: 'boolean' }).notNull().default(false),
    status: text('status', { enum: UPDATE_STATUSES }).notNull(),
    /** The Slack text, rendered from the audience's template when drafted: what the preview showed. */
    slackText: text('slack_text').notNull(),
    /** The time of the next update, as the update states it. */
    nextUpdateAt: integer('next_update_at', { mode: 'timestamp_ms' }),
    author: text('author').notNull(),
    approvedBy: text('approved_by'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
    postedAt: integer('posted_at', { mode: 'timestamp_ms' }),
  },
  (table) => [uniqueIndex('stakeholder_updates_draft_key').on(table.draftKey), index('stakeholder_updates_incident').on(table.incidentId, table.status)],
);

export type StakeholderUpdateRow = typeof stakeholderUpdates.$inferSelect;

export const CADENCE_REMINDERS = ['due_soon', 'overdue'] as const;

/** When an incident's next stakeholder update is due, and what the comms lead has been told about it. */
export const updateCadence = sqliteTable(
  'update_cadence',
  {
    incidentId: integer('incident_id')
      .notNull()
      .references(() => incidents.id),
    /** Null: no update is due on a clock (SEV4, or resolved). */
    nextDueAt: integer('next_due_at', { mode: 'timestamp_ms' }),
    /** Why it is due: the interval, or a change that stakeholders should hear about at once. */
    reason: text('reason'),
    lastReminder: text('last_reminder', { enum: CADENCE_REMINDERS }),
    lastRemindedAt: integer('last_reminded_at', { mode: 'timestamp_ms' }),
    snoozedUntil: integer('snoozed_until', { mode: 'timestamp_ms' }),
  },
  (table) => [primaryKey({ columns: [table.incidentId] }), index('update_cadence_due').on(table.nextDueAt)],
);

export type UpdateCadenceRow = typeof updateCadence.$inferSelect;
