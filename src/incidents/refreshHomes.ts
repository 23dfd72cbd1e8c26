import { and, eq } from 'drizzle-orm';
import type { Executor } from '../db/executor.js';
import { incidentRoles, timelineEvents } from '../db/schema/index.js';
import { enqueueEffect } from '../effects/outbox.js';
import { pagedUsersOf } from './timeline.js';

/** Everyone whose Home tab shows this incident as theirs: people it paged and people in its roles. */
function involvedUsers(tx: Executor, incidentId: number): string[] {
  const paged = tx
    .select({ data: timelineEvents.data })
    .from(timelineEvents)
    .where(and(eq(timelineEvents.incidentId, incidentId), eq(timelineEvents.kind, 'page.sent')))
    .all()
    .flatMap(pagedUsersOf);
  const roles = tx.select({ userId: incidentRoles.userId }).from(incidentRoles).where(eq(incidentRoles.incidentId, incidentId)).all();
  return [...paged, ...roles.map((r) => r.userId)];
}

/**
 * Re-render the Home tabs that show this incident as the person's own (a page waiting for
 * them, a role they hold), in the caller's transaction. They go in the incident's lane, after
 * its channel exists, so the Home links to it rather than to "channel being created".
 */
export function refreshHomes(tx: Executor, incidentId: number, now: Date, alsoUsers: readonly string[] = []): void {
  for (const userId of new Set([...involvedUsers(tx, incidentId), ...alsoUsers])) {
    enqueueEffect(tx, incidentId, 'home.publish', { userId }, now);
  }
}
