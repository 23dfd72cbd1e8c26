import { loadIncidentView, pageMessagesOf } from '../../incidents/readModel.js';
import { recordPageMessage } from '../../incidents/slackRecords.js';
import { incidentRef } from '../blocks/format.js';
import { pageBlocks } from '../blocks/pageBlocks.js';
import type { Attempt, DeliveryContext, EffectHandler } from './deliveryContext.js';
import { incidentChannel } from './channelHandlers.js';
import { postSized, updateSized } from './postSized.js';
import { slackErrorCode } from './slackErrors.js';

async function dmPage(ctx: DeliveryContext, attempt: Attempt, userId: string, stepLabel: string): Promise<string> {
  const incidentId = attempt.effect.incidentId!;
  const opened = await ctx.client.conversations.open({ users: userId });
  const dm = opened.channel?.id;
  if (!dm) throw new Error('conversations.open answered without a channel');
  const view = loadIncidentView(ctx.db, incidentId);
  const posted = await postSized(ctx, attempt, {
    channel: dm,
    text: `You are paged (${stepLabel}) for ${incidentRef(incidentId)} ${view.incident.severity}`,
    blocks: pageBlocks(view, stepLabel, ctx.clock.now()),
  });
  recordPageMessage(ctx.db, { incidentId, effectId: attempt.effect.id, userId, stepLabel, channelId: posted.channel, ts: posted.ts });
  return posted.ts;
}

/** Keep page DMs current: once acknowledged or resolved, the Acknowledge button goes away. */
export const refreshPages: EffectHandler<'pages.refresh'> = async (attempt, ctx) => {
  const incidentId = attempt.effect.incidentId!;
  const view = loadIncidentView(ctx.db, incidentId);
  const now = ctx.clock.now();
  for (const message of pageMessagesOf(ctx.db, incidentId)) {
    const label = message.stepLabel || 'page';
    await updateSized(ctx, {
      channel: message.channelId,
      ts: message.ts,
      text: `Page (${label}) for ${incidentRef(incidentId)} ${view.incident.severity}`,
      blocks: pageBlocks(view, label, now),
    });
  }
  return undefined;
};

export const sendPageDm: EffectHandler<'page.dm'> = async (attempt, ctx) => {
  const { userId, stepLabel } = attempt.effect.payload;
  const ts = await dmPage(ctx, attempt, userId, stepLabel);
  return { ts };
};

/** A user group is expanded when the page goes out, so it reaches whoever is in it then. */
export const sendUsergroupPage: EffectHandler<'page.usergroup'> = async (attempt, ctx) => {
  const { usergroup, stepLabel } = attempt.effect.payload;
  const members = await ctx.client.usergroups.users.list({ usergroup });
  const users = members.users ?? [];
  const channel = incidentChannel(ctx, attempt.effect.incidentId!);
  for (const userId of users) {
    await dmPage(ctx, attempt, userId, stepLabel);
    if (channel) {
      try {
        await ctx.client.conversations.invite({ channel, users: userId });
      } catch (error) {
        if (!slackErrorCode(error)) throw error;
      }
    }
  }
  return { users };
};
