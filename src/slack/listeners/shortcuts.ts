import { z } from 'zod';
import { captureMessage } from '../../incidents/captureMessage.js';
import { VigilError } from '../../shared/errors.js';
import { SHORTCUTS } from '../blocks/callbackIds.js';
import { incidentRef } from '../blocks/format.js';
import { messageForTimeline, slackMessageSchema } from '../interaction/payloads.js';
import { errorReply } from '../replies.js';
import type { Listener } from './listener.js';

const shortcutSchema = z.looseObject({
  channel: z.looseObject({ id: z.string() }),
  user: z.looseObject({ id: z.string() }),
  message: slackMessageSchema,
});

const NOT_AN_INCIDENT_CHANNEL =
  'This is not an incident channel, so there is no timeline to add the message to. Use the shortcut inside an incident channel (`/incident list` finds them), or `/incident declare` to open one.';

/** The message shortcuts (manifest.yml's `shortcuts`, ids in blocks/callbackIds.ts). */
export const SHORTCUT_LISTENERS: readonly Listener[] = [
  {
    /** "Add to incident timeline": keep a message from the incident channel on the record. */
    kind: 'shortcut',
    callbackId: SHORTCUTS.addToTimeline,
    handle: async ({ ack, shortcut, respond }, deps) => {
      await ack();
      let reply: string;
      try {
        const { channel, user, message } = shortcutSchema.parse(shortcut);
        const result = captureMessage(deps.ctx, { channelId: channel.id, ...messageForTimeline(message), capturedBy: user.id, via: 'shortcut' });
        reply = result.captured
          ? `:pushpin: Added to the ${incidentRef(result.incidentId)} timeline.`
          : `That message is already on the ${incidentRef(result.incidentId)} timeline; nothing changed.`;
      } catch (error) {
        reply = error instanceof VigilError && error.code === 'not_in_incident_channel' ? NOT_AN_INCIDENT_CHANNEL : errorReply(error, deps.logger);
      }
      // Slack always sends a response_url with a message shortcut; without one there is no one to tell.
      if (respond) await respond({ response_type: 'ephemeral', text: reply });
      else deps.logger.warn('slack: message shortcut without a response_url; reply dropped');
    },
  },
];
