import { acknowledgeIncident } from '../../incidents/acknowledgeIncident.js';
import { acknowledgeReply } from './acknowledgeReply.js';
import type { Subcommand } from './subcommand.js';

export const ackSubcommand: Subcommand = {
  name: 'ack',
  usage: '/incident ack',
  example: '/incident ack',
  description: 'Acknowledge the incident: you own it now, and paging for acknowledgement stops',
  needsIncident: true,
  run: (request, deps) => {
    const incidentId = request.incident!.id;
    return { text: acknowledgeReply(incidentId, acknowledgeIncident(deps.ctx, { incidentId, userId: request.userId, via: 'command' })) };
  },
};
