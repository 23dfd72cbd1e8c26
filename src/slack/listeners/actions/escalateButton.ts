import type { App, BlockButtonAction } from '@slack/bolt';
import { escalateNow } from '../../../incidents/escalateNow.js';
import { ACTIONS } from '../../blocks/actionIds.js';
import { errorReply, tellUser } from '../../replies.js';
import type { ListenerDeps } from '../listenerDeps.js';

/** Escalate: jump to the next planned step now. */
export function registerEscalateButton(app: App, deps: ListenerDeps): void {
  app.action<BlockButtonAction>({ type: 'block_actions', action_id: ACTIONS.escalate }, async ({ ack, body, action, client }) => {
    await ack();
    const channel = body.channel?.id ?? body.container?.channel_id;
    try {
      escalateNow(deps.ctx, { incidentId: Number(action.value), userId: body.user.id });
    } catch (error) {
      if (channel) await tellUser(client, channel, body.user.id, errorReply(error, deps.logger), deps.logger);
    }
  });
}
