// Rollbacks and kill switches at delivery time: the signed call to the operator's hook (not
// Slack, but an effect all the same: durable, retried, in a lane of its own), and what the
// incident channel is told about it.

import type { Executor } from '../../db/executor.js';
import { HOOK_MAX_ATTEMPTS, OPERATOR_ACTION_KINDS, OPERATOR_ACTION_WORDS, type OperatorActionKind } from '../../domain/operatorActions.js';
import { callHook, type HookAnswer } from '../../incidents/operatorActions/callHook.js';
import { beginHookAttempt, recordHookAnswer } from '../../incidents/operatorActions/hookAttempts.js';
import { operatorActionById } from '../../incidents/operatorActions/operatorActionQueries.js';
import { nextChecksOf } from '../../incidents/operatorActions/monitorNextChecks.js';
import { loadIncidentView, pageMessagesOf } from '../../incidents/readModel.js';
import { actionAnsweredMessage, actionRequestedMessage } from '../blocks/operatorActionBlocks.js';
import { incidentChannel } from './channelHandlers.js';
import type { DeliveryContext, EffectHandler } from './deliveryContext.js';
import { postSized } from './postSized.js';
import { RetryOutsideSlack } from './slackErrors.js';

/** The actions the policy has a hook for: the summary offers only those. */
export const offeredActions = (ctx: DeliveryContext): OperatorActionKind[] => OPERATOR_ACTION_KINDS.filter((kind) => ctx.actionHooks?.[kind] !== undefined);

const write = <T>(ctx: DeliveryContext, work: (db: Executor) => T): Promise<T> => (ctx.commit ? ctx.commit(work) : Promise.resolve(work(ctx.db)));

/**
 * One attempt: marked as started, sent signed (timestamped now) with the stored body and its
 * Idempotency-Key, and the answer recorded. A 5xx or no answer throws RetryOutsideSlack, so the
 * worker tries again after its backoff; the last attempt, a 2xx or a 4xx end the action.
 */
export const sendOperatorAction: EffectHandler<'operator_action.send'> = async (attempt, ctx) => {
  const { actionId } = attempt.effect.payload;
  const started = await write(ctx, (db) => beginHookAttempt(db, actionId, ctx.clock.now()));
  if (!started) return { skipped: 'already answered' };
  const { action } = started;
  const hook = ctx.actionHooks?.[action.action];
  const answer: HookAnswer = hook
    ? await callHook(hook, action.body, action.idempotencyKey)
    : { status: null, body: null, error: `actions.${action.action} is no longer in the policy file` };
  // A hook that is gone cannot come back by waiting: that attempt is the last.
  const lastAttempt = hook === undefined || started.attempt >= HOOK_MAX_ATTEMPTS;
  const outcome = await write(ctx, (db) => recordHookAnswer(db, actionId, started.attempt, answer, ctx.clock.now(), lastAttempt));
  const fields = { actionId, action: action.action, attempt: started.attempt, status: answer.status, error: answer.error };
  if (outcome === 'retry') {
    ctx.logger.warn(`operator action: the ${OPERATOR_ACTION_WORDS[action.action].noun} hook did not answer well; sending again later`, fields);
    throw new RetryOutsideSlack(`${action.action} hook: ${answer.status !== null ? `HTTP ${answer.status}` : answer.error}`);
  }
  ctx.logger.info(`operator action: ${action.action} ${outcome}`, fields);
  return { outcome, status: answer.status };
};

/** Tell the incident channel that an action was confirmed and sent, or how the hook answered. */
export const postOperatorActionNotice: EffectHandler<'operator_action.notice'> = async (attempt, ctx) => {
  const incidentId = attempt.effect.incidentId!;
  const channel = incidentChannel(ctx, incidentId);
  if (!channel) return { skipped: 'no channel' };
  const { actionId, moment } = attempt.effect.payload;
  const row = operatorActionById(ctx.db, actionId);
  const paged = () => pageMessagesOf(ctx.db, incidentId).map((page) => page.userId);
  const message =
    moment === 'requested' ? actionRequestedMessage(row) : actionAnsweredMessage(row, loadIncidentView(ctx.db, incidentId), nextChecksOf(ctx.db, ctx.monitors ?? [], row.model), paged());
  const posted = await postSized(ctx, attempt, { channel, ...message });
  return { ts: posted.ts };
};
