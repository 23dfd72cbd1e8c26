import type { KnownBlock } from '@slack/types';
import type { DeliveryContext, Attempt } from './deliveryContext.js';

const METADATA_EVENT = 'vigil_effect';

interface HistoryMessage {
  ts?: string;
  metadata?: { event_type?: string; event_payload?: Record<string, unknown> };
}

/** A message this effect already posted before a crash, found by the effect id in its metadata. */
async function findEarlierPost(ctx: DeliveryContext, channel: string, effectId: number): Promise<string | undefined> {
  try {
    const history = await ctx.client.conversations.history({ channel, limit: 100, include_all_metadata: true });
    const messages = (history.messages ?? []) as HistoryMessage[];
    const match = messages.find((m) => m.metadata?.event_type === METADATA_EVENT && Number(m.metadata.event_payload?.['effect_id']) === effectId);
    return match?.ts;
  } catch (error) {
    // Without history we cannot tell; posting again risks a duplicate but never a loss.
    ctx.logger.warn('delivery: could not check for an earlier post', { channel, effectId, error: (error as Error).message });
    return undefined;
  }
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
    const earlier = await findEarlierPost(ctx, message.channel, attempt.effect.id);
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
