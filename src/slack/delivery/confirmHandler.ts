import { getIncident } from '../../incidents/queries.js';
import { declaredText } from '../blocks/declaredText.js';
import type { EffectHandler } from './deliveryContext.js';
import { postOnce } from './postOnce.js';

/**
 * Confirm a declaration privately where it was made; where Slack will not show an ephemeral
 * (a channel the bot is not in), by direct message instead.
 */
export const confirmDeclared: EffectHandler<'declare.confirm'> = async (attempt, ctx) => {
  const incident = getIncident(ctx.db, attempt.effect.incidentId!);
  const { userId, origin } = attempt.effect.payload;
  const text = declaredText(incident);
  try {
    await ctx.client.chat.postEphemeral({ channel: origin, user: userId, text });
    return { via: 'ephemeral' };
  } catch (error) {
    ctx.logger.info('delivery: ephemeral confirmation failed; sending a direct message', { error: (error as Error).message });
  }
  const posted = await postOnce(ctx, attempt, { channel: userId, text });
  return { via: 'dm', ts: posted.ts };
};
