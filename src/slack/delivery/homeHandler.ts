import type { EffectHandler } from './deliveryContext.js';
import { homeView } from '../blocks/homeBlocks.js';
import { loadHome } from '../../incidents/homeQuery.js';

/** Re-render one user's Home tab from the current state. */
export const publishHome: EffectHandler<'home.publish'> = async (attempt, ctx) => {
  const { userId } = attempt.effect.payload;
  await ctx.client.views.publish({ user_id: userId, view: homeView(loadHome(ctx.db, userId), ctx.clock.now()) });
  return undefined;
};
