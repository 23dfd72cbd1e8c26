import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { incidents } from './incidents.js';

/**
 * Every compiled post-incident review, kept with its version: v1 first, a new version each time
 * it is compiled again, so what a team pasted into their wiki can always be found.
 */
export const reviews = sqliteTable(
  'reviews',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    incidentId: integer('incident_id')
      .notNull()
      .references(() => incidents.id),
    version: integer('version').notNull(),
    markdown: text('markdown').notNull(),
    /** What changed since the previous version, in a line per change. */
    changes: text('changes', { mode: 'json' }).$type<string[]>().notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (table) => [uniqueIndex('reviews_incident_version').on(table.incidentId, table.version)],
);

export type ReviewRow = typeof reviews.$inferSelect;

export const ACTION_ITEM_STATUSES = ['open', 'done'] as const;
export type ActionItemStatus = (typeof ACTION_ITEM_STATUSES)[number];

/** Follow-up work from an incident: what, who owns it, by when, and whether it is done. */
export const actionItems = sqliteTable(
  'action_items',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    incidentId: integer('incident_id')
      .notNull()
      .references(() => incidents.id),
    text: text('text').notNull(),
    /** A Slack user id; unset until someone owns it. */
    owner: text('owner'),
    dueAt: integer('due_at', { mode: 'timestamp_ms' }),
    status: text('status', { enum: ACTION_ITEM_STATUSES }).notNull().default('open'),
    createdBy: text('created_by').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    doneBy: text('done_by'),
    doneAt: integer('done_at', { mode: 'timestamp_ms' }),
    /** The owner was last reminded then (once when due, then daily while overdue). */
    lastRemindedAt: integer('last_reminded_at', { mode: 'timestamp_ms' }),
  },
  (table) => [index('action_items_open').on(table.status, table.dueAt), index('action_items_incident').on(table.incidentId), index('action_items_owner').on(table.owner, table.status)],
);

export type ActionItemRow = typeof actionItems.$inferSelect;
