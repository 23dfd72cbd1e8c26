import { eq } from 'drizzle-orm';
import { incidents, type IncidentRow } from '../db/schema/index.js';
import { assertTransition } from '../domain/lifecycle.js';
import { enqueueEffect } from '../effects/outbox.js';
import { VigilError } from '../shared/errors.js';
import { inTransaction, type UseCaseContext } from './context.js';
import { appendTimeline } from './timeline.js';
import { getIncident } from './queries.js';
import { requirePermission, type Actor } from './requirePermission.js';
import { stopEscalation } from './escalation/stopEscalation.js';
import { refreshHomes } from './refreshHomes.js';
import { promptResolutionNotice } from './updates/cadence.js';
import { applyImpactStart } from './review/correctImpactStart.js';
import { reviewDueAt, type ContributingFactor } from '../domain/reviewDue.js';
import type { HarmLevel } from '../domain/types.js';

export interface Resolution {
  summary: string;
  rootCause?: string;
  modelRolledBack: boolean;
  /** When customers stopped being affected, if they were. */
  customerImpactEndedAt?: Date;
  /** A correction of when impact started, when the alerts' startedAt was wrong. */
  impactStartedAt?: Date;
  /** Event (harm done), near miss, or issue. */
  harmLevel?: HarmLevel;
  contributingFactors?: ContributingFactor[];
}

/** What is stored in `incidents.resolution` and on the timeline; the review reads these names. */
export interface StoredResolution {
  summary: string;
  rootCause: string | null;
  modelRolledBack: boolean;
  customerImpactEndedAt: string | null;
  harmLevel?: HarmLevel | null;
  contributingFactors?: ContributingFactor[];
}

// A datetimepicker rounds to the minute, so "now" picked by a person may lie slightly ahead.
const FUTURE_TOLERANCE_MS = 5 * 60_000;

/**
 * Whether the person may resolve this incident now. Surfaces ask before opening the resolve form,
 * so nobody fills one in only to be refused; a refusal is logged on the timeline.
 */
export function assertResolvable(ctx: UseCaseContext, incidentId: number, actor: Actor): IncidentRow {
  requirePermission(ctx, 'resolve', actor, incidentId);
  const incident = getIncident(ctx.db, incidentId);
  if (incident.status === 'resolved') {
    throw new VigilError('conflict', `Incident ${incident.id} is already resolved.`, undefined, { reason: 'already_resolved', incidentId: incident.id, resolvedBy: incident.resolvedBy });
  }
  return incident;
}

/**
 * Resolve: record how (for the review), stop every escalation step still pending, and tell the
 * channel. Serialised by the transaction, so two people submitting at once resolve it once.
 */
export function resolveIncident(ctx: UseCaseContext, input: { incidentId: number; actor: Actor; resolution: Resolution }): { resolvedAt: Date } {
  requirePermission(ctx, 'resolve', input.actor, input.incidentId);
  return inTransaction(ctx, (tx) => {
    const now = ctx.clock.now();
    const incident = getIncident(tx, input.incidentId);
    if (incident.status === 'resolved') throw new VigilError('conflict', `Incident ${incident.id} is already resolved.`);
    assertTransition(incident.status, 'resolved');
    const endedAt = input.resolution.customerImpactEndedAt;
    if (endedAt && endedAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
      throw new VigilError('invalid_input', 'The customer impact end time is in the future; leave it empty if impact is still ongoing.', 'customerImpactEndedAt');
    }
    const resolution: StoredResolution = {
      summary: input.resolution.summary,
      rootCause: input.resolution.rootCause ?? null,
      modelRolledBack: input.resolution.modelRolledBack,
      customerImpactEndedAt: endedAt ? endedAt.toISOString() : null,
      harmLevel: input.resolution.harmLevel ?? null,
      contributingFactors: input.resolution.contributingFactors ?? [],
    };
    if (input.resolution.impactStartedAt) applyImpactStart(tx, incident, input.resolution.impactStartedAt, input.actor.userId, 'corrected when resolving', now);
    const due = reviewDueAt(incident.severity, now);
    tx.update(incidents)
      .set({
        status: 'resolved',
        resolvedAt: now,
        resolvedBy: input.actor.userId,
        resolution,
        harmLevel: input.resolution.harmLevel ?? null,
        // Reopened and resolved again: the review is due from this resolution, reminders afresh.
        reviewDueAt: due ?? null,
        reviewReminder: null,
        reviewRemindedAt: null,
        updatedAt: now,
      })
      .where(eq(incidents.id, incident.id))
      .run();
    appendTimeline(tx, incident.id, now, {
      kind: 'incident.resolved',
      actor: input.actor.userId,
      data: { ...resolution, from: incident.status, sinceDeclaredMs: now.getTime() - incident.declaredAt.getTime() },
    });
    stopEscalation(tx, incident.id, 'resolved', now);
    refreshHomes(tx, incident.id, now);
    // The words of this resolution go with the notice: a reopening and another resolution must not rewrite it.
    enqueueEffect(tx, incident.id, 'channel.notice', { notice: 'resolved', data: { summary: resolution.summary, rootCause: resolution.rootCause, modelRolledBack: resolution.modelRolledBack } }, now);
    enqueueEffect(tx, incident.id, 'summary.refresh', {}, now);
    enqueueEffect(tx, incident.id, 'channel.topic', {}, now);
    enqueueEffect(tx, incident.id, 'pages.refresh', {}, now);
    promptResolutionNotice(tx, ctx, incident, now);
    return { resolvedAt: now };
  });
}
