import { enqueueEffect } from '../effects/outbox.js';
import { alreadyCaptured } from './captureMessage.js';
import { inTransaction, type UseCaseContext } from './context.js';
import { findIncidentByChannel } from './queries.js';
import { firstDeliveryOf } from './slackEventLog.js';

export interface CaptureRequest {
  channelId: string;
  ts: string;
  /** Who reacted. */
  capturedBy: string;
  /** The Slack event; Slack resends it with the same id, and it is recorded once. */
  eventId: string;
}

export type CaptureRequestResult =
  | { queued: true; incidentId: number }
  | { queued: false; reason: 'not_in_incident_channel' | 'duplicate_event' | 'already_captured' };

/**
 * A 📌 on a message in an incident channel. The event names the message but not its text, and
 * Slack will not resend an event it got a 200 for, so the request is made durable here, with
 * the event id, in one transaction; reading the message back from Slack is an effect that the
 * delivery worker retries until Slack answers (`message.capture`).
 */
export function requestCapture(ctx: UseCaseContext, input: CaptureRequest): CaptureRequestResult {
  return inTransaction(ctx, (tx) => {
    const now = ctx.clock.now();
    const incident = findIncidentByChannel(tx, input.channelId);
    if (!incident) return { queued: false, reason: 'not_in_incident_channel' };
    if (!firstDeliveryOf(tx, input.eventId, now)) return { queued: false, reason: 'duplicate_event' };
    if (alreadyCaptured(tx, incident.id, input.ts)) return { queued: false, reason: 'already_captured' };
    enqueueEffect(tx, incident.id, 'message.capture', { channelId: input.channelId, ts: input.ts, capturedBy: input.capturedBy, requestedAt: now.toISOString() }, now);
    return { queued: true, incidentId: incident.id };
  });
}
