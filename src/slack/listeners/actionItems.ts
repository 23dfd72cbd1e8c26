// The Done and Undo buttons of action items: on the incident channel's list, on a reminder, and on
// the ephemeral list of `/incident actions`.

import { z } from 'zod';
import { setActionItemStatus } from '../../incidents/actionItems/setActionItemStatus.js';
import { ACTION_ITEM_ACTION_PATTERN } from '../blocks/actionIds.js';
import { mention } from '../blocks/format.js';
import { actionsListReply } from '../commands/followUp.js';
import { button } from './actions.js';
import type { Listener } from './listener.js';

const actionItemValue = z.object({ itemId: z.number().int().positive(), done: z.boolean(), list: z.enum(['open', 'all']).optional() });

export const ACTION_ITEM_LISTENERS: readonly Listener[] = [
  /**
   * Record the click; the channel's list and the reminder are refreshed by the outbox. A list only
   * the clicker sees (`/incident actions`) is replaced through the click's response_url, at once.
   * A second click, or a stale button, changes nothing and says where the item stands.
   */
  button(ACTION_ITEM_ACTION_PATTERN, async (who, { action, respond }, deps) => {
    const value = actionItemValue.parse(JSON.parse(action.value ?? ''));
    const { changed, item } = setActionItemStatus(deps.ctx, { itemId: value.itemId, done: value.done, userId: who.userId });
    if (value.list && who.channelId) {
      // The change is committed either way; a list that could not be replaced is only stale.
      try {
        await respond({ replace_original: true, ...actionsListReply(deps.ctx, who.userId, who.channelId, value.list) });
      } catch (error) {
        deps.logger.warn('slack: could not replace the action items list', { error: (error as Error).message });
      }
    }
    if (changed) return undefined;
    return item.status === 'done' ? `That action item is already done (by ${mention(item.doneBy)}).` : 'That action item is already open.';
  }),
];
