import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/executor.js';
import { timelineEvents } from '../../db/schema/index.js';
import { PAGER_NAMES, type PagerName } from '../../domain/pagers.js';
import { enqueueEffect, pagerLane } from '../../effects/outbox.js';
import { appendTimeline, type TimelineData } from '../timeline.js';

/** Queue a page through each pager, on its own lane for the incident, in the transaction that fires the step. */
export function pagePagers(tx: Executor, incidentId: number, pagers: readonly PagerName[], page: { label: string; reason: string; dueAt: Date }, now: Date): void {
  for (const pager of pagers) {
    enqueueEffect(tx, incidentId, 'pager.trigger', { pager, stepLabel: page.label, reason: page.reason, dueAt: page.dueAt.toISOString() }, now, pagerLane(pager, incidentId));
  }
}

/** The pagers an incident has paged so far, from its `page.sent` events (the timeline is the record). */
export function pagersPaged(tx: Executor, incidentId: number): PagerName[] {
  const rows = tx
    .select({ data: timelineEvents.data })
    .from(timelineEvents)
    .where(and(eq(timelineEvents.incidentId, incidentId), eq(timelineEvents.kind, 'page.sent')))
    .all();
  const paged = new Set<PagerName>();
  for (const row of rows) {
    const pagers = (row.data as Partial<TimelineData<'page.sent'>>).pagers;
    for (const pager of Array.isArray(pagers) ? pagers : []) if ((PAGER_NAMES as readonly string[]).includes(pager)) paged.add(pager);
  }
  return [...paged];
}

/**
 * Escalation stopped because the incident was acknowledged or resolved: every pager that paged for
 * it is told, after its trigger on the same lane, so the phone stops ringing there too.
 */
export function tellPagers(tx: Executor, incidentId: number, because: 'acknowledged' | 'resolved', now: Date): void {
  const action = because === 'acknowledged' ? 'acknowledge' : 'resolve';
  for (const pager of pagersPaged(tx, incidentId)) {
    enqueueEffect(tx, incidentId, action === 'acknowledge' ? 'pager.acknowledge' : 'pager.resolve', { pager }, now, pagerLane(pager, incidentId));
    appendTimeline(tx, incidentId, now, { kind: 'pager.notified', actor: 'vigil', data: { pager, action } });
  }
}
