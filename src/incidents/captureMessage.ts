import { and, eq, sql } from 'drizzle-orm';
import type { Db, Executor } from '../db/executor.js';
import { timelineEvents } from '../db/schema/index.js';
import { VigilError } from '../shared/errors.js';
import { inTransaction, type UseCaseContext } from './context.js';
import { appendTimeline } from './timeline.js';
import { findIncidentByChannel } from './queries.js';
import { firstDeliveryOf } from './slackEventLog.js';

export interface CapturedMessage {
  channelId: string;
  ts: string;
  /** As Slack sent it (mentions and entities in Slack's own markup), stored unchanged; the Slack layer renders it. */
  text: string;
  /** The message's author: a user id, or a bot id for a bot's message. */
  author: string;
  /** Who asked for it to be kept (ran the shortcut, pinned it, reacted). */
  capturedBy: string;
  via: 'shortcut' | 'pin' | 'reaction';
  /** The Slack event that asked, when one did; a retried event is then recorded once. */
  eventId?: string;
  /** When it was asked for, if earlier than now (a 📌 whose message was read back later). */
  at?: Date;
}

export type CaptureResult = { incidentId: number; captured: true } | { incidentId: number; captured: false; reason: 'already_captured' | 'duplicate_event' };

// Enough for any sensible message; a pasted log belongs in a file, not the timeline.
const MAX_TEXT = 4000;

export function alreadyCaptured(tx: Executor, incidentId: number, ts: string): boolean {
  const row = tx
    .select({ id: timelineEvents.id })
    .from(timelineEvents)
    .where(and(eq(timelineEvents.incidentId, incidentId), eq(timelineEvents.kind, 'message.captured'), sql`json_extract(${timelineEvents.data}, '$.ts') = ${ts}`))
    .get();
  return row !== undefined;
}

function keep(tx: Executor, now: Date, input: CapturedMessage): CaptureResult {
  const incident = findIncidentByChannel(tx, input.channelId);
  if (!incident) throw new VigilError('not_in_incident_channel', 'Only messages in an incident channel can be added to an incident timeline.');
  if (input.eventId && !firstDeliveryOf(tx, input.eventId, now)) return { incidentId: incident.id, captured: false, reason: 'duplicate_event' };
  if (alreadyCaptured(tx, incident.id, input.ts)) return { incidentId: incident.id, captured: false, reason: 'already_captured' };
  const text = input.text.length > MAX_TEXT ? `${input.text.slice(0, MAX_TEXT)}…` : input.text;
  appendTimeline(tx, incident.id, input.at ?? now, {
    kind: 'message.captured',
    actor: input.capturedBy,
    data: { ts: input.ts, channelId: input.channelId, author: input.author, text, via: input.via },
  });
  return { incidentId: incident.id, captured: true };
}

/**
 * Keep a Slack message on the incident's timeline (message shortcut, pin, 📌). A message is kept
 * once however many ways people mark it; a message outside an incident channel is refused.
 */
export function captureMessage(ctx: UseCaseContext, input: CapturedMessage): CaptureResult {
  return inTransaction(ctx, (tx) => keep(tx, ctx.clock.now(), input));
}

/**
 * The same, for the delivery worker once it has read a 📌's message back from Slack (see
 * requestCapture): a fact Slack handed back, recorded in its own transaction, queueing nothing.
 */
export function recordReadBackMessage(db: Db, now: Date, input: CapturedMessage): CaptureResult {
  return db.transaction((tx) => keep(tx, now, input), { behavior: 'immediate' });
}
