import { randomUUID } from 'node:crypto';
import type { OperatorActionRow } from '../../db/schema/index.js';
import { operatorActions } from '../../db/schema/index.js';
import { OPERATOR_ACTION_WORDS } from '../../domain/operatorActions.js';
import { enqueueEffect } from '../../effects/outbox.js';
import { VigilError } from '../../shared/errors.js';
import { inTransaction, type UseCaseContext } from '../context.js';
import { incidentVersionsOf } from '../deployments/incidentVersions.js';
import { alertsOf, getIncident } from '../queries.js';
import { requirePermission, type Actor } from '../requirePermission.js';
import { appendTimeline } from '../timeline.js';
import { latestSameRequest, pendingActionOf, type ActionTarget } from './operatorActionQueries.js';

/** Each action's hook call runs in a lane of its own: a slow hook never holds up the incident's Slack messages. */
export const operatorActionLane = (actionId: number): string => `operator-action:${actionId}`;

export interface OperatorActionRequest extends ActionTarget {
  actor: Actor;
  via: 'button' | 'command';
}

/**
 * `sent`: a new request is on its way to the hook. `pending`: one is already waiting for the
 * hook's answer (this one, or another of the same kind), so nothing new is sent. `done`: the hook
 * already accepted exactly this, so nothing is sent again.
 */
export type OperatorActionResult = { kind: 'sent' | 'pending' | 'done'; action: OperatorActionRow };

/** Where a hook is, as the record keeps it: no user or password, query or fragment, which may hold a secret. */
export function recordedUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}

/** The body every attempt sends, byte for byte: the operator's hook can rely on its fields. */
export function hookBody(target: ActionTarget, requestedBy: string, confirmedAt: Date): string {
  return JSON.stringify({
    action: target.action,
    incidentId: target.incidentId,
    model: target.model,
    environment: target.environment,
    from: target.from,
    to: target.to,
    requestedBy,
    confirmedAt: confirmedAt.toISOString(),
  });
}

/**
 * A person confirmed a rollback or the kill switch (the button's confirm dialog, or the command's
 * confirmation). Only people with the `rollback` permission may; a refusal is on the timeline.
 * The confirmation named from and to: if the live version has moved since, nothing is sent and the
 * person is told. Otherwise the change ticket is written (who, what, the exact body and its
 * Idempotency-Key) and the hook call queued, in one transaction: a double click sends once.
 */
export function requestOperatorAction(ctx: UseCaseContext, request: OperatorActionRequest): OperatorActionResult {
  requirePermission(ctx, 'rollback', request.actor, request.incidentId);
  const words = OPERATOR_ACTION_WORDS[request.action];
  const hook = ctx.policy.actions[request.action];
  return inTransaction(ctx, (tx) => {
    const now = ctx.clock.now();
    const same = latestSameRequest(tx, request);
    if (same?.status === 'pending' || same?.status === 'accepted') return { kind: same.status === 'pending' ? 'pending' : 'done', action: same };
    const pending = pendingActionOf(tx, request.incidentId, request.action);
    if (pending) return { kind: 'pending', action: pending };
    if (!hook) throw new VigilError('invalid_input', `No ${words.noun} hook is configured: add actions.${request.action} to the policy file.`);
    const incident = getIncident(tx, request.incidentId);
    if (incident.status === 'resolved') {
      throw new VigilError('invalid_transition', `Incident ${incident.id} is resolved; reopen it first.`, undefined, { reason: 'reopen_first', incidentId: incident.id });
    }
    const facts = incidentVersionsOf(tx, incident, alertsOf(tx, incident.id));
    if (!facts || facts.model !== request.model) throw new VigilError('conflict', `Incident ${incident.id} is not about the model ${request.model}.`);
    if (facts.now.version !== request.from) {
      const live = facts.now.version === null ? 'disabled by the kill switch' : `now ${facts.now.version}`;
      throw new VigilError('conflict', `${request.model} is ${live}, not ${request.from ?? 'unknown'} as confirmed; nothing was sent. The summary shows what is live.`);
    }
    if (request.action === 'rollback' && request.to === request.from) throw new VigilError('conflict', `${request.model} is already at ${request.to}; nothing was sent.`);

    const idempotencyKey = randomUUID();
    const body = hookBody(request, request.actor.userId, now);
    const row = tx
      .insert(operatorActions)
      .values({
        incidentId: request.incidentId,
        action: request.action,
        model: request.model,
        environment: request.environment,
        fromVersion: request.from,
        toVersion: request.to,
        requestedBy: request.actor.userId,
        confirmedAt: now,
        via: request.via,
        idempotencyKey,
        body,
        url: recordedUrl(hook.url),
      })
      .returning()
      .get();
    appendTimeline(tx, incident.id, now, {
      kind: 'operator_action.requested',
      actor: request.actor.userId,
      data: { actionId: row.id, action: row.action, model: row.model, environment: row.environment, from: row.fromVersion, to: row.toVersion, via: row.via, url: row.url, idempotencyKey, body },
    });
    enqueueEffect(tx, incident.id, 'operator_action.send', { actionId: row.id }, now, operatorActionLane(row.id));
    enqueueEffect(tx, incident.id, 'operator_action.notice', { actionId: row.id, moment: 'requested' }, now);
    enqueueEffect(tx, incident.id, 'summary.refresh', {}, now);
    return { kind: 'sent', action: row };
  });
}
