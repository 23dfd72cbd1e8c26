import { getIncident } from '../../incidents/queries.js';
import { checklistOf, loadIncidentView, slackMessageOf } from '../../incidents/readModel.js';
import { recordSlackMessage } from '../../incidents/slackRecords.js';
import { checklistBlocks } from '../blocks/checklistBlocks.js';
import { summaryBlocks, summaryFallbackText } from '../blocks/summaryBlocks.js';
import { noticeText } from '../blocks/noticeText.js';
import { announceText } from '../blocks/pageBlocks.js';
import { checklistTitle } from '../blocks/checklistTitle.js';
import { runbookIntroFor } from '../blocks/runbookIntro.js';
import type { EffectHandler } from './deliveryContext.js';
import { incidentChannel } from './channelHandlers.js';
import { postSized, updateSized } from './postSized.js';
import { slackErrorCode } from './slackErrors.js';
import { offeredActions } from './operatorActionHandlers.js';

export const postSummary: EffectHandler<'summary.post'> = async (attempt, ctx) => {
  const incidentId = attempt.effect.incidentId!;
  const channel = incidentChannel(ctx, incidentId);
  if (!channel) return { skipped: 'no channel' };
  const view = loadIncidentView(ctx.db, incidentId, ctx.runbooks);
  const posted = await postSized(ctx, attempt, { channel, text: summaryFallbackText(view), blocks: summaryBlocks(view, offeredActions(ctx)) });
  recordSlackMessage(ctx.db, incidentId, 'summary', posted.channel, posted.ts);
  try {
    await ctx.client.pins.add({ channel: posted.channel, timestamp: posted.ts });
  } catch (error) {
    if (slackErrorCode(error) !== 'already_pinned') throw error;
  }
  return { ts: posted.ts };
};

export const refreshSummary: EffectHandler<'summary.refresh'> = async (attempt, ctx) => {
  const incidentId = attempt.effect.incidentId!;
  const message = slackMessageOf(ctx.db, incidentId, 'summary');
  if (!message) return { skipped: 'summary not posted' };
  const view = loadIncidentView(ctx.db, incidentId, ctx.runbooks);
  await updateSized(ctx, { channel: message.channelId, ts: message.ts, text: summaryFallbackText(view), blocks: summaryBlocks(view, offeredActions(ctx)) });
  return undefined;
};

const checklistRole = (list: string): string => `checklist:${list}`;

export const postChecklist: EffectHandler<'checklist.post'> = async (attempt, ctx) => {
  const incidentId = attempt.effect.incidentId!;
  const { list } = attempt.effect.payload;
  const channel = incidentChannel(ctx, incidentId);
  if (!channel) return { skipped: 'no channel' };
  const title = checklistTitle(list, ctx.runbooks);
  const blocks = checklistBlocks(incidentId, title, checklistOf(ctx.db, incidentId, list), runbookIntroFor(ctx.runbooks, list));
  const posted = await postSized(ctx, attempt, { channel, text: title, blocks });
  recordSlackMessage(ctx.db, incidentId, checklistRole(list), posted.channel, posted.ts);
  return { ts: posted.ts };
};

export const refreshChecklist: EffectHandler<'checklist.refresh'> = async (attempt, ctx) => {
  const incidentId = attempt.effect.incidentId!;
  const { list } = attempt.effect.payload;
  const message = slackMessageOf(ctx.db, incidentId, checklistRole(list));
  if (!message) return { skipped: 'checklist not posted' };
  const title = checklistTitle(list, ctx.runbooks);
  const blocks = checklistBlocks(incidentId, title, checklistOf(ctx.db, incidentId, list), runbookIntroFor(ctx.runbooks, list));
  await updateSized(ctx, { channel: message.channelId, ts: message.ts, text: title, blocks });
  return undefined;
};

export const postNotice: EffectHandler<'channel.notice'> = async (attempt, ctx) => {
  const incidentId = attempt.effect.incidentId!;
  const channel = incidentChannel(ctx, incidentId);
  if (!channel) return { skipped: 'no channel' };
  const { notice, data } = attempt.effect.payload;
  const text = noticeText(notice, loadIncidentView(ctx.db, incidentId), data);
  const posted = await postSized(ctx, attempt, { channel, text });
  return { ts: posted.ts };
};

/** The one-line headline in the announcement channel; joins it first if Slack requires. */
export const postAnnouncement: EffectHandler<'announce.post'> = async (attempt, ctx) => {
  const incidentId = attempt.effect.incidentId!;
  if (getIncident(ctx.db, incidentId).isPrivate) return { skipped: 'private incident' };
  const { channel } = attempt.effect.payload;
  const text = announceText(loadIncidentView(ctx.db, incidentId));
  try {
    return await postSized(ctx, attempt, { channel, text });
  } catch (error) {
    if (slackErrorCode(error) !== 'not_in_channel') throw error;
    await ctx.client.conversations.join({ channel });
    return await postSized(ctx, attempt, { channel, text });
  }
};
