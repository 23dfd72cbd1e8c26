import { eq } from 'drizzle-orm';
import { incidents } from '../../db/schema/index.js';
import { VigilError } from '../../shared/errors.js';
import { inTransaction, type UseCaseContext } from '../context.js';
import { getIncident } from '../queries.js';
import { appendTimeline } from '../timeline.js';

/** `/incident review done`: the team held the review; reminders stop. */
export function completeReview(ctx: UseCaseContext, input: { incidentId: number; userId: string }): void {
  inTransaction(ctx, (tx) => {
    const now = ctx.clock.now();
    const incident = getIncident(tx, input.incidentId);
    if (incident.status !== 'resolved') throw new VigilError('conflict', `Incident ${incident.id} is not resolved yet; its review comes after.`);
    if (incident.reviewCompletedAt) throw new VigilError('conflict', `The review of incident ${incident.id} is already marked complete.`);
    tx.update(incidents).set({ reviewCompletedAt: now, updatedAt: now }).where(eq(incidents.id, incident.id)).run();
    appendTimeline(tx, incident.id, now, { kind: 'review.completed', actor: input.userId, data: {} });
  });
}
