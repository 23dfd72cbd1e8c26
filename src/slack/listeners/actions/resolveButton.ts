import type { App, BlockButtonAction } from '@slack/bolt';
import { z } from 'zod';
import { assertResolvable } from '../../../incidents/resolveIncident.js';
import { ACTIONS } from '../../blocks/actionIds.js';
import { resolveModal } from '../../blocks/resolveModal.js';
import { actorWithGroups } from '../../commands/actorWithGroups.js';
import { openModal } from '../../commands/openModal.js';
import { errorReply, tellUser } from '../../replies.js';
import type { ListenerDeps } from '../listenerDeps.js';

const incidentIdSchema = z.coerce.number().int().positive();

/** Resolve, from the summary message: open the resolve form, or say privately why not. */
export function registerResolveButton(app: App, deps: ListenerDeps): void {
  app.action<BlockButtonAction>({ type: 'block_actions', action_id: ACTIONS.resolve }, async ({ ack, body, action, client }) => {
    await ack();
    const channel = body.channel?.id ?? body.container?.channel_id;
    try {
      const incidentId = incidentIdSchema.parse(action.value);
      const actor = await actorWithGroups(client, deps.ctx.policy, 'resolve', body.user.id, deps.logger);
      const incident = assertResolvable(deps.ctx, incidentId, actor);
      await openModal(client, body.trigger_id, resolveModal(incident, { incidentId, ...(channel ? { channelId: channel } : {}) }));
    } catch (error) {
      if (channel) await tellUser(client, channel, body.user.id, errorReply(error, deps.logger), deps.logger);
    }
  });
}
