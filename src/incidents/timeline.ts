import { asc, eq, sql } from 'drizzle-orm';
import { preparedOnce } from '../db/prepared.js';
import type { Executor } from '../db/executor.js';
import { timelineEvents, type TimelineEventRow } from '../db/schema/index.js';

/** Timeline event kinds; the review and metrics read these names, so keep them stable. */
export type TimelineKind =
  | 'incident.declared'
  | 'incident.classified'
  | 'alert.attached'
  | 'alert.resolved'
  | 'oncall.invited'
  | 'checklist.checked'
  | 'checklist.unchecked'
  | 'page.sent'
  | 'page.nobody'
  | 'escalation.planned'
  | 'escalation.cancelled'
  | 'escalation.manual'
  | 'reminder.sent'
  | 'incident.acknowledged'
  | 'severity.changed'
  | 'category.changed'
  | 'status.changed'
  | 'role.assigned'
  | 'note.added'
  | 'message.captured'
  | 'runbook.posted'
  | 'incident.resolved'
  | 'incident.reopened'
  | 'permission.refused';

export interface TimelineEntry {
  kind: TimelineKind;
  actor: string;
  summary: string;
  data?: Record<string, unknown>;
}

/** Append one event, in the caller's transaction: the record and the change commit together. */
export function appendTimeline(tx: Executor, incidentId: number, at: Date, entry: TimelineEntry): void {
  const insert = preparedOnce(tx, 'timeline.append', (db) =>
    db
      .insert(timelineEvents)
      .values({
        incidentId: sql.placeholder('incidentId'),
        at: sql.placeholder('at'),
        kind: sql.placeholder('kind'),
        actor: sql.placeholder('actor'),
        summary: sql.placeholder('summary'),
        data: sql.placeholder('data'),
      })
      .prepare(),
  );
  insert.run({ incidentId, at, kind: entry.kind, actor: entry.actor, summary: entry.summary, data: entry.data ?? {} });
}

export function readTimeline(db: Executor, incidentId: number): TimelineEventRow[] {
  return db
    .select()
    .from(timelineEvents)
    .where(eq(timelineEvents.incidentId, incidentId))
    .orderBy(asc(timelineEvents.at), asc(timelineEvents.id))
    .all();
}

/** The people a `page.sent` event paged (its data is written by sendPage). */
export function pagedUsersOf(event: { data: Record<string, unknown> }): string[] {
  const users = event.data['users'];
  return Array.isArray(users) ? users.map(String) : [];
}
