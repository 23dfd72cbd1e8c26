import { and, asc, eq } from 'drizzle-orm';
import { escalationSteps } from '../db/schema/index.js';
import type { NotifyTarget } from '../domain/escalationPlan.js';
import { VigilError } from '../shared/errors.js';
import { inTransaction, type UseCaseContext } from './context.js';
import { appendTimeline } from './timeline.js';
import { getIncident } from './queries.js';
import { notifyOf } from './escalation/stepRows.js';
import { resolveTargets } from './escalation/resolveTargets.js';
import { claimStep, sendPage } from './escalation/fireSteps.js';

export interface EscalateRequest {
  incidentId: number;
  userId: string;
  /** Page this target now; without it, jump to the next planned step. */
  target?: NotifyTarget;
}

/** "Escalate now": the next step at once, or a named person or rotation; recorded with who asked. */
export function escalateNow(ctx: UseCaseContext, request: EscalateRequest): { label: string; paged: string[]; target: string } {
  return inTransaction(ctx, (tx) => {
    const now = ctx.clock.now();
    const incident = getIncident(tx, request.incidentId);
    if (incident.status === 'resolved') throw new VigilError('invalid_transition', `Incident ${incident.id} is resolved; nobody is paged for it.`);

    let label = 'Manual';
    let notify: NotifyTarget | undefined = request.target;
    if (!notify) {
      const next = tx
        .select()
        .from(escalationSteps)
        .where(and(eq(escalationSteps.incidentId, incident.id), eq(escalationSteps.status, 'pending')))
        .orderBy(asc(escalationSteps.dueAt), asc(escalationSteps.id))
        .get();
      if (!next) {
        throw new VigilError('conflict', 'Every escalation step has already run. Name someone to page: a person or a rotation.', undefined, { reason: 'escalation_exhausted' });
      }
      claimStep(tx, next.id, now);
      label = next.label;
      notify = notifyOf(next);
    }
    const targets = resolveTargets(tx, ctx.policy, incident, notify, now);
    appendTimeline(tx, incident.id, now, {
      kind: 'escalation.manual',
      actor: request.userId,
      data: { step: label, target: targets.describe },
    });
    sendPage(tx, incident, targets, { label, reason: 'manual', actor: request.userId }, now);
    return { label, paged: targets.users, target: targets.describe };
  });
}
