import { alertDigest } from '../../incidents/alertDigest.js';
import { slackMessageOf } from '../../incidents/readModel.js';
import { recordSlackMessage } from '../../incidents/slackRecords.js';
import { lastResultOf } from '../../effects/outbox.js';
import { digestText, digestThreadText } from '../blocks/digestText.js';
import type { EffectHandler } from './deliveryContext.js';
import { incidentChannel } from './channelHandlers.js';
import { postOnce } from './postOnce.js';

const DIGEST_ROLE = 'digest';

/**
 * Post the incident's alert digest, or edit it in place and list what joined since the last edit
 * in its thread. One pending digest stands for any number of joining alerts (it is coalesced),
 * and the worker edits it at most every few seconds: a storm is a handful of Slack calls.
 */
export const updateDigest: EffectHandler<'alerts.digest'> = async (attempt, ctx) => {
  const incidentId = attempt.effect.incidentId!;
  const channel = incidentChannel(ctx, incidentId);
  if (!channel) return { skipped: 'no channel' };
  const since = Number(lastResultOf(ctx.db, attempt.effect.lane, 'alerts.digest')?.['lastAlertId'] ?? 0);
  const digest = alertDigest(ctx.db, incidentId, since);
  const message = slackMessageOf(ctx.db, incidentId, DIGEST_ROLE);
  if (!message) {
    const posted = await postOnce(ctx, attempt, { channel, text: digestText(digest) });
    recordSlackMessage(ctx.db, incidentId, DIGEST_ROLE, posted.channel, posted.ts);
    return { ts: posted.ts, lastAlertId: digest.lastAlertId };
  }
  await ctx.client.chat.update({ channel: message.channelId, ts: message.ts, text: digestText(digest) });
  if (digest.newCount > 0) {
    await postOnce(ctx, attempt, { channel: message.channelId, threadTs: message.ts, text: digestThreadText(digest) });
  }
  return { lastAlertId: digest.lastAlertId };
};
