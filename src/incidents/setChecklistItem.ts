import { and, eq } from 'drizzle-orm';
import { checklistItems } from '../db/schema/index.js';
import { VigilError } from '../shared/errors.js';
import { enqueueEffect } from '../effects/outbox.js';
import { inTransaction, type UseCaseContext } from './context.js';
import { appendTimeline } from './timeline.js';
import { getIncident } from './queries.js';

export interface ChecklistTick {
  incidentId: number;
  itemId: string;
  done: boolean;
  userId: string;
}

/** Tick or untick a checklist or runbook item; records who and when, and refreshes its message. */
export function setChecklistItem(ctx: UseCaseContext, tick: ChecklistTick): { changed: boolean } {
  return inTransaction(ctx, (tx) => {
    const now = ctx.clock.now();
    getIncident(tx, tick.incidentId);
    const item = tx
      .select()
      .from(checklistItems)
      .where(and(eq(checklistItems.incidentId, tick.incidentId), eq(checklistItems.itemId, tick.itemId)))
      .get();
    if (!item) throw new VigilError('not_found', `Incident ${tick.incidentId} has no checklist item ${tick.itemId}.`);
    // A double click or a stale message asks for the state it already has: nothing to record.
    if (Boolean(item.doneAt) === tick.done) return { changed: false };
    tx.update(checklistItems)
      .set(tick.done ? { doneAt: now, doneBy: tick.userId } : { doneAt: null, doneBy: null })
      .where(and(eq(checklistItems.incidentId, tick.incidentId), eq(checklistItems.itemId, tick.itemId)))
      .run();
    appendTimeline(tx, tick.incidentId, now, {
      kind: tick.done ? 'checklist.checked' : 'checklist.unchecked',
      actor: tick.userId,
      data: { itemId: item.itemId, list: item.list, text: item.text },
    });
    enqueueEffect(tx, tick.incidentId, 'checklist.refresh', { list: item.list }, now);
    return { changed: true };
  });
}
