import type { App } from '@slack/bolt';
import { z } from 'zod';
import { requestCapture } from '../../../incidents/requestCapture.js';
import { markHandled } from '../../answerUnanswered.js';
import type { ListenerDeps } from '../listenerDeps.js';

const reactionSchema = z.looseObject({
  user: z.string(),
  reaction: z.literal('pushpin'),
  item: z.looseObject({ type: z.literal('message'), channel: z.string(), ts: z.string() }),
});

/**
 * 📌 on a message in an incident channel puts it on the timeline, like a pin. The event names the
 * message without its text; the request is recorded at once and the text read back from Slack
 * through the outbox, so a failing read-back is retried instead of losing the reaction.
 */
export function registerPushpinReaction(app: App, deps: ListenerDeps): void {
  app.event('reaction_added', markHandled, async ({ event, body }) => {
    const reaction = reactionSchema.safeParse(event);
    if (!reaction.success) return; // another emoji, or a reaction on a file
    const { user, item } = reaction.data;
    requestCapture(deps.ctx, { channelId: item.channel, ts: item.ts, capturedBy: user, eventId: body.event_id });
  });
}
