import { assertResolvable } from '../../incidents/resolveIncident.js';
import { resolveModal } from '../blocks/resolveModal.js';
import { actorWithGroups } from './actorWithGroups.js';
import { openModal } from './openModal.js';
import type { Subcommand } from './subcommand.js';

export const resolveSubcommand: Subcommand = {
  name: 'resolve',
  usage: '/incident resolve',
  example: '/incident resolve',
  description: 'Resolve the incident: a form for what fixed it, the root cause, rollback and when impact ended',
  needsIncident: true,
  run: async (request, deps) => {
    const actor = await actorWithGroups(deps.client, deps.ctx.policy, 'resolve', request.userId, deps.logger);
    // Asked before the form opens, so nobody fills it in only to be refused.
    const incident = assertResolvable(deps.ctx, request.incident!.id, actor);
    await openModal(deps.client, request.triggerId, resolveModal(incident, { incidentId: incident.id, channelId: request.channelId }));
  },
};
