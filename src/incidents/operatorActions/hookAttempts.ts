import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/executor.js';
import { operatorActions, type OperatorActionRow } from '../../db/schema/index.js';
import { judgeHookAnswer } from '../../domain/operatorActions.js';
import { enqueueEffect } from '../../effects/outbox.js';
import { appendTimeline } from '../timeline.js';
import { openIncidentsOfModel } from '../deployments/deploymentQueries.js';
import type { HookAnswer } from './callHook.js';
import { operatorActionById } from './operatorActionQueries.js';

// The hook call's bookkeeping, each step its own short transaction around the HTTP call (the
// delivery worker runs it): an attempt is marked as started before the request leaves, and its
// answer recorded after, so a restart in between is known for what it is.

/** Why an attempt has no recorded answer: the process stopped while it was out. */
export const RESTARTED_MID_REQUEST = 'no answer recorded: Vigil stopped during this attempt, so it is sent again with the same Idempotency-Key';

/**
 * Mark the next attempt as started, or say there is nothing to send (already answered). An
 * attempt that started before and never had its answer recorded (Vigil stopped mid-request) is
 * put on the timeline as such: the hook may have acted on it, which the Idempotency-Key makes safe.
 */
export function beginHookAttempt(tx: Executor, actionId: number, now: Date): { action: OperatorActionRow; attempt: number } | undefined {
  const action = operatorActionById(tx, actionId);
  if (action.status !== 'pending') return undefined;
  if (action.sending) {
    appendTimeline(tx, action.incidentId, now, {
      kind: 'operator_action.attempted',
      actor: 'vigil',
      data: { actionId, action: action.action, attempt: action.attempts, status: null, answer: null, error: RESTARTED_MID_REQUEST },
    });
  }
  const attempt = action.attempts + 1;
  tx.update(operatorActions)
    .set({ attempts: sql`${operatorActions.attempts} + 1`, sending: true })
    .where(eq(operatorActions.id, actionId))
    .run();
  return { action: { ...action, attempts: attempt, sending: true }, attempt };
}

/** The hook's answer to an attempt: `retry` (send again later) or how the action ended. */
export type AttemptOutcome = 'retry' | 'accepted' | 'refused' | 'failed';

/**
 * Record what the hook answered. A 2xx or a final 4xx ends the action; a 5xx, a timeout or no
 * connection is retried, until HOOK_MAX_ATTEMPTS, when the action has failed. The end is told in
 * the channel and the summary shows it; each retried attempt is on the timeline. `lastAttempt`: no
 * retry follows whatever the answer (HOOK_MAX_ATTEMPTS reached, or the hook is gone from the policy).
 */
export function recordHookAnswer(tx: Executor, actionId: number, attempt: number, answer: HookAnswer, now: Date, lastAttempt: boolean): AttemptOutcome {
  const action = operatorActionById(tx, actionId);
  if (action.status !== 'pending') return action.status;
  const verdict = judgeHookAnswer(answer.status);
  const answered = { answerStatus: answer.status, answerBody: answer.body, error: answer.error, sending: false };
  if (verdict === 'retry' && !lastAttempt) {
    tx.update(operatorActions).set(answered).where(eq(operatorActions.id, actionId)).run();
    appendTimeline(tx, action.incidentId, now, {
      kind: 'operator_action.attempted',
      actor: 'vigil',
      data: { actionId, action: action.action, attempt, status: answer.status, answer: answer.body, error: answer.error },
    });
    enqueueEffect(tx, action.incidentId, 'summary.refresh', {}, now);
    return 'retry';
  }
  const outcome = verdict === 'retry' ? 'failed' : verdict;
  tx.update(operatorActions)
    .set({ ...answered, status: outcome, answeredAt: now })
    .where(eq(operatorActions.id, actionId))
    .run();
  appendTimeline(tx, action.incidentId, now, {
    kind: 'operator_action.answered',
    actor: 'vigil',
    data: {
      actionId,
      action: action.action,
      outcome,
      model: action.model,
      environment: action.environment,
      from: action.fromVersion,
      to: action.toVersion,
      status: answer.status,
      answer: answer.body,
      error: answer.error,
      attempts: attempt,
    },
  });
  enqueueEffect(tx, action.incidentId, 'operator_action.notice', { actionId, moment: 'answered' }, now);
  // What is live changed for every incident about the model, not only the one that asked.
  const refresh = outcome === 'accepted' ? new Set([action.incidentId, ...openIncidentsOfModel(tx, action.model)]) : [action.incidentId];
  for (const incidentId of refresh) enqueueEffect(tx, incidentId, 'summary.refresh', {}, now);
  return outcome;
}
