import type { WebClient } from '@slack/web-api';
import { recordReadBackMessage } from '../../incidents/captureMessage.js';
import { messageForTimeline, type MessageForTimeline } from '../interaction/payloads.js';
import type { EffectHandler } from './deliveryContext.js';
import { slackErrorCode } from './slackErrors.js';

interface HistoryMessage {
  ts?: string;
  text?: string;
  user?: string;
  bot_id?: string;
}

const asFetched = (message: HistoryMessage | undefined, ts: string): MessageForTimeline | undefined =>
  message?.ts === ts ? messageForTimeline({ ...message, ts }) : undefined;

// Slack's answers for a message that is no longer there: nothing to keep, nothing to retry.
const GONE = new Set(['thread_not_found', 'message_not_found']);

/**
 * One message by channel and ts: from the channel's history, or from a thread when it is a
 * reply. Undefined when Slack no longer has it; any other failure throws, so the effect is
 * retried.
 */
async function fetchMessage(client: WebClient, channel: string, ts: string): Promise<MessageForTimeline | undefined> {
  const history = await client.conversations.history({ channel, latest: ts, inclusive: true, limit: 1 });
  const top = asFetched(history.messages?.[0], ts);
  if (top) return top;
  try {
    const thread = await client.conversations.replies({ channel, ts, latest: ts, inclusive: true, limit: 1 });
    return asFetched(thread.messages?.find((m) => m.ts === ts), ts);
  } catch (error) {
    if (GONE.has(slackErrorCode(error) ?? '')) return undefined;
    throw error;
  }
}

/**
 * A 📌 asked for a message to be kept: read it back from Slack and put it on the timeline, dated
 * when the person reacted. Retried by the worker while Slack fails; a retry after the message
 * was already kept changes nothing (it is kept once per ts).
 */
export const captureReactedMessage: EffectHandler<'message.capture'> = async (attempt, ctx) => {
  const request = attempt.effect.payload;
  const message = await fetchMessage(ctx.client, request.channelId, request.ts);
  if (!message) {
    ctx.logger.warn('delivery: the 📌 message is no longer in Slack; nothing to keep', { channel: request.channelId, ts: request.ts });
    return { found: false };
  }
  const result = recordReadBackMessage(ctx.db, ctx.clock.now(), {
    channelId: request.channelId,
    ...message,
    capturedBy: request.capturedBy,
    via: 'reaction',
    at: new Date(request.requestedAt),
  });
  return { found: true, captured: result.captured };
};
