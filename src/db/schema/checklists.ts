import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { incidents } from './incidents.js';

/** Items of an incident's triage checklist and runbooks, with who ticked them. */
export const checklistItems = sqliteTable(
  'checklist_items',
  {
    incidentId: integer('incident_id')
      .notNull()
      .references(() => incidents.id),
    itemId: text('item_id').notNull(),
    /** 'triage' or 'runbook:<name>': which message the item lives in. */
    list: text('list').notNull(),
    section: text('section').notNull(),
    position: integer('position').notNull(),
    text: text('text').notNull(),
    doneBy: text('done_by'),
    doneAt: integer('done_at', { mode: 'timestamp_ms' }),
  },
  (table) => [primaryKey({ columns: [table.incidentId, table.itemId] })],
);

export type ChecklistItemRow = typeof checklistItems.$inferSelect;
