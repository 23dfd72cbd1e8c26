import type { App, BlockButtonAction } from '@slack/bolt';
import { escalateNow } from '../../../incidents/escalateNow.js';
import { ACTIONS } from '../../blocks/actionIds.js';
import { errorReply, tellUser } from '../../replies.js';
import type { ListenerDeps } from '../listenerDeps.js';
import { incidentIdValue, readInteraction } from '../interaction.js';

/** Escalate: jump to the next planned step now. */
export function registerEscalateButton(app: App, deps: ListenerDeps): void {
  app.action<BlockButtonAction>({ type: 'block_actions', action_id: ACTIONS.escalate }, async ({ ack, body, action, client }) => {
    await ack();
    const who = readInteraction(body, deps.logger);
    if (!who) return;
    try {
      escalateNow(deps.ctx, { incidentId: incidentIdValue.parse(action.value), userId: who.userId });
    } catch (error) {
      if (who.channelId) await tellUser(client, who.channelId, who.userId, errorReply(error, deps.logger), deps.logger);
    }
  });
}
