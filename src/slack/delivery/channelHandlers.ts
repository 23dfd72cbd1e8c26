import { incidentChannelName } from '../../domain/channelName.js';
import { getIncident } from '../../incidents/queries.js';
import { loadIncidentView } from '../../incidents/readModel.js';
import { recordIncidentChannel } from '../../incidents/slackRecords.js';
import { topicText } from '../blocks/pageBlocks.js';
import type { DeliveryContext, EffectHandler, Attempt } from './deliveryContext.js';
import { slackErrorCode } from './slackErrors.js';

const MAX_NAME_ATTEMPTS = 10;
// Pages of conversations.list read when adopting a channel after a crash (up to 1,000 channels each).
const MAX_LIST_PAGES = 10;
// Error codes that mean the invite already holds, or can never hold for this user.
const INVITE_DONE = new Set(['already_in_channel', 'cant_invite_self']);

/** After a crash mid-create: a channel with one of our names, made by us, since this effect was queued. */
async function findChannelWeCreated(ctx: DeliveryContext, attempt: Attempt, names: string[]): Promise<{ id: string; name: string } | undefined> {
  const since = Math.floor(attempt.effect.createdAt.getTime() / 1000) - 60;
  // Slack answers in pages: a large workspace needs the cursor, or we create a second channel.
  let cursor: string | undefined;
  for (let page = 0; page < MAX_LIST_PAGES; page++) {
    const listed = await ctx.client.conversations.list({ types: 'public_channel,private_channel', exclude_archived: false, limit: 1000, ...(cursor ? { cursor } : {}) });
    const found = (listed.channels ?? []).find(
      (c) => c.name !== undefined && names.includes(c.name) && c.creator === ctx.botUserId && (c.created ?? 0) >= since,
    );
    if (found?.id && found.name) return { id: found.id, name: found.name };
    cursor = listed.response_metadata?.next_cursor;
    if (!cursor) return undefined;
  }
  ctx.logger.warn('delivery: channel look-up stopped after its page limit', { pages: MAX_LIST_PAGES });
  return undefined;
}

/** Create `inc-<n>-<slug>`; on name_taken try `-2`, `-3`, ... */
export const createChannel: EffectHandler<'channel.create'> = async (attempt, ctx) => {
  const incidentId = attempt.effect.incidentId!;
  const incident = getIncident(ctx.db, incidentId);
  if (incident.channelId) return { channelId: incident.channelId };
  const names = Array.from({ length: MAX_NAME_ATTEMPTS }, (_, i) => incidentChannelName(incidentId, incident.title, i === 0 ? undefined : i + 1));
  if (attempt.recovering) {
    const existing = await findChannelWeCreated(ctx, attempt, names);
    if (existing) {
      recordIncidentChannel(ctx.db, incidentId, existing.id, existing.name);
      return { channelId: existing.id, recovered: true };
    }
  }
  for (const name of names) {
    try {
      const created = await ctx.client.conversations.create({ name, is_private: incident.isPrivate });
      const channelId = created.channel?.id;
      if (!channelId) throw new Error('conversations.create answered without a channel id');
      recordIncidentChannel(ctx.db, incidentId, channelId, created.channel?.name ?? name);
      return { channelId, name };
    } catch (error) {
      if (slackErrorCode(error) !== 'name_taken') throw error;
      ctx.logger.info('delivery: channel name taken, trying another', { name });
    }
  }
  throw new Error(`no free channel name after ${MAX_NAME_ATTEMPTS} attempts`);
};

/** The channel an effect needs; effects of one incident run in order, so it exists by now unless creation failed for good. */
export function incidentChannel(ctx: DeliveryContext, incidentId: number): string | undefined {
  const channelId = getIncident(ctx.db, incidentId).channelId ?? undefined;
  if (!channelId) ctx.logger.warn('delivery: incident has no channel; skipping', { incidentId });
  return channelId;
}

export const setTopic: EffectHandler<'channel.topic'> = async (attempt, ctx) => {
  const channel = incidentChannel(ctx, attempt.effect.incidentId!);
  if (!channel) return { skipped: 'no channel' };
  const topic = topicText(loadIncidentView(ctx.db, attempt.effect.incidentId!));
  await ctx.client.conversations.setTopic({ channel, topic });
  return undefined;
};

/** Invite one user at a time: one unknown user must not keep the others out. */
export const inviteUsers: EffectHandler<'channel.invite'> = async (attempt, ctx) => {
  const channel = incidentChannel(ctx, attempt.effect.incidentId!);
  if (!channel) return { skipped: 'no channel' };
  const { users } = attempt.effect.payload;
  const outcome: Record<string, string> = {};
  for (const user of users) {
    try {
      await ctx.client.conversations.invite({ channel, users: user });
      outcome[user] = 'invited';
    } catch (error) {
      const code = slackErrorCode(error);
      if (code && INVITE_DONE.has(code)) {
        outcome[user] = code;
        continue;
      }
      if (code) {
        ctx.logger.warn('delivery: could not invite user', { user, error: code });
        outcome[user] = code;
        continue;
      }
      throw error;
    }
  }
  return outcome;
};
