import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Executor } from '../../db/executor.js';
import { effects, timelineEvents } from '../../db/schema/index.js';
import { VigilError } from '../../shared/errors.js';
import { alreadyCaptured, captureMessage, type CapturedMessage } from '../captureMessage.js';
import { inTransaction, type UseCaseContext } from '../context.js';
import { findIncidentByChannel } from '../queries.js';
import { appendTimeline } from '../timeline.js';

export type StarResult = { incidentId: number; starred: number } | { incidentId: number; starred: 0; reason: 'already_starred' };

/**
 * The events a message of Vigil's announced: the effect that posted it was queued in the same
 * transaction as those events, at the same instant. Re-plans recorded beside a change are left
 * out (they are the bookkeeping of it, not the news).
 */
function eventsAnnouncedBy(tx: Executor, incidentId: number, ts: string): number[] {
  const effect = tx
    .select({ createdAt: effects.createdAt })
    .from(effects)
    .where(and(eq(effects.incidentId, incidentId), sql`json_extract(${effects.result}, '$.ts') = ${ts}`))
    .get();
  if (!effect) return [];
  return tx
    .select({ id: timelineEvents.id })
    .from(timelineEvents)
    .where(and(eq(timelineEvents.incidentId, incidentId), eq(timelineEvents.at, effect.createdAt), ne(timelineEvents.kind, 'escalation.planned')))
    .all()
    .map((row) => row.id);
}

const capturedEvent = (tx: Executor, incidentId: number, ts: string): number[] =>
  tx
    .select({ id: timelineEvents.id })
    .from(timelineEvents)
    .where(and(eq(timelineEvents.incidentId, incidentId), eq(timelineEvents.kind, 'message.captured'), sql`json_extract(${timelineEvents.data}, '$.ts') = ${ts}`))
    .all()
    .map((row) => row.id);

/**
 * The "Star for the review" message shortcut: a message Vigil posted stars the events it
 * announced; anyone else's message is kept on the timeline (as the Add shortcut would) and starred.
 * The review's timeline shows starred events beside the key ones.
 */
export function starMessage(ctx: UseCaseContext, input: Omit<CapturedMessage, 'via'>): StarResult {
  const incident = findIncidentByChannel(ctx.db, input.channelId);
  if (!incident) throw new VigilError('not_in_incident_channel', 'Only messages in an incident channel can be starred for its review.');
  const announced = eventsAnnouncedBy(ctx.db, incident.id, input.ts);
  if (announced.length === 0 && !alreadyCaptured(ctx.db, incident.id, input.ts)) captureMessage(ctx, { ...input, via: 'shortcut' });
  return inTransaction(ctx, (tx) => {
    const ids = announced.length > 0 ? announced : capturedEvent(tx, incident.id, input.ts);
    const unstarred = tx
      .select({ id: timelineEvents.id })
      .from(timelineEvents)
      .where(and(inArray(timelineEvents.id, ids), eq(timelineEvents.starred, false)))
      .all()
      .map((row) => row.id);
    if (unstarred.length === 0) return { incidentId: incident.id, starred: 0, reason: 'already_starred' as const };
    tx.update(timelineEvents).set({ starred: true, starredBy: input.capturedBy }).where(inArray(timelineEvents.id, unstarred)).run();
    const now = ctx.clock.now();
    for (const eventId of unstarred) appendTimeline(tx, incident.id, now, { kind: 'event.starred', actor: input.capturedBy, data: { eventId, starred: true } });
    return { incidentId: incident.id, starred: unstarred.length };
  });
}
