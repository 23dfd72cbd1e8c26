import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Executor } from '../db/executor.js';
import { incidents, type IncidentRow } from '../db/schema/index.js';
import { severityRank } from '../domain/severity.js';
import type { Severity } from '../domain/types.js';
import { listOpenIncidents } from './queries.js';
import { timelineEvents } from '../db/schema/index.js';

export interface HomeData {
  userId: string;
  openIncidents: IncidentRow[];
  /** Unacknowledged incidents this user was paged for. */
  awaitingMyAck: IncidentRow[];
}

/** What a user's Home tab shows: open incidents by severity and the pages waiting on them. */
export function loadHome(db: Executor, userId: string): HomeData {
  const open = listOpenIncidents(db).sort(
    (a, b) => severityRank(a.severity as Severity) - severityRank(b.severity as Severity) || a.declaredAt.getTime() - b.declaredAt.getTime(),
  );
  const pagedIds = db
    .select({ incidentId: timelineEvents.incidentId, data: timelineEvents.data })
    .from(timelineEvents)
    .innerJoin(incidents, eq(incidents.id, timelineEvents.incidentId))
    .where(and(eq(timelineEvents.kind, 'page.sent'), isNull(incidents.acknowledgedAt), inArray(incidents.id, open.map((i) => i.id).concat(-1))))
    .all()
    .filter((row) => Array.isArray(row.data['users']) && (row.data['users'] as unknown[]).includes(userId))
    .map((row) => row.incidentId);
  return { userId, openIncidents: open, awaitingMyAck: open.filter((i) => pagedIds.includes(i.id)) };
}
