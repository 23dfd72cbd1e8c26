import { enqueueEffect, userLane } from '../effects/outbox.js';
import { inTransaction, type UseCaseContext } from './context.js';

/**
 * Queue a fresh render of one person's Home tab. It goes through the outbox like every Slack
 * call, in the person's own lane, so a slow Home never holds up an incident's messages.
 */
export function requestHome(ctx: UseCaseContext, userId: string): void {
  inTransaction(ctx, (tx) => enqueueEffect(tx, null, 'home.publish', { userId }, ctx.clock.now(), userLane(userId)));
}
