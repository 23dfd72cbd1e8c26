import { listOpenIncidents } from '../../incidents/queries.js';
import { incidentListText } from '../blocks/incidentListText.js';
import type { Subcommand } from './subcommand.js';

export const listSubcommand: Subcommand = {
  name: 'list',
  usage: '/incident list',
  example: '/incident list',
  description: 'Open incidents with severity, category, model, age, state and channel',
  needsIncident: false,
  run: (_request, deps) => ({ text: incidentListText(listOpenIncidents(deps.ctx.db), deps.ctx.clock.now()) }),
};
