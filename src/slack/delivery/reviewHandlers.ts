// The post-incident review in Slack: each compiled version as a Markdown file in the incident
// channel, and the reminders that it is due.

import { eq } from 'drizzle-orm';
import { reviews } from '../../db/schema/index.js';
import { getIncident } from '../../incidents/queries.js';
import { rolesOf } from '../../incidents/readModel.js';
import { reviewFilename, reviewReminderBlocks, reviewUploadComment } from '../blocks/reviewBlocks.js';
import { incidentChannel } from './channelHandlers.js';
import type { EffectHandler } from './deliveryContext.js';
import { postSized } from './postSized.js';

/**
 * Upload one version. A file upload carries no message metadata to find it by after a crash, so
 * a retry after an upload whose answer was lost may upload that version twice; each copy says
 * the same version, so nobody is misled.
 */
export const uploadReview: EffectHandler<'review.upload'> = async (attempt, ctx) => {
  const review = ctx.db.select().from(reviews).where(eq(reviews.id, attempt.effect.payload.reviewId)).get();
  if (!review) return { skipped: 'no such review' };
  const channel = incidentChannel(ctx, review.incidentId);
  if (!channel) return { skipped: 'no channel' };
  await ctx.client.files.uploadV2({
    channel_id: channel,
    content: review.markdown,
    filename: reviewFilename(review.incidentId, review.version),
    title: `INC-${review.incidentId} post-incident review v${review.version}`,
    initial_comment: reviewUploadComment(review.version, review.changes),
  });
  return { version: review.version };
};

/** Remind the commander, else whoever resolved it, by name. */
export const remindReview: EffectHandler<'review.reminder'> = async (attempt, ctx) => {
  const incidentId = attempt.effect.incidentId!;
  const channel = incidentChannel(ctx, incidentId);
  if (!channel) return { skipped: 'no channel' };
  const commander = rolesOf(ctx.db, incidentId).find((r) => r.role === 'commander')?.userId;
  const remind = commander ?? getIncident(ctx.db, incidentId).resolvedBy ?? undefined;
  const posted = await postSized(ctx, attempt, { channel, ...reviewReminderBlocks(incidentId, attempt.effect.payload, remind) });
  return { ts: posted.ts };
};
