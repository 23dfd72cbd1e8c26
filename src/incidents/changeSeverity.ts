import { eq } from 'drizzle-orm';
import { incidents } from '../db/schema/index.js';
import { policyFor, replanEscalation } from '../domain/escalationPlan.js';
import { isAcknowledgedState, type IncidentState } from '../domain/lifecycle.js';
import type { Severity } from '../domain/types.js';
import { VigilError } from '../shared/errors.js';
import { enqueueEffect } from '../effects/outbox.js';
import { inTransaction, type UseCaseContext } from './context.js';
import { appendTimeline } from './timeline.js';
import { getIncident } from './queries.js';
import { requirePermission, type Actor } from './requirePermission.js';
import { cancelPendingSteps, firedKeys, incidentPolicies, insertPlannedSteps } from './escalation/stepRows.js';
import { fireDueStepsOf } from './escalation/fireSteps.js';

/**
 * Change severity and re-plan what is left of the escalation: steps the new severity adds are
 * armed (due now if their time has passed), steps it drops are cancelled, fired steps stay fired.
 */
export function changeSeverity(ctx: UseCaseContext, input: { incidentId: number; severity: Severity; reason?: string; actor: Actor }): { from: Severity } {
  requirePermission(ctx, 'changeSeverity', input.actor, input.incidentId);
  return inTransaction(ctx, (tx) => {
    const now = ctx.clock.now();
    const incident = getIncident(tx, input.incidentId);
    const from = incident.severity as Severity;
    if (incident.status === 'resolved') throw new VigilError('invalid_transition', `Incident ${incident.id} is resolved; reopen it first.`);
    if (from === input.severity) throw new VigilError('conflict', `Incident ${incident.id} is already ${from}.`);
    tx.update(incidents).set({ severity: input.severity, updatedAt: now }).where(eq(incidents.id, incident.id)).run();
    appendTimeline(tx, incident.id, now, {
      kind: 'severity.changed',
      actor: input.actor.userId,
      summary: `Severity ${from} → ${input.severity}${input.reason ? `: ${input.reason}` : ''}`,
      data: { from, to: input.severity, reason: input.reason ?? null },
    });

    const plan = replanEscalation(
      policyFor(incidentPolicies(incident), input.severity),
      input.severity,
      incident.declaredAt,
      now,
      firedKeys(tx, incident.id),
      isAcknowledgedState(incident.status as IncidentState),
    );
    cancelPendingSteps(tx, incident.id, now);
    insertPlannedSteps(tx, incident.id, plan);
    appendTimeline(tx, incident.id, now, {
      kind: 'escalation.planned',
      actor: 'vigil',
      summary: `Escalation re-planned for ${input.severity}: ${plan.map((s) => s.label).join(', ') || 'no steps left'}`,
      data: { steps: plan.map((s) => ({ key: s.key, label: s.label, dueAt: s.dueAt.toISOString() })) },
    });
    enqueueEffect(tx, incident.id, 'channel.notice', { notice: 'severity_changed', data: { from, by: input.actor.userId, reason: input.reason ?? null } }, now);
    enqueueEffect(tx, incident.id, 'summary.refresh', {}, now);
    enqueueEffect(tx, incident.id, 'channel.topic', {}, now);
    fireDueStepsOf(tx, ctx, incident.id, now);
    return { from };
  });
}
