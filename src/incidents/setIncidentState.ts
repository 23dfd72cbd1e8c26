import { eq } from 'drizzle-orm';
import { incidents } from '../db/schema/index.js';
import type { IncidentState } from '../domain/lifecycle.js';
import { stampsForTransition } from '../domain/lifecycleStamps.js';
import { VigilError } from '../shared/errors.js';
import { enqueueEffect } from '../effects/outbox.js';
import { inTransaction, type UseCaseContext } from './context.js';
import { appendTimeline } from './timeline.js';
import { getIncident } from './queries.js';
import { recordAcknowledgement } from './recordAcknowledgement.js';
import { promptUpdate } from './updates/cadence.js';

/** The states a responder sets by hand; acknowledging and resolving have their own use cases. */
export const SETTABLE_STATES = ['investigating', 'mitigated'] as const;
export type SettableState = (typeof SETTABLE_STATES)[number];

export interface StateChange {
  incidentId: number;
  state: SettableState;
  userId: string;
  /** What changed, in a few words ("rolled back to v41"). */
  reason?: string;
}

/**
 * Move an open incident to investigating or mitigated, with its timestamps (see
 * stampsForTransition). Setting a state on an incident nobody acknowledged counts as the
 * acknowledgement: whoever says "investigating" owns it, and paging for acknowledgement stops.
 * A resolved incident is reopened with reopenIncident instead, which says so on the timeline.
 */
export function setIncidentState(ctx: UseCaseContext, change: StateChange): { from: IncidentState; acknowledged: boolean } {
  return inTransaction(ctx, (tx) => {
    const now = ctx.clock.now();
    const incident = getIncident(tx, change.incidentId);
    const from = incident.status;
    if (from === 'resolved') throw new VigilError('invalid_transition', `Incident ${incident.id} is resolved; reopen it first.`, undefined, { reason: 'reopen_first', incidentId: incident.id });
    if (from === change.state) throw new VigilError('conflict', `Incident ${incident.id} is already ${from}.`);
    const stamps = stampsForTransition(from, change.state, incident, now);
    const acknowledged = stamps.acknowledgedAt !== undefined;
    tx.update(incidents)
      .set({ status: change.state, ...stamps, ...(acknowledged ? { acknowledgedBy: change.userId } : {}), updatedAt: now })
      .where(eq(incidents.id, incident.id))
      .run();
    appendTimeline(tx, incident.id, now, {
      kind: 'status.changed',
      actor: change.userId,
      data: { from, to: change.state, reason: change.reason ?? null },
    });
    if (acknowledged) recordAcknowledgement(tx, incident, change.userId, 'state', now);
    enqueueEffect(
      tx,
      incident.id,
      'channel.notice',
      { notice: 'status_changed', data: { from, to: change.state, by: change.userId, reason: change.reason ?? null, acknowledged } },
      now,
    );
    enqueueEffect(tx, incident.id, 'summary.refresh', {}, now);
    enqueueEffect(tx, incident.id, 'channel.topic', {}, now);
    // Mitigated (or a mitigation that did not hold) changes what stakeholders should be told.
    if (change.state === 'mitigated' || from === 'mitigated') promptUpdate(tx, incident, `now ${change.state}`, now);
    return { from, acknowledged };
  });
}
