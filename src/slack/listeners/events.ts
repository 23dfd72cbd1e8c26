// The Events API subscriptions (manifest.yml's bot_events): pins and 📌 reactions put messages
// on the timeline, and the Home tab is rendered when opened. Slack may send an event again;
// each use case below is safe to repeat.

import { z } from 'zod';
import { captureMessage } from '../../incidents/captureMessage.js';
import { findIncidentByChannel } from '../../incidents/queries.js';
import { requestCapture } from '../../incidents/requestCapture.js';
import { requestHome } from '../../incidents/requestHome.js';
import { messageForTimeline, slackMessageSchema } from '../interaction/payloads.js';
import type { Listener } from './listener.js';

const pinSchema = z.looseObject({
  user: z.string(),
  channel_id: z.string(),
  item: z.looseObject({
    type: z.literal('message'),
    message: slackMessageSchema,
  }),
});

const reactionSchema = z.looseObject({
  user: z.string(),
  reaction: z.literal('pushpin'),
  item: z.looseObject({ type: z.literal('message'), channel: z.string(), ts: z.string() }),
});

const homeOpenedSchema = z.looseObject({ user: z.string().min(1), tab: z.literal('home') });

export const EVENT_LISTENERS: readonly Listener[] = [
  {
    /**
     * A message pinned in an incident channel goes on the timeline. The event was acked before
     * this runs; captureMessage records the event id with the change.
     */
    kind: 'event',
    event: 'pin_added',
    handle: async ({ event, body }, deps) => {
      const pin = pinSchema.safeParse(event);
      if (!pin.success) return; // a pinned file or something else that is not a message
      const { channel_id: channelId, user, item } = pin.data;
      if (!findIncidentByChannel(deps.ctx.db, channelId)) return;
      captureMessage(deps.ctx, { channelId, ...messageForTimeline(item.message), capturedBy: user, via: 'pin', eventId: body.event_id });
    },
  },
  {
    /**
     * 📌 on a message in an incident channel puts it on the timeline, like a pin. The event names
     * the message without its text; the request is recorded at once and the text read back from
     * Slack through the outbox, so a failing read-back is retried instead of losing the reaction.
     */
    kind: 'event',
    event: 'reaction_added',
    handle: async ({ event, body }, deps) => {
      const reaction = reactionSchema.safeParse(event);
      if (!reaction.success) return; // another emoji, or a reaction on a file
      const { user, item } = reaction.data;
      requestCapture(deps.ctx, { channelId: item.channel, ts: item.ts, capturedBy: user, eventId: body.event_id });
    },
  },
  {
    /** Opening Vigil's Home tab renders it afresh; rendering twice is harmless, so retries need no guard. */
    kind: 'event',
    event: 'app_home_opened',
    handle: async ({ event }, deps) => {
      const opened = homeOpenedSchema.safeParse(event);
      if (!opened.success) return; // the Messages or About tab, or no one to render it for
      requestHome(deps.ctx, opened.data.user);
    },
  },
];
