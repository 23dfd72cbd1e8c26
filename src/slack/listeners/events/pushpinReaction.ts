import type { App } from '@slack/bolt';
import { z } from 'zod';
import { captureMessage } from '../../../incidents/captureMessage.js';
import { findIncidentByChannel } from '../../../incidents/queries.js';
import { markHandled } from '../../answerUnanswered.js';
import type { ListenerDeps } from '../listenerDeps.js';
import { fetchMessage } from './fetchMessage.js';

const reactionSchema = z.looseObject({
  user: z.string(),
  reaction: z.literal('pushpin'),
  item: z.looseObject({ type: z.literal('message'), channel: z.string(), ts: z.string() }),
});

/**
 * 📌 on a message in an incident channel puts it on the timeline, like a pin. The event names the
 * message without its text, so the text is read back from Slack first.
 */
export function registerPushpinReaction(app: App, deps: ListenerDeps): void {
  app.event('reaction_added', markHandled, async ({ event, body, client }) => {
    const reaction = reactionSchema.safeParse(event);
    if (!reaction.success) return; // another emoji, or a reaction on a file
    const { user, item } = reaction.data;
    if (!findIncidentByChannel(deps.ctx.db, item.channel)) return;
    const message = await fetchMessage(client, item.channel, item.ts);
    if (!message) {
      deps.logger.warn('slack: pinned message not found', { channel: item.channel, ts: item.ts });
      return;
    }
    captureMessage(deps.ctx, { channelId: item.channel, ...message, capturedBy: user, via: 'reaction', eventId: body.event_id });
  });
}
