import { and, eq, isNull } from 'drizzle-orm';
import { operatorActions } from '../../db/schema/index.js';
import { OPERATOR_ACTION_WORDS } from '../../domain/operatorActions.js';
import { enqueueEffect } from '../../effects/outbox.js';
import { VigilError } from '../../shared/errors.js';
import { inTransaction, type UseCaseContext } from '../context.js';
import { getIncident } from '../queries.js';
import { setIncidentState } from '../setIncidentState.js';
import { appendTimeline } from '../timeline.js';
import { operatorActionById } from './operatorActionQueries.js';

export type RecoveryResult = { confirmed: true; mitigated: boolean } | { confirmed: false; by: string | null; at: Date | null };

/**
 * Someone checked that the model recovered after an accepted rollback (the "Recovered" button
 * under the hook's answer). The confirmation is recorded once, with who and when; an incident not
 * yet mitigated becomes mitigated, saying why. A second click changes nothing.
 */
export function confirmRecovery(ctx: UseCaseContext, input: { actionId: number; userId: string }): RecoveryResult {
  const recorded = inTransaction(ctx, (tx) => {
    const now = ctx.clock.now();
    const action = operatorActionById(tx, input.actionId);
    if (action.status !== 'accepted') throw new VigilError('conflict', `That ${OPERATOR_ACTION_WORDS[action.action].noun} was not accepted by the hook, so there is nothing to confirm.`);
    const changed = tx
      .update(operatorActions)
      .set({ recoveryConfirmedBy: input.userId, recoveryConfirmedAt: now })
      .where(and(eq(operatorActions.id, action.id), isNull(operatorActions.recoveryConfirmedBy)))
      .run().changes;
    if (changed === 0) return { confirmed: false as const, by: action.recoveryConfirmedBy, at: action.recoveryConfirmedAt };
    appendTimeline(tx, action.incidentId, now, {
      kind: 'operator_action.recovery_confirmed',
      actor: input.userId,
      data: { actionId: action.id, action: action.action, version: action.toVersion },
    });
    enqueueEffect(tx, action.incidentId, 'summary.refresh', {}, now);
    const incident = getIncident(tx, action.incidentId);
    const reason = action.toVersion ? `recovery confirmed after the rollback to ${action.toVersion}` : `recovery confirmed after the ${OPERATOR_ACTION_WORDS[action.action].noun}`;
    return { confirmed: true as const, incidentId: incident.id, settable: incident.status !== 'mitigated' && incident.status !== 'resolved', reason };
  });
  if (!recorded.confirmed) return recorded;
  // Its own transaction, as `/incident state mitigated` is: the confirmation stands either way.
  if (recorded.settable) setIncidentState(ctx, { incidentId: recorded.incidentId, state: 'mitigated', userId: input.userId, reason: recorded.reason });
  return { confirmed: true, mitigated: recorded.settable };
}
