import { and, eq, isNotNull, lte } from 'drizzle-orm';
import { updateCadence } from '../../db/schema/index.js';
import { reminderDue } from '../../domain/updateCadence.js';
import { enqueueEffect } from '../../effects/outbox.js';
import { inTransaction, type UseCaseContext } from '../context.js';
import { getIncident } from '../queries.js';
import { appendTimeline } from '../timeline.js';
import { cadenceOf } from './updateQueries.js';

/**
 * The scheduler's job: for every incident with an update due on the clock, tell the comms lead
 * (else the commander) shortly before it is due, when it is due, and again while it is overdue,
 * unless someone snoozed it. Returns how many reminders were queued.
 */
export function remindStakeholderUpdates(ctx: UseCaseContext): number {
  const now = ctx.clock.now();
  const policy = ctx.policy.stakeholders.cadence;
  // Only rows whose due time is within the reminder lead; the rule decides the rest.
  const horizon = new Date(now.getTime() + policy.remindBeforeMs);
  const due = ctx.db
    .select({ incidentId: updateCadence.incidentId })
    .from(updateCadence)
    .where(and(isNotNull(updateCadence.nextDueAt), lte(updateCadence.nextDueAt, horizon)))
    .all();
  let sent = 0;
  for (const { incidentId } of due) {
    sent += inTransaction(ctx, (tx) => {
      const cadence = cadenceOf(tx, incidentId);
      if (!cadence?.nextDueAt) return 0;
      const reminder = reminderDue(
        policy,
        {
          dueAt: cadence.nextDueAt,
          ...(cadence.lastReminder ? { lastReminder: cadence.lastReminder } : {}),
          ...(cadence.lastRemindedAt ? { lastRemindedAt: cadence.lastRemindedAt } : {}),
          ...(cadence.snoozedUntil ? { snoozedUntil: cadence.snoozedUntil } : {}),
        },
        now,
      );
      if (!reminder) return 0;
      tx.update(updateCadence).set({ lastReminder: reminder, lastRemindedAt: now }).where(eq(updateCadence.incidentId, incidentId)).run();
      const dueAt = cadence.nextDueAt.toISOString();
      appendTimeline(tx, incidentId, now, { kind: 'update.reminded', actor: 'vigil', data: { reminder, dueAt, reason: cadence.reason } });
      enqueueEffect(tx, incidentId, 'update.reminder', { reminder, dueAt, reason: cadence.reason }, now);
      return 1;
    });
  }
  return sent;
}

/** The Snooze button: no reminder for this long (the update stays due). */
export function snoozeUpdateReminders(ctx: UseCaseContext, input: { incidentId: number; userId: string; forMs: number }): { until: Date } {
  return inTransaction(ctx, (tx) => {
    const now = ctx.clock.now();
    getIncident(tx, input.incidentId);
    const until = new Date(now.getTime() + input.forMs);
    tx.insert(updateCadence)
      .values({ incidentId: input.incidentId, nextDueAt: null, snoozedUntil: until })
      .onConflictDoUpdate({ target: updateCadence.incidentId, set: { snoozedUntil: until } })
      .run();
    appendTimeline(tx, input.incidentId, now, { kind: 'update.snoozed', actor: input.userId, data: { until: until.toISOString() } });
    return { until };
  });
}
