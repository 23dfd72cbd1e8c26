import type { App, BlockButtonAction } from '@slack/bolt';
import { assertResolvable } from '../../../incidents/resolveIncident.js';
import { ACTIONS } from '../../blocks/actionIds.js';
import { resolveModal } from '../../blocks/resolveModal.js';
import { actorWithGroups } from '../../commands/actorWithGroups.js';
import { openModal } from '../../commands/openModal.js';
import { errorReply, tellUser } from '../../replies.js';
import type { ListenerDeps } from '../listenerDeps.js';
import { incidentIdValue, readInteraction } from '../interaction.js';

/** Resolve, from the summary message: open the resolve form, or say privately why not. */
export function registerResolveButton(app: App, deps: ListenerDeps): void {
  app.action<BlockButtonAction>({ type: 'block_actions', action_id: ACTIONS.resolve }, async ({ ack, body, action, client }) => {
    await ack();
    const who = readInteraction(body, deps.logger);
    if (!who) return;
    const channel = who.channelId;
    try {
      const incidentId = incidentIdValue.parse(action.value);
      const actor = await actorWithGroups(client, deps.ctx.policy, 'resolve', who.userId, deps.logger);
      const incident = assertResolvable(deps.ctx, incidentId, actor);
      await openModal(client, who.triggerId ?? '', resolveModal(incident, { incidentId, ...(channel ? { channelId: channel } : {}) }));
    } catch (error) {
      if (channel) await tellUser(client, channel, who.userId, errorReply(error, deps.logger), deps.logger);
    }
  });
}
