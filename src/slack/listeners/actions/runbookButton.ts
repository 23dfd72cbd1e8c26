import type { App, BlockButtonAction } from '@slack/bolt';
import { z } from 'zod';
import { postRunbook } from '../../../incidents/postRunbook.js';
import { ACTIONS } from '../../blocks/actionIds.js';
import { runbookReply } from '../../commands/runbookReply.js';
import { errorReply, tellUser } from '../../replies.js';
import type { ListenerDeps } from '../listenerDeps.js';
import { readInteraction } from '../interaction.js';

/** The summary's runbook button carries `<incidentId>:<runbookName>`. */
const valueSchema = z
  .string()
  .regex(/^\d+:[a-z0-9-]+$/)
  .transform((value) => {
    const [id, name] = value.split(':');
    return { incidentId: Number(id), runbookName: name! };
  });

/** Post the category's runbook from the summary message; a second click only says where it is. */
export function registerRunbookButton(app: App, deps: ListenerDeps): void {
  app.action<BlockButtonAction>({ type: 'block_actions', action_id: ACTIONS.showRunbook }, async ({ ack, body, action, client }) => {
    await ack();
    const who = readInteraction(body, deps.logger);
    if (!who) return;
    let reply: string | undefined;
    try {
      const result = postRunbook(deps.ctx, { ...valueSchema.parse(action.value), userId: who.userId });
      // A fresh runbook speaks for itself in the channel; only a repeat needs a word.
      if (!result.posted) reply = runbookReply(result);
    } catch (error) {
      reply = errorReply(error, deps.logger);
    }
    if (who.channelId && reply) await tellUser(client, who.channelId, who.userId, reply, deps.logger);
  });
}
