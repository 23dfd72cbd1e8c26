import { eq } from 'drizzle-orm';
import { incidents } from '../db/schema/index.js';
import type { Category } from '../domain/types.js';
import { VigilError } from '../shared/errors.js';
import { enqueueEffect } from '../effects/outbox.js';
import { inTransaction, type UseCaseContext } from './context.js';
import { appendTimeline } from './timeline.js';
import { getIncident } from './queries.js';

export interface CategoryChange {
  from: Category;
  /** The rotation that keeps being paged: the one routed at declaration. */
  rotation: string;
  /** The rotation the new category would route to, which may differ. */
  routesTo: string;
}

/**
 * Reclassify an incident (triage often finds "drift" was a broken pipeline). Paging stays with
 * the rotation already engaged: swapping on-call people mid-incident loses context, and
 * `/incident escalate <rotation>` brings the other team in when wanted. The timeline says both.
 */
export function changeCategory(ctx: UseCaseContext, input: { incidentId: number; category: Category; userId: string }): CategoryChange {
  return inTransaction(ctx, (tx) => {
    const now = ctx.clock.now();
    const incident = getIncident(tx, input.incidentId);
    const from = incident.category;
    if (incident.status === 'resolved') throw new VigilError('invalid_transition', `Incident ${incident.id} is resolved; reopen it first.`);
    if (from === input.category) throw new VigilError('conflict', `Incident ${incident.id} is already in the ${from} category.`);
    const rotation = incident.routedRotation ?? ctx.policy.routing[from];
    const routesTo = ctx.policy.routing[input.category];
    tx.update(incidents).set({ category: input.category, updatedAt: now }).where(eq(incidents.id, incident.id)).run();
    appendTimeline(tx, incident.id, now, {
      kind: 'category.changed',
      actor: input.userId,
      data: { from, to: input.category, rotation, routesTo },
    });
    enqueueEffect(tx, incident.id, 'channel.notice', { notice: 'category_changed', data: { from, to: input.category, by: input.userId, rotation, routesTo } }, now);
    enqueueEffect(tx, incident.id, 'summary.refresh', {}, now);
    enqueueEffect(tx, incident.id, 'channel.topic', {}, now);
    return { from, rotation, routesTo };
  });
}
