import type { KnownBlock } from '@slack/types';
import { essentialMessage, fitMessage } from '../blocks/limits.js';
import type { Attempt, DeliveryContext } from './deliveryContext.js';
import { postOnce } from './postOnce.js';
import { slackErrorCode } from './slackErrors.js';

// A message Slack refuses for its size would be refused again on every retry, and the effect
// given up: the channel would never get its summary and buttons. The builders keep every block
// within Slack's known limits; if Slack still says no for size (a limit we do not know of), the
// message goes out smaller instead: every text budget halved, then only the text and what lets
// people act (the Acknowledge and Resolve buttons, checklist items).

/** Slack's answers for a message too big in some way. */
const SIZE_REFUSALS = new Set(['invalid_blocks', 'msg_too_long', 'msg_blocks_too_long']);

export const isSizeRefusal = (error: unknown): boolean => SIZE_REFUSALS.has(slackErrorCode(error) ?? '');

interface Message {
  channel: string;
  text: string;
  blocks?: KnownBlock[];
  threadTs?: string;
}

/** The renderings to try, in order: as built (fitted), halved, essentials only. */
function renderings<M extends { text: string; blocks?: KnownBlock[] }>(message: M): Array<() => M> {
  return [() => fitMessage(message), () => fitMessage(message, 0.5), () => essentialMessage(message)];
}

async function sendSized<M extends { text: string; blocks?: KnownBlock[] }, R>(
  ctx: DeliveryContext,
  message: M,
  what: Record<string, unknown>,
  send: (rendered: M, retry: number) => Promise<R>,
): Promise<R> {
  const tries = renderings(message);
  for (let retry = 0; ; retry++) {
    try {
      return await send(tries[retry]!(), retry);
    } catch (error) {
      if (!isSizeRefusal(error) || retry === tries.length - 1) throw error;
      ctx.logger.warn('delivery: Slack refused a message for its size; sending it smaller', { ...what, error: slackErrorCode(error), retry: retry + 1 });
    }
  }
}

/**
 * postOnce, within Slack's limits, and smaller when Slack refuses it for size. A refused post
 * reached no one, so the smaller one does not look for it in the channel again.
 */
export function postSized(ctx: DeliveryContext, attempt: Attempt, message: Message): Promise<{ channel: string; ts: string }> {
  return sendSized(ctx, message, { effectId: attempt.effect.id, channel: message.channel }, (rendered, retry) =>
    postOnce(ctx, retry === 0 ? attempt : { ...attempt, recovering: false }, rendered),
  );
}

/** chat.update, within Slack's limits, and smaller when Slack refuses it for size. */
export async function updateSized(ctx: DeliveryContext, message: { channel: string; ts: string; text: string; blocks?: KnownBlock[] }): Promise<void> {
  await sendSized(ctx, message, { channel: message.channel, ts: message.ts }, (rendered) =>
    ctx.client.chat.update({ channel: rendered.channel, ts: rendered.ts, text: rendered.text, ...(rendered.blocks ? { blocks: rendered.blocks } : {}) }),
  );
}
