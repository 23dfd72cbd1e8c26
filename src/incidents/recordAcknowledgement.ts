import type { Executor } from '../db/executor.js';
import type { IncidentRow } from '../db/schema/index.js';
import { appendTimeline } from './timeline.js';
import { enqueueEffect } from '../effects/outbox.js';
import { stopEscalation } from './escalation/stopEscalation.js';
import { refreshHomes } from './refreshHomes.js';

/**
 * The record of an acknowledgement, in the caller's transaction, once the caller has stamped
 * `acknowledgedAt`/`acknowledgedBy`: the timeline event MTTA is measured from, and the
 * "until acknowledged" escalation steps cancelled, page DMs refreshed. Used when a state change implies ownership.
 */
export function recordAcknowledgement(tx: Executor, incident: IncidentRow, userId: string, via: string, now: Date): void {
  appendTimeline(tx, incident.id, now, {
    kind: 'incident.acknowledged',
    actor: userId,
    data: { via, sinceDeclaredMs: now.getTime() - incident.declaredAt.getTime() },
  });
  enqueueEffect(tx, incident.id, 'pages.refresh', {}, now);
  stopEscalation(tx, incident.id, 'acknowledged', now);
  refreshHomes(tx, incident.id, now, [userId]);
}
