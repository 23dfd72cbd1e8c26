import { z } from 'zod';
import { captureMessage } from '../../incidents/captureMessage.js';
import { starMessage } from '../../incidents/review/starEvent.js';
import { VigilError } from '../../shared/errors.js';
import { SHORTCUTS } from '../blocks/callbackIds.js';
import { incidentRef } from '../blocks/format.js';
import { messageForTimeline, slackMessageSchema } from '../interaction/payloads.js';
import { errorReply } from '../replies.js';
import type { Listener, ListenerDeps } from './listener.js';

const shortcutSchema = z.looseObject({
  channel: z.looseObject({ id: z.string() }),
  user: z.looseObject({ id: z.string() }),
  message: slackMessageSchema,
});

const NOT_AN_INCIDENT_CHANNEL =
  'This is not an incident channel, so there is no timeline to keep the message on. Use the shortcut inside an incident channel (`/incident list` finds them), or `/incident declare` to open one.';

/** The message shortcuts (manifest.yml's `shortcuts`, ids in blocks/callbackIds.ts). */
/** Parse the shortcut, run `work`, and answer the person privately with what it returned or why not. */
function messageShortcut(callbackId: string, work: (input: z.infer<typeof shortcutSchema>, deps: ListenerDeps) => string): Listener {
  return {
    kind: 'shortcut',
    callbackId,
    handle: async ({ ack, shortcut, respond }, deps) => {
      await ack();
      let reply: string;
      try {
        reply = work(shortcutSchema.parse(shortcut), deps);
      } catch (error) {
        reply = error instanceof VigilError && error.code === 'not_in_incident_channel' ? NOT_AN_INCIDENT_CHANNEL : errorReply(error, deps.logger);
      }
      // Slack always sends a response_url with a message shortcut; without one there is no one to tell.
      if (respond) await respond({ response_type: 'ephemeral', text: reply });
      else deps.logger.warn('slack: message shortcut without a response_url; reply dropped');
    },
  };
}

export const SHORTCUT_LISTENERS: readonly Listener[] = [
  /** "Add to incident timeline": keep a message from the incident channel on the record. */
  messageShortcut(SHORTCUTS.addToTimeline, ({ channel, user, message }, deps) => {
    const result = captureMessage(deps.ctx, { channelId: channel.id, ...messageForTimeline(message), capturedBy: user.id, via: 'shortcut' });
    return result.captured
      ? `:pushpin: Added to the ${incidentRef(result.incidentId)} timeline.`
      : `That message is already on the ${incidentRef(result.incidentId)} timeline; nothing changed.`;
  }),

  /** "Star for the review": the message (or the change Vigil announced in it) shows in the review's timeline. */
  messageShortcut(SHORTCUTS.starForReview, ({ channel, user, message }, deps) => {
    const result = starMessage(deps.ctx, { channelId: channel.id, ...messageForTimeline(message), capturedBy: user.id });
    return result.starred > 0
      ? `:star: Starred for the ${incidentRef(result.incidentId)} review: it will be in the review's timeline.`
      : `Already starred for the ${incidentRef(result.incidentId)} review; nothing changed.`;
  }),
];
