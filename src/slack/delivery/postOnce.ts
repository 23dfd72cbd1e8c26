import type { KnownBlock } from '@slack/types';
import type { DeliveryContext, Attempt } from './deliveryContext.js';

const METADATA_EVENT = 'vigil_effect';
// Pages of history (or of a thread) searched for an earlier post; newest first, so it is usually on the first.
const MAX_HISTORY_PAGES = 10;

interface HistoryMessage {
  ts?: string;
  metadata?: { event_type?: string; event_payload?: Record<string, unknown> };
}

/**
 * A message this effect already posted before a crash or a lost answer, found by the effect id in
 * its metadata. If the channel cannot be read, this throws: the effect waits and checks again,
 * because posting blind is how a flaky Slack ends up with two summaries.
 */
async function findEarlierPost(ctx: DeliveryContext, channel: string, effectId: number, threadTs?: string): Promise<string | undefined> {
  let cursor: string | undefined;
  for (let page = 0; page < MAX_HISTORY_PAGES; page++) {
    const more = cursor ? { cursor } : {};
    // A reply lives in its thread, not in the channel's history.
    const history = threadTs
      ? await ctx.client.conversations.replies({ channel, ts: threadTs, limit: 200, include_all_metadata: true, ...more })
      : await ctx.client.conversations.history({ channel, limit: 100, include_all_metadata: true, ...more });
    const messages = (history.messages ?? []) as HistoryMessage[];
    const match = messages.find((m) => m.metadata?.event_type === METADATA_EVENT && Number(m.metadata.event_payload?.['effect_id']) === effectId);
    if (match) return match.ts;
    cursor = history.response_metadata?.next_cursor;
    if (!cursor) return undefined;
  }
  return undefined;
}

/**
 * Post a message at most once per effect: every post carries its effect id as message metadata,
 * and every retry first looks for it in the channel.
 */
export async function postOnce(
  ctx: DeliveryContext,
  attempt: Attempt,
  message: { channel: string; text: string; blocks?: KnownBlock[]; threadTs?: string },
): Promise<{ channel: string; ts: string }> {
  if (attempt.recovering) {
    const earlier = await findEarlierPost(ctx, message.channel, attempt.effect.id, message.threadTs);
    if (earlier) {
      ctx.logger.info('delivery: found the earlier post, not posting again', { effectId: attempt.effect.id });
      return { channel: message.channel, ts: earlier };
    }
  }
  const response = await ctx.client.chat.postMessage({
    channel: message.channel,
    text: message.text,
    ...(message.blocks ? { blocks: message.blocks } : {}),
    ...(message.threadTs ? { thread_ts: message.threadTs } : {}),
    metadata: { event_type: METADATA_EVENT, event_payload: { effect_id: attempt.effect.id } },
    unfurl_links: false,
    unfurl_media: false,
  });
  return { channel: response.channel ?? message.channel, ts: response.ts ?? '' };
}
