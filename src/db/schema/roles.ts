import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { incidents } from './incidents.js';

/** Who holds which incident role (commander, scribe, comms, ml-lead); one person per role. */
export const incidentRoles = sqliteTable(
  'incident_roles',
  {
    incidentId: integer('incident_id')
      .notNull()
      .references(() => incidents.id),
    role: text('role').notNull(),
    userId: text('user_id').notNull(),
    assignedBy: text('assigned_by').notNull(),
    assignedAt: integer('assigned_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.incidentId, table.role] })],
);

export type IncidentRoleRow = typeof incidentRoles.$inferSelect;
