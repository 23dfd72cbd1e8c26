// `/incident rollback [version]` and `/incident kill-switch`: the confirmation, shown only to the
// person who typed it, naming the model, the environment, from and to; its button sends it.

import { prepareOperatorAction } from '../../incidents/operatorActions/prepareOperatorAction.js';
import { actionConfirmation } from '../blocks/operatorActionBlocks.js';
import { plainFromSlackText } from '../format/slackText.js';
import { actorWithGroups } from '../interaction/actingUser.js';
import { words } from '../interaction/commandText.js';
import { UsageError } from '../replies.js';
import type { Subcommand } from './subcommand.js';

const ROLLBACK_USAGE = '/incident rollback [version]';
const ROLLBACK_EXAMPLE = '/incident rollback 2026-10-20';
/** Longer than any version a deployment may report (deploymentPayload). */
const MAX_VERSION_CHARS = 200;

export const rollbackSubcommand: Subcommand = {
  name: 'rollback',
  usage: ROLLBACK_USAGE,
  example: ROLLBACK_EXAMPLE,
  description: "Roll the incident's model back to the version before the live one (or the one named), through your rollback hook, after you confirm model, environment, from and to",
  needsIncident: true,
  run: async (request, deps) => {
    const typed = words(plainFromSlackText(request.args));
    if (typed.length > 1 || (typed[0]?.length ?? 0) > MAX_VERSION_CHARS) throw new UsageError('Name one version, or none for the one before the live version.', ROLLBACK_USAGE, ROLLBACK_EXAMPLE);
    const actor = await actorWithGroups(deps.client, deps.ctx.policy, 'rollback', request.userId, deps.logger);
    const target = prepareOperatorAction(deps.ctx, { incidentId: request.incident!.id, action: 'rollback', actor, ...(typed[0] ? { version: typed[0] } : {}) });
    return actionConfirmation('rollback', { incidentId: target.incidentId, model: target.model, environment: target.environment, from: target.from, to: target.to, via: 'command' });
  },
};

export const killSwitchSubcommand: Subcommand = {
  name: 'kill-switch',
  usage: '/incident kill-switch',
  example: '/incident kill-switch',
  description: "Turn the incident's model off through your kill-switch hook (traffic falls back to what your hook does), after you confirm model and environment",
  needsIncident: true,
  run: async (request, deps) => {
    if (request.args.trim()) throw new UsageError('`/incident kill-switch` takes nothing.', '/incident kill-switch', '/incident kill-switch');
    const actor = await actorWithGroups(deps.client, deps.ctx.policy, 'rollback', request.userId, deps.logger);
    const target = prepareOperatorAction(deps.ctx, { incidentId: request.incident!.id, action: 'killSwitch', actor });
    return actionConfirmation('killSwitch', { incidentId: target.incidentId, model: target.model, environment: target.environment, from: target.from, to: null, via: 'command' });
  },
};
