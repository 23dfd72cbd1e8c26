import { eq } from 'drizzle-orm';
import { incidents, type IncidentRow } from '../db/schema/index.js';
import type { Executor } from '../db/executor.js';
import { policyFor, replanEscalation } from '../domain/escalationPlan.js';
import { isAcknowledgedState } from '../domain/lifecycle.js';
import type { Severity } from '../domain/types.js';
import { VigilError } from '../shared/errors.js';
import { enqueueEffect } from '../effects/outbox.js';
import { inTransaction, type UseCaseContext } from './context.js';
import { appendTimeline, plannedStepRecord } from './timeline.js';
import { getIncident } from './queries.js';
import { requirePermission, type Actor } from './requirePermission.js';
import { cancelPendingSteps, firedKeys, incidentPolicies, insertPlannedSteps } from './escalation/stepRows.js';
import { fireDueStepsOf } from './escalation/fireSteps.js';
import { promptUpdate } from './updates/cadence.js';

export interface SeverityChange {
  severity: Severity;
  reason?: string;
  /** A user id, or a source name when an alert raised it. */
  actor: string;
}

/**
 * Change severity inside the caller's transaction and re-plan what is left of the escalation:
 * steps the new severity adds are armed (due now if their time has passed), steps it drops are
 * cancelled, fired steps stay fired. The one path for commands and for alerts that raise it.
 */
export function applySeverityChange(tx: Executor, ctx: UseCaseContext, incident: IncidentRow, change: SeverityChange, now: Date): void {
  const from = incident.severity;
  tx.update(incidents).set({ severity: change.severity, updatedAt: now }).where(eq(incidents.id, incident.id)).run();
  appendTimeline(tx, incident.id, now, {
    kind: 'severity.changed',
    actor: change.actor,
    data: { from, to: change.severity, reason: change.reason ?? null },
  });
  const plan = replanEscalation(
    policyFor(incidentPolicies(incident), change.severity),
    change.severity,
    incident.declaredAt,
    now,
    firedKeys(tx, incident.id),
    isAcknowledgedState(incident.status),
  );
  cancelPendingSteps(tx, incident.id, now);
  insertPlannedSteps(tx, incident.id, plan);
  appendTimeline(tx, incident.id, now, {
    kind: 'escalation.planned',
    actor: 'vigil',
    data: { steps: plan.map((s) => plannedStepRecord(s, incident.declaredAt)), severity: change.severity },
  });
  enqueueEffect(tx, incident.id, 'channel.notice', { notice: 'severity_changed', data: { from, by: change.actor, reason: change.reason ?? null } }, now);
  enqueueEffect(tx, incident.id, 'summary.refresh', {}, now);
  enqueueEffect(tx, incident.id, 'channel.topic', {}, now);
  fireDueStepsOf(tx, ctx, incident.id, now);
  promptUpdate(tx, incident, `severity ${from} → ${change.severity}`, now);
}

/** `/incident severity`: a person changes it (permission `changeSeverity`). */
export function changeSeverity(ctx: UseCaseContext, input: { incidentId: number; severity: Severity; reason?: string; actor: Actor }): { from: Severity } {
  requirePermission(ctx, 'changeSeverity', input.actor, input.incidentId);
  return inTransaction(ctx, (tx) => {
    const now = ctx.clock.now();
    const incident = getIncident(tx, input.incidentId);
    const from = incident.severity;
    if (incident.status === 'resolved') throw new VigilError('invalid_transition', `Incident ${incident.id} is resolved; reopen it first.`);
    if (from === input.severity) throw new VigilError('conflict', `Incident ${incident.id} is already ${from}.`);
    applySeverityChange(
      tx,
      ctx,
      incident,
      { severity: input.severity, actor: input.actor.userId, ...(input.reason ? { reason: input.reason } : {}) },
      now,
    );
    return { from };
  });
}
