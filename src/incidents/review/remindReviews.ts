import { and, eq, isNotNull, isNull, lte } from 'drizzle-orm';
import { incidents } from '../../db/schema/index.js';
import { REVIEW_REMIND_BEFORE_MS, reviewReminderDue } from '../../domain/reviewDue.js';
import { enqueueEffect } from '../../effects/outbox.js';
import { inTransaction, type UseCaseContext } from '../context.js';
import { getIncident } from '../queries.js';
import { appendTimeline } from '../timeline.js';

/**
 * The scheduler's job: remind the commander of each resolved SEV1/SEV2 whose review is not done,
 * the day before it is due, when it is due, and daily while overdue. Returns reminders queued.
 */
export function remindReviews(ctx: UseCaseContext): number {
  const now = ctx.clock.now();
  const horizon = new Date(now.getTime() + REVIEW_REMIND_BEFORE_MS);
  const due = ctx.db
    .select({ id: incidents.id })
    .from(incidents)
    .where(and(eq(incidents.status, 'resolved'), isNotNull(incidents.reviewDueAt), isNull(incidents.reviewCompletedAt), lte(incidents.reviewDueAt, horizon)))
    .all();
  let sent = 0;
  for (const { id } of due) {
    sent += inTransaction(ctx, (tx) => {
      const incident = getIncident(tx, id);
      if (!incident.reviewDueAt || incident.reviewCompletedAt || incident.status !== 'resolved') return 0;
      const reminder = reviewReminderDue({ dueAt: incident.reviewDueAt, lastReminder: incident.reviewReminder, lastRemindedAt: incident.reviewRemindedAt }, now);
      if (!reminder) return 0;
      tx.update(incidents).set({ reviewReminder: reminder, reviewRemindedAt: now }).where(eq(incidents.id, id)).run();
      const dueAt = incident.reviewDueAt.toISOString();
      appendTimeline(tx, id, now, { kind: 'review.reminded', actor: 'vigil', data: { reminder, dueAt } });
      enqueueEffect(tx, id, 'review.reminder', { reminder, dueAt }, now);
      return 1;
    });
  }
  return sent;
}
