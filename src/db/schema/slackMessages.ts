import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { incidents } from './incidents.js';

/** Messages Vigil keeps current (summary, checklist, runbooks), so chat.update knows where they are. */
export const slackMessages = sqliteTable(
  'slack_messages',
  {
    incidentId: integer('incident_id')
      .notNull()
      .references(() => incidents.id),
    role: text('role').notNull(),
    channelId: text('channel_id').notNull(),
    ts: text('ts').notNull(),
  },
  (table) => [primaryKey({ columns: [table.incidentId, table.role] })],
);

export type SlackMessageRow = typeof slackMessages.$inferSelect;
