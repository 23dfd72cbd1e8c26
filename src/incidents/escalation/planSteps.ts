import type { Executor } from '../../db/executor.js';
import type { IncidentRow } from '../../db/schema/index.js';
import { planEscalation, policyFor } from '../../domain/escalationPlan.js';
import type { UseCaseContext } from '../context.js';
import { appendTimeline, plannedStepRecord } from '../timeline.js';
import { incidentPolicies, insertPlannedSteps } from './stepRows.js';
import { fireDueStepsOf } from './fireSteps.js';

/** Plan a new incident's escalation from its policy snapshot, and page whatever is due at once (L1 at 0). */
export function planIncidentEscalation(tx: Executor, ctx: UseCaseContext, incident: IncidentRow, now: Date): void {
  const severity = incident.severity;
  const plan = planEscalation(policyFor(incidentPolicies(incident), severity), severity, incident.declaredAt);
  insertPlannedSteps(tx, incident.id, plan);
  appendTimeline(tx, incident.id, now, {
    kind: 'escalation.planned',
    actor: 'vigil',
    data: { steps: plan.map((s) => plannedStepRecord(s, incident.declaredAt)) },
  });
  fireDueStepsOf(tx, ctx, incident.id, now);
}
