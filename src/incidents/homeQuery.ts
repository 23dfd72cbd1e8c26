import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Executor } from '../db/executor.js';
import { incidentRoles, incidents, timelineEvents, type IncidentRow } from '../db/schema/index.js';
import { severityRank } from '../domain/severity.js';
import { listOpenIncidents } from './queries.js';
import { pagedUsersOf } from './timeline.js';

export interface HomeRole {
  incident: IncidentRow;
  role: string;
}

export interface HomeData {
  userId: string;
  /** Open incidents the user may see, most severe first, then oldest first. */
  openIncidents: IncidentRow[];
  /** Unacknowledged incidents this user was paged for. */
  awaitingMyAck: IncidentRow[];
  /** Roles the user holds in open incidents. */
  myRoles: HomeRole[];
}

const bySeverityThenAge = (a: IncidentRow, b: IncidentRow): number =>
  severityRank(a.severity) - severityRank(b.severity) || a.declaredAt.getTime() - b.declaredAt.getTime();

/** Ids of open, unacknowledged incidents whose pages reached this user. */
function pagedAndUnacknowledged(db: Executor, userId: string, openIds: number[]): Set<number> {
  const pages = db
    .select({ incidentId: timelineEvents.incidentId, data: timelineEvents.data })
    .from(timelineEvents)
    .innerJoin(incidents, eq(incidents.id, timelineEvents.incidentId))
    .where(and(eq(timelineEvents.kind, 'page.sent'), isNull(incidents.acknowledgedAt), inArray(incidents.id, openIds.concat(-1))))
    .all();
  return new Set(pages.filter((row) => pagedUsersOf(row).includes(userId)).map((row) => row.incidentId));
}

/**
 * What a user's Home tab shows: open incidents by severity, the pages waiting on them and the
 * roles they hold. A private incident shows only to people already in it (declared it, hold a
 * role, were paged, acknowledged): nothing about it is announced beyond its channel.
 */
export function loadHome(db: Executor, userId: string): HomeData {
  const open = listOpenIncidents(db).sort(bySeverityThenAge);
  const openIds = open.map((i) => i.id);
  const awaiting = pagedAndUnacknowledged(db, userId, openIds);
  const roles = db
    .select()
    .from(incidentRoles)
    .where(and(eq(incidentRoles.userId, userId), inArray(incidentRoles.incidentId, openIds.concat(-1))))
    .all();
  const involved = (incident: IncidentRow): boolean =>
    incident.declaredBy === userId || incident.acknowledgedBy === userId || awaiting.has(incident.id) || roles.some((r) => r.incidentId === incident.id);
  const visible = open.filter((incident) => !incident.isPrivate || involved(incident));
  return {
    userId,
    openIncidents: visible,
    awaitingMyAck: visible.filter((i) => awaiting.has(i.id)),
    myRoles: visible.flatMap((incident) => roles.filter((r) => r.incidentId === incident.id).map((r) => ({ incident, role: r.role }))),
  };
}
