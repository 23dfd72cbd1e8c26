import { OPERATOR_ACTION_WORDS, type OperatorActionKind } from '../../domain/operatorActions.js';
import { VigilError } from '../../shared/errors.js';
import type { UseCaseContext } from '../context.js';
import { incidentVersionsOf } from '../deployments/incidentVersions.js';
import { alertsOf, getIncident } from '../queries.js';
import { requirePermission, type Actor } from '../requirePermission.js';
import type { ActionTarget } from './operatorActionQueries.js';

/**
 * What `/incident rollback [version]` or `/incident kill-switch` would send, for the person to
 * confirm: the model, its environment, the live version and the target (the one deployed before
 * the live one, unless a version is named). Refuses, with the reason, anyone without the
 * `rollback` permission (on the timeline), an action with no hook, or a target it cannot tell.
 * Nothing is sent until the confirmation is clicked (requestOperatorAction).
 */
export function prepareOperatorAction(ctx: UseCaseContext, input: { incidentId: number; action: OperatorActionKind; version?: string; actor: Actor }): ActionTarget {
  requirePermission(ctx, 'rollback', input.actor, input.incidentId);
  const words = OPERATOR_ACTION_WORDS[input.action];
  if (!ctx.policy.actions[input.action]) throw new VigilError('invalid_input', `No ${words.noun} hook is configured: add actions.${input.action} to the policy file.`);
  const incident = getIncident(ctx.db, input.incidentId);
  if (incident.status === 'resolved') {
    throw new VigilError('invalid_transition', `Incident ${incident.id} is resolved; reopen it first.`, undefined, { reason: 'reopen_first', incidentId: incident.id });
  }
  const facts = incidentVersionsOf(ctx.db, incident, alertsOf(ctx.db, incident.id));
  if (!facts) throw new VigilError('invalid_input', `Incident ${incident.id} names no model, so there is nothing to ${input.action === 'rollback' ? 'roll back' : 'disable'}.`);
  const environment = facts.rollbackTarget?.environment ?? facts.environment;
  if (environment === null) {
    throw new VigilError('invalid_input', `Vigil does not know which environment ${facts.model} runs in: no deployment of it was reported, and no alert has an environment label.`);
  }
  const base = { incidentId: incident.id, action: input.action, model: facts.model, environment, from: facts.now.version };
  if (input.action === 'killSwitch') {
    if (facts.now.via === 'killSwitch') throw new VigilError('conflict', `${facts.model} in ${environment} is already disabled by the kill switch.`);
    return { ...base, to: null };
  }
  const to = input.version ?? facts.rollbackTarget?.to;
  if (to === undefined) throw new VigilError('invalid_input', `Vigil knows no version of ${facts.model} before ${facts.now.version ?? 'the live one'} in ${environment}; name one: /incident rollback <version>.`);
  if (to === facts.now.version) throw new VigilError('conflict', `${facts.model} is already at ${to} in ${environment}.`);
  return { ...base, to };
}
