import { desc, eq } from 'drizzle-orm';
import { reviews, type ReviewRow } from '../../db/schema/index.js';
import { enqueueEffect } from '../../effects/outbox.js';
import { inTransaction, type UseCaseContext } from '../context.js';
import { getIncident } from '../queries.js';
import { appendTimeline } from '../timeline.js';
import { reviewData } from './reviewData.js';
import { reviewChanges } from './reviewChanges.js';

/**
 * Compile the post-incident review from the record, keep it as the next version (v1, v2, ...)
 * saying what changed since the last, and upload it to the incident channel. Compiling again
 * after edits (a root cause filled in, an action item added) is how a review is regenerated.
 */
export function compileReview(ctx: UseCaseContext, input: { incidentId: number; userId: string }): ReviewRow {
  return inTransaction(ctx, (tx) => {
    const now = ctx.clock.now();
    const incident = getIncident(tx, input.incidentId);
    const previous = tx.select().from(reviews).where(eq(reviews.incidentId, incident.id)).orderBy(desc(reviews.version)).get();
    const version = (previous?.version ?? 0) + 1;
    const cadence = ctx.policy.stakeholders.cadence;
    // Render once without the list of changes to compare like with like, then with it.
    const draft = ctx.templates.renderReview(reviewData(tx, incident, cadence, now, version, []));
    const changes = previous ? reviewChanges(previous.markdown, draft) : [];
    const markdown = ctx.templates.renderReview(reviewData(tx, incident, cadence, now, version, changes));
    const review = tx.insert(reviews).values({ incidentId: incident.id, version, markdown, changes, createdBy: input.userId, createdAt: now }).returning().get();
    appendTimeline(tx, incident.id, now, { kind: 'review.compiled', actor: input.userId, data: { reviewId: review.id, version, changes } });
    enqueueEffect(tx, incident.id, 'review.upload', { reviewId: review.id }, now);
    return review;
  });
}
