import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { preparedOnce } from '../db/prepared.js';
import type { Executor } from '../db/executor.js';
import {
  checklistItems,
  incidentRoles,
  pageMessages,
  slackMessages,
  timelineEvents,
  type AlertRow,
  type ChecklistItemRow,
  type IncidentRoleRow,
  type IncidentRow,
  type PageMessageRow,
  type SlackMessageRow,
} from '../db/schema/index.js';
import { asTimelineEvent, type TimelineEvent } from './timeline.js';
import { alertsOf, getIncident } from './queries.js';
import { runbookForCategory, type Runbook } from '../domain/runbooks.js';
import { INCIDENT_ROLES, isIncidentRole, type IncidentRole } from '../domain/roles.js';
import { cadenceOf } from './updates/updateQueries.js';
import { modelStateOf, type ModelState } from './deployments/modelState.js';

/** A role and the person holding it. */
export type RoleHolder = IncidentRoleRow & { role: IncidentRole };

/** Everything a surface needs to show one incident, read in one place. */
export interface IncidentView {
  incident: IncidentRow;
  alerts: AlertRow[];
  checklist: ChecklistItemRow[];
  /** Who holds which role, in the order roles are listed (commander first). */
  roles: RoleHolder[];
  /** The runbook offered for the incident's category, if any. */
  runbook?: { name: string; title: string };
  /** When stakeholders are next due an update, if on a clock. */
  nextUpdateDueAt?: Date;
  /** The model's versions (deployment history, alerts) and the rollbacks asked for, when the incident names a model. */
  model?: ModelState;
}

export function loadIncidentView(db: Executor, incidentId: number, runbooks: readonly Runbook[] = []): IncidentView {
  const incident = getIncident(db, incidentId);
  const runbook = runbookForCategory(runbooks, incident.category);
  const nextUpdateDueAt = cadenceOf(db, incidentId)?.nextDueAt;
  const alerts = alertsOf(db, incidentId);
  const model = modelStateOf(db, incident, alerts);
  return {
    incident,
    alerts,
    checklist: checklistOf(db, incidentId),
    roles: rolesOf(db, incidentId),
    ...(runbook ? { runbook: { name: runbook.name, title: runbook.title } } : {}),
    ...(nextUpdateDueAt ? { nextUpdateDueAt } : {}),
    ...(model ? { model } : {}),
  };
}

export function checklistOf(db: Executor, incidentId: number, list?: string): ChecklistItemRow[] {
  if (list) {
    return db.select().from(checklistItems).where(and(eq(checklistItems.incidentId, incidentId), eq(checklistItems.list, list))).orderBy(asc(checklistItems.position)).all();
  }
  return preparedOnce(db, 'checklist.ofIncident', (handle) =>
    handle.select().from(checklistItems).where(eq(checklistItems.incidentId, sql.placeholder('incidentId'))).orderBy(asc(checklistItems.position)).prepare(),
  ).all({ incidentId });
}

export function slackMessageOf(db: Executor, incidentId: number, role: string): SlackMessageRow | undefined {
  return preparedOnce(db, 'slackMessages.ofIncident', (handle) =>
    handle
      .select()
      .from(slackMessages)
      .where(and(eq(slackMessages.incidentId, sql.placeholder('incidentId')), eq(slackMessages.role, sql.placeholder('role'))))
      .prepare(),
  ).get({ incidentId, role });
}

/** Roles held, commander first; a row with a role this version does not know is left out. */
export function rolesOf(db: Executor, incidentId: number): RoleHolder[] {
  return preparedOnce(db, 'roles.ofIncident', (handle) =>
    handle.select().from(incidentRoles).where(eq(incidentRoles.incidentId, sql.placeholder('incidentId'))).prepare(),
  )
    .all({ incidentId })
    .filter((row): row is RoleHolder => isIncidentRole(row.role))
    .sort((a, b) => INCIDENT_ROLES.indexOf(a.role) - INCIDENT_ROLES.indexOf(b.role));
}

/** The most recent thing that happened to an incident ("last update" in `/incident status`). */
export function lastTimelineEvent(db: Executor, incidentId: number): TimelineEvent | undefined {
  const row = db
    .select()
    .from(timelineEvents)
    .where(eq(timelineEvents.incidentId, incidentId))
    .orderBy(desc(timelineEvents.at), desc(timelineEvents.id))
    .get();
  return row ? asTimelineEvent(row) : undefined;
}

/** Page DMs sent for an incident, so they can be kept current. */
export function pageMessagesOf(db: Executor, incidentId: number): PageMessageRow[] {
  return db.select().from(pageMessages).where(eq(pageMessages.incidentId, incidentId)).all();
}
