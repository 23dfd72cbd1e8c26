import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import { escalationSteps, incidents, timelineEvents } from '../db/schema/index.js';
import { formatDuration } from '../domain/duration.js';
import { enqueueEffect } from '../effects/outbox.js';
import { inTransaction, type UseCaseContext } from './context.js';
import { appendTimeline } from './timeline.js';

/**
 * While nobody has acknowledged, remind the channel how long it has been, at most once per
 * `reminderEveryMs` since the last page or reminder. Returns how many reminders went out.
 */
export function remindUnacknowledged(ctx: UseCaseContext): number {
  const now = ctx.clock.now();
  const waiting = ctx.db
    .select({ id: incidents.id })
    .from(incidents)
    .where(and(eq(incidents.status, 'triggered'), isNull(incidents.acknowledgedAt)))
    .all();
  let sent = 0;
  for (const { id } of waiting) {
    sent += inTransaction(ctx, (tx) => {
      const incident = tx.select().from(incidents).where(eq(incidents.id, id)).get();
      if (!incident || incident.acknowledgedAt) return 0;
      const last = tx
        .select({ at: timelineEvents.at })
        .from(timelineEvents)
        .where(and(eq(timelineEvents.incidentId, id), inArray(timelineEvents.kind, ['page.sent', 'reminder.sent', 'incident.declared'])))
        .orderBy(desc(timelineEvents.at))
        .get();
      if (last && now.getTime() - last.at.getTime() < ctx.policy.reminderEveryMs) return 0;
      const elapsed = formatDuration(now.getTime() - incident.declaredAt.getTime());
      const next = tx
        .select({ label: escalationSteps.label, dueAt: escalationSteps.dueAt })
        .from(escalationSteps)
        .where(and(eq(escalationSteps.incidentId, id), eq(escalationSteps.status, 'pending')))
        .orderBy(escalationSteps.dueAt)
        .get();
      const nextText = next ? `${next.label} in ${formatDuration(Math.max(0, next.dueAt.getTime() - now.getTime()))}` : undefined;
      appendTimeline(tx, id, now, { kind: 'reminder.sent', actor: 'vigil', data: { elapsed } });
      enqueueEffect(tx, id, 'channel.notice', { notice: 'unacknowledged_reminder', data: { elapsed, ...(nextText ? { next: nextText } : {}) } }, now);
      return 1;
    });
  }
  return sent;
}
