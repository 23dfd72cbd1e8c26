import type { App, BlockButtonAction } from '@slack/bolt';
import { acknowledgeIncident } from '../../../incidents/acknowledgeIncident.js';
import { ACTIONS } from '../../blocks/actionIds.js';
import { errorReply, tellUser } from '../../replies.js';
import { acknowledgeReply } from '../../commands/acknowledgeReply.js';
import type { ListenerDeps } from '../listenerDeps.js';
import { incidentIdValue, readInteraction } from '../interaction.js';

/** Acknowledge, from the summary message or from a page DM. */
export function registerAcknowledgeButton(app: App, deps: ListenerDeps): void {
  app.action<BlockButtonAction>({ type: 'block_actions', action_id: ACTIONS.acknowledge }, async ({ ack, body, action, client }) => {
    await ack();
    const who = readInteraction(body, deps.logger);
    if (!who) return;
    let reply: string | undefined;
    try {
      const incidentId = incidentIdValue.parse(action.value);
      const result = acknowledgeIncident(deps.ctx, { incidentId, userId: who.userId, via: 'button' });
      reply = acknowledgeReply(incidentId, result);
    } catch (error) {
      reply = errorReply(error, deps.logger);
    }
    if (who.channelId && reply) await tellUser(client, who.channelId, who.userId, reply, deps.logger);
  });
}
