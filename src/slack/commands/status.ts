import { lastTimelineEvent, loadIncidentView } from '../../incidents/readModel.js';
import { incidentStatusText } from '../blocks/incidentStatusText.js';
import type { Subcommand } from './subcommand.js';

export const statusSubcommand: Subcommand = {
  name: 'status',
  usage: '/incident status',
  example: '/incident status',
  description: 'This incident at a glance: severity, state, roles, acknowledgement, last update, open checklist items',
  needsIncident: true,
  run: (request, deps) => {
    const incidentId = request.incident!.id;
    const view = loadIncidentView(deps.ctx.db, incidentId, deps.ctx.runbooks);
    return { text: incidentStatusText(view, lastTimelineEvent(deps.ctx.db, incidentId), deps.ctx.clock.now()) };
  },
};
