// Action items in Slack: the incident channel's list, edited in place, and the reminders to
// owners (or to the channel, when nobody owns an item), refreshed once the item is done.

import { actionItemsOf, getActionItem } from '../../incidents/actionItems/actionItemQueries.js';
import { getIncident } from '../../incidents/queries.js';
import { slackMessageOf } from '../../incidents/readModel.js';
import { recordSlackMessage } from '../../incidents/slackRecords.js';
import { actionListMessage } from '../blocks/actionListBlocks.js';
import { actionReminderMessage } from '../blocks/actionReminderBlocks.js';
import type { EffectHandler } from './deliveryContext.js';
import { incidentChannel } from './channelHandlers.js';
import { postSized, updateSized } from './postSized.js';

const LIST_ROLE = 'action-items';
/** Only the latest reminder of an item is kept current; an older one's button still works (idempotent). */
const reminderRole = (itemId: number): string => `action-item:${itemId}:reminder`;

/** Post the list the first time, edit it afterwards: one message per incident, however many items. */
export const postOrRefreshActionList: EffectHandler<'actions.list'> = async (attempt, ctx) => {
  const incidentId = attempt.effect.incidentId!;
  const message = actionListMessage(incidentId, actionItemsOf(ctx.db, incidentId), ctx.clock.now());
  const posted = slackMessageOf(ctx.db, incidentId, LIST_ROLE);
  if (posted) {
    await updateSized(ctx, { channel: posted.channelId, ts: posted.ts, ...message });
    return undefined;
  }
  const channel = incidentChannel(ctx, incidentId);
  if (!channel) return { skipped: 'no channel' };
  const sent = await postSized(ctx, attempt, { channel, ...message });
  recordSlackMessage(ctx.db, incidentId, LIST_ROLE, sent.channel, sent.ts);
  return { ts: sent.ts };
};

/** DM the owner (or tell the incident channel) that the item is due or overdue. */
export const remindActionItem: EffectHandler<'action.reminder'> = async (attempt, ctx) => {
  const item = getActionItem(ctx.db, attempt.effect.payload.itemId);
  // Done between the tick and the delivery: a reminder now would only be noise.
  if (item.status === 'done') return { skipped: 'done since' };
  let channel: string | undefined;
  if (item.owner) {
    const opened = await ctx.client.conversations.open({ users: item.owner });
    channel = opened.channel?.id;
    if (!channel) throw new Error('conversations.open answered without a channel');
  } else {
    channel = incidentChannel(ctx, item.incidentId);
    if (!channel) return { skipped: 'no channel' };
  }
  const message = actionReminderMessage(item, getIncident(ctx.db, item.incidentId), ctx.clock.now());
  const sent = await postSized(ctx, attempt, { channel, ...message });
  recordSlackMessage(ctx.db, item.incidentId, reminderRole(item.id), sent.channel, sent.ts);
  return { ts: sent.ts, channel: sent.channel };
};

export const refreshActionReminder: EffectHandler<'action.reminder_refresh'> = async (attempt, ctx) => {
  const item = getActionItem(ctx.db, attempt.effect.payload.itemId);
  const posted = slackMessageOf(ctx.db, item.incidentId, reminderRole(item.id));
  if (!posted) return { skipped: 'no reminder posted' };
  const message = actionReminderMessage(item, getIncident(ctx.db, item.incidentId), ctx.clock.now());
  await updateSized(ctx, { channel: posted.channelId, ts: posted.ts, ...message });
  return undefined;
};
