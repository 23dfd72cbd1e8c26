// Stakeholder updates in Slack: the update itself where its audience reads it, the approval
// message in the incident channel, and the cadence's reminders to the comms lead.

import { rolesOf, slackMessageOf } from '../../incidents/readModel.js';
import { recordSlackMessage } from '../../incidents/slackRecords.js';
import { getUpdate } from '../../incidents/updates/updateQueries.js';
import { approvalBlocks, reminderBlocks } from '../blocks/updateMessages.js';
import type { DeliveryContext, EffectHandler } from './deliveryContext.js';
import { incidentChannel } from './channelHandlers.js';
import { postSized, updateSized } from './postSized.js';
import { slackErrorCode } from './slackErrors.js';

const approvalRole = (updateId: number): string => `update:${updateId}`;

/** Post in a channel Vigil may not have joined yet (an audience's public channel): join, then post. */
async function postJoining(ctx: DeliveryContext, post: () => Promise<{ channel: string; ts: string }>, channel: string): Promise<{ channel: string; ts: string }> {
  try {
    return await post();
  } catch (error) {
    if (slackErrorCode(error) !== 'not_in_channel') throw error;
    await ctx.client.conversations.join({ channel });
    return await post();
  }
}

/** The update's stored text, exactly as previewed, in the audience's channel or the incident's. */
export const postUpdate: EffectHandler<'update.post'> = async (attempt, ctx) => {
  const update = getUpdate(ctx.db, attempt.effect.payload.updateId);
  const channel = attempt.effect.payload.channel ?? incidentChannel(ctx, update.incidentId);
  if (!channel) return { skipped: 'no channel' };
  const posted = await postJoining(ctx, () => postSized(ctx, attempt, { channel, text: update.slackText }), channel);
  return { ts: posted.ts, channel: posted.channel };
};

export const requestApproval: EffectHandler<'update.approval'> = async (attempt, ctx) => {
  const update = getUpdate(ctx.db, attempt.effect.payload.updateId);
  const channel = incidentChannel(ctx, update.incidentId);
  if (!channel) return { skipped: 'no channel' };
  const posted = await postSized(ctx, attempt, { channel, ...approvalBlocks(update, attempt.effect.payload.channel ?? undefined) });
  recordSlackMessage(ctx.db, update.incidentId, approvalRole(update.id), posted.channel, posted.ts);
  return { ts: posted.ts };
};

/** The approval message, re-rendered from where the update stands (approved, or being edited). */
export const refreshApproval: EffectHandler<'update.approval_refresh'> = async (attempt, ctx) => {
  const update = getUpdate(ctx.db, attempt.effect.payload.updateId);
  const message = slackMessageOf(ctx.db, update.incidentId, approvalRole(update.id));
  if (!message) return { skipped: 'approval message not posted' };
  await updateSized(ctx, { channel: message.channelId, ts: message.ts, ...approvalBlocks(update, attempt.effect.payload.channel ?? undefined) });
  return undefined;
};

/** Remind the comms lead, else the commander, by name. */
export const remindUpdate: EffectHandler<'update.reminder'> = async (attempt, ctx) => {
  const incidentId = attempt.effect.incidentId!;
  const channel = incidentChannel(ctx, incidentId);
  if (!channel) return { skipped: 'no channel' };
  const roles = rolesOf(ctx.db, incidentId);
  const remind = (roles.find((r) => r.role === 'comms') ?? roles.find((r) => r.role === 'commander'))?.userId;
  const posted = await postSized(ctx, attempt, { channel, ...reminderBlocks(incidentId, attempt.effect.payload, remind) });
  return { ts: posted.ts };
};
