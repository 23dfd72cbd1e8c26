import type { App, BlockButtonAction } from '@slack/bolt';
import { acknowledgeIncident } from '../../../incidents/acknowledgeIncident.js';
import { ACTIONS } from '../../blocks/actionIds.js';
import { errorReply, tellUser } from '../../replies.js';
import { acknowledgeReply } from '../../commands/acknowledgeReply.js';
import type { ListenerDeps } from '../listenerDeps.js';

/** Acknowledge, from the summary message or from a page DM. */
export function registerAcknowledgeButton(app: App, deps: ListenerDeps): void {
  app.action<BlockButtonAction>({ type: 'block_actions', action_id: ACTIONS.acknowledge }, async ({ ack, body, action, client }) => {
    await ack();
    const channel = body.channel?.id ?? body.container?.channel_id;
    let reply: string | undefined;
    try {
      const result = acknowledgeIncident(deps.ctx, { incidentId: Number(action.value), userId: body.user.id, via: 'button' });
      reply = acknowledgeReply(Number(action.value), result);
    } catch (error) {
      reply = errorReply(error, deps.logger);
    }
    if (channel && reply) await tellUser(client, channel, body.user.id, reply, deps.logger);
  });
}
