import type { App } from '@slack/bolt';
import { z } from 'zod';
import { captureMessage } from '../../../incidents/captureMessage.js';
import { findIncidentByChannel } from '../../../incidents/queries.js';
import { markHandled } from '../../answerUnanswered.js';
import type { ListenerDeps } from '../listenerDeps.js';
import { messageForTimeline, slackMessageSchema } from '../slackMessage.js';

const pinSchema = z.looseObject({
  user: z.string(),
  channel_id: z.string(),
  item: z.looseObject({
    type: z.literal('message'),
    message: slackMessageSchema,
  }),
});

/**
 * A message pinned in an incident channel goes on the timeline. The event was acked before this
 * runs and Slack may send it again; captureMessage records the event id with the change.
 */
export function registerPinAdded(app: App, deps: ListenerDeps): void {
  app.event('pin_added', markHandled, async ({ event, body }) => {
    const pin = pinSchema.safeParse(event);
    if (!pin.success) return; // a pinned file or something else that is not a message
    const { channel_id: channelId, user, item } = pin.data;
    if (!findIncidentByChannel(deps.ctx.db, channelId)) return;
    captureMessage(deps.ctx, {
      channelId,
      ...messageForTimeline(item.message),
      capturedBy: user,
      via: 'pin',
      eventId: body.event_id,
    });
  });
}
