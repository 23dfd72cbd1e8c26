import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../db/executor.js';
import { checklistItems, slackMessages, type AlertRow, type ChecklistItemRow, type IncidentRow, type SlackMessageRow } from '../db/schema/index.js';
import { alertsOf, getIncident } from './queries.js';

/** Everything a surface needs to show one incident, read in one place. */
export interface IncidentView {
  incident: IncidentRow;
  alerts: AlertRow[];
  checklist: ChecklistItemRow[];
}

export function loadIncidentView(db: Executor, incidentId: number): IncidentView {
  return {
    incident: getIncident(db, incidentId),
    alerts: alertsOf(db, incidentId),
    checklist: checklistOf(db, incidentId),
  };
}

export function checklistOf(db: Executor, incidentId: number, list?: string): ChecklistItemRow[] {
  const conditions = [eq(checklistItems.incidentId, incidentId)];
  if (list) conditions.push(eq(checklistItems.list, list));
  return db.select().from(checklistItems).where(and(...conditions)).orderBy(asc(checklistItems.position)).all();
}

export function slackMessageOf(db: Executor, incidentId: number, role: string): SlackMessageRow | undefined {
  return db
    .select()
    .from(slackMessages)
    .where(and(eq(slackMessages.incidentId, incidentId), eq(slackMessages.role, role)))
    .get();
}
