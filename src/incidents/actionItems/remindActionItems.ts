import { and, eq, isNotNull, lte } from 'drizzle-orm';
import { actionItems } from '../../db/schema/index.js';
import { REMINDER_HOUR_UTC, reminderDue } from '../../domain/actionItems.js';
import { enqueueEffect } from '../../effects/outbox.js';
import { inTransaction, type UseCaseContext } from '../context.js';

/**
 * The scheduler's job: remind the owner of every open item that has come due (its owner by DM,
 * else the incident channel), once on the due day and then daily while it stays open. Marking
 * `lastRemindedAt` in the transaction that queues the reminder makes a slot's reminder happen
 * once, across overlapping ticks and restarts. Returns how many reminders were queued.
 */
export function remindActionItems(ctx: UseCaseContext): number {
  const now = ctx.clock.now();
  // Only items whose due day's reminder hour has passed; the rule decides the rest.
  const dueBefore = new Date(now.getTime() - REMINDER_HOUR_UTC * 3600_000);
  // Read without a write lock and decided in memory, so a tick where nothing is due (nearly all
  // of them) takes no transaction; each one due is decided again inside its own.
  const due = ctx.db
    .select()
    .from(actionItems)
    .where(and(eq(actionItems.status, 'open'), isNotNull(actionItems.dueAt), lte(actionItems.dueAt, dueBefore)))
    .all()
    .filter((item) => reminderDue(item, now));
  let sent = 0;
  for (const { id } of due) {
    sent += inTransaction(ctx, (tx) => {
      const item = tx.select().from(actionItems).where(eq(actionItems.id, id)).get();
      if (!item || !reminderDue(item, now)) return 0;
      tx.update(actionItems).set({ lastRemindedAt: now }).where(eq(actionItems.id, id)).run();
      enqueueEffect(tx, item.incidentId, 'action.reminder', { itemId: item.id }, now);
      return 1;
    });
  }
  return sent;
}
