import type { App, BlockButtonAction } from '@slack/bolt';
import { z } from 'zod';
import { setChecklistItem } from '../../../incidents/setChecklistItem.js';
import { CHECKLIST_ACTION_PATTERN } from '../../blocks/actionIds.js';
import { errorReply, tellUser } from '../../replies.js';
import type { ListenerDeps } from '../listenerDeps.js';
import { readInteraction } from '../interaction.js';

const valueSchema = z.object({ incidentId: z.number().int().positive(), itemId: z.string().min(1), done: z.boolean() });

/** A checklist item's button: ack at once, then record the tick; the message is refreshed by the outbox. */
export function registerChecklistToggle(app: App, deps: ListenerDeps): void {
  app.action<BlockButtonAction>({ type: 'block_actions', action_id: CHECKLIST_ACTION_PATTERN }, async ({ ack, body, action, client }) => {
    await ack();
    const who = readInteraction(body, deps.logger);
    if (!who) return;
    try {
      const value = valueSchema.parse(JSON.parse(action.value ?? ''));
      setChecklistItem(deps.ctx, { ...value, userId: who.userId });
    } catch (error) {
      if (who.channelId) await tellUser(client, who.channelId, who.userId, errorReply(error, deps.logger), deps.logger);
    }
  });
}
