import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
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

/**
 * Page DMs: one per person an effect paged (a user group's page is one DM per member), with the
 * step label to render it again with, so acknowledging or resolving can take the button away.
 */
export const pageMessages = sqliteTable(
  'page_messages',
  {
    incidentId: integer('incident_id')
      .notNull()
      .references(() => incidents.id),
    /** The page.dm or page.usergroup effect that sent it. */
    effectId: integer('effect_id').notNull(),
    userId: text('user_id').notNull(),
    stepLabel: text('step_label').notNull(),
    channelId: text('channel_id').notNull(),
    ts: text('ts').notNull(),
  },
  (table) => [primaryKey({ columns: [table.effectId, table.userId] }), index('page_messages_incident').on(table.incidentId)],
);

export type SlackMessageRow = typeof slackMessages.$inferSelect;
export type PageMessageRow = typeof pageMessages.$inferSelect;
