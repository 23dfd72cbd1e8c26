import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../db/executor.js';
import { checklistItems, slackMessages, type AlertRow, type ChecklistItemRow, type IncidentRow, type SlackMessageRow } from '../db/schema/index.js';
import { alertsOf, getIncident } from './queries.js';
import { runbookForCategory, type Runbook } from '../domain/runbooks.js';
import type { Category } from '../domain/types.js';

/** Everything a surface needs to show one incident, read in one place. */
export interface IncidentView {
  incident: IncidentRow;
  alerts: AlertRow[];
  checklist: ChecklistItemRow[];
  /** The runbook offered for the incident's category, if any. */
  runbook?: { name: string; title: string };
}

export function loadIncidentView(db: Executor, incidentId: number, runbooks: readonly Runbook[] = []): IncidentView {
  const incident = getIncident(db, incidentId);
  const runbook = runbookForCategory(runbooks, incident.category as Category);
  return {
    incident,
    alerts: alertsOf(db, incidentId),
    checklist: checklistOf(db, incidentId),
    ...(runbook ? { runbook: { name: runbook.name, title: runbook.title } } : {}),
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
