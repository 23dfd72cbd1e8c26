import { eq } from 'drizzle-orm';
import { actionItems, type ActionItemRow } from '../../db/schema/index.js';
import { enqueueEffect } from '../../effects/outbox.js';
import { inTransaction, type UseCaseContext } from '../context.js';
import { appendTimeline } from '../timeline.js';
import { getActionItem } from './actionItemQueries.js';

export interface ActionItemTick {
  itemId: number;
  done: boolean;
  userId: string;
}

/**
 * Mark an item done (who and when) or open again. A double click, or a stale button, asks for the
 * state the item already has: nothing is recorded and `changed` is false, with the item as it is.
 */
export function setActionItemStatus(ctx: UseCaseContext, tick: ActionItemTick): { changed: boolean; item: ActionItemRow } {
  return inTransaction(ctx, (tx) => {
    const now = ctx.clock.now();
    const item = getActionItem(tx, tick.itemId);
    if ((item.status === 'done') === tick.done) return { changed: false, item };
    const updated = tx
      .update(actionItems)
      .set(tick.done ? { status: 'done', doneBy: tick.userId, doneAt: now } : { status: 'open', doneBy: null, doneAt: null })
      .where(eq(actionItems.id, item.id))
      .returning()
      .get();
    appendTimeline(tx, item.incidentId, now, {
      kind: tick.done ? 'action.done' : 'action.reopened',
      actor: tick.userId,
      data: { itemId: item.id, text: item.text },
    });
    enqueueEffect(tx, item.incidentId, 'actions.list', {}, now);
    // The reminder the owner got shows its Done button; it should say what happened instead.
    if (item.lastRemindedAt) enqueueEffect(tx, item.incidentId, 'action.reminder_refresh', { itemId: item.id }, now);
    return { changed: true, item: updated ?? item };
  });
}
