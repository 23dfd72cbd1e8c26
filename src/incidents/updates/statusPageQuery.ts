import { and, desc, eq, gte, inArray, isNull, ne, or } from 'drizzle-orm';
import type { Executor } from '../../db/executor.js';
import { incidents, stakeholderUpdates, type StakeholderUpdateRow } from '../../db/schema/index.js';
import { statusPageFields, type StatusIncident, type StatusUpdate } from '../../comms/statusPage.js';

/** Resolved incidents stay on the status page this long. */
export const RESOLVED_SHOWN_MS = 14 * 24 * 3600_000;

/** An incident as the status page shows it, with our own number so a client can quote it. */
export type PublicIncident = StatusIncident & { id: number };

function publicUpdate(row: StakeholderUpdateRow): StatusUpdate {
  return {
    postedAt: row.postedAt ?? row.updatedAt,
    state: row.state,
    impact: row.impact,
    fields: statusPageFields(row.fields),
    ...(row.nextUpdateAt && row.state !== 'resolved' ? { nextUpdateAt: row.nextUpdateAt } : {}),
  };
}

/**
 * The incidents a client may see: those with a posted client update, open or resolved in the
 * last 14 days, never a private one. Everything shown comes from the client updates themselves
 * (headline, state, impact, components, words), so nothing internal reaches the page.
 */
export function statusPageIncidents(db: Executor, now: Date): { open: PublicIncident[]; resolved: PublicIncident[] } {
  const since = new Date(now.getTime() - RESOLVED_SHOWN_MS);
  const shown = db
    .select({ id: incidents.id, status: incidents.status, resolvedAt: incidents.resolvedAt })
    .from(incidents)
    .where(and(eq(incidents.isPrivate, false), or(ne(incidents.status, 'resolved'), isNull(incidents.resolvedAt), gte(incidents.resolvedAt, since))))
    .all();
  const byId = new Map(shown.map((i) => [i.id, i]));
  if (byId.size === 0) return { open: [], resolved: [] };
  const updates = db
    .select()
    .from(stakeholderUpdates)
    .where(and(inArray(stakeholderUpdates.incidentId, [...byId.keys()]), eq(stakeholderUpdates.audience, 'client'), eq(stakeholderUpdates.status, 'posted')))
    .orderBy(desc(stakeholderUpdates.postedAt), desc(stakeholderUpdates.id))
    .all();
  const grouped = new Map<number, StakeholderUpdateRow[]>();
  for (const row of updates) grouped.set(row.incidentId, [...(grouped.get(row.incidentId) ?? []), row]);
  const result = { open: [] as PublicIncident[], resolved: [] as PublicIncident[] };
  for (const [id, rows] of grouped) {
    const incident = byId.get(id)!;
    const latest = rows[0]!;
    const first = rows[rows.length - 1]!;
    const entry: PublicIncident = {
      id,
      headline: latest.fields.headline,
      components: latest.components,
      state: latest.state,
      impact: latest.impact,
      startedAt: first.postedAt ?? first.updatedAt,
      ...(incident.status === 'resolved' && incident.resolvedAt ? { resolvedAt: incident.resolvedAt } : {}),
      updates: rows.map(publicUpdate),
    };
    (incident.status === 'resolved' ? result.resolved : result.open).push(entry);
  }
  const newestFirst = (a: PublicIncident, b: PublicIncident) => b.updates[0]!.postedAt.getTime() - a.updates[0]!.postedAt.getTime();
  result.open.sort(newestFirst);
  result.resolved.sort(newestFirst);
  return result;
}
