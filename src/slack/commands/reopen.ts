import { reopenIncident } from '../../incidents/reopenIncident.js';
import { plainFromSlackText } from '../../domain/slackText.js';
import { incidentRef } from '../blocks/format.js';
import type { Subcommand } from './subcommand.js';

export const reopenSubcommand: Subcommand = {
  name: 'reopen',
  usage: '/incident reopen [reason]',
  example: '/incident reopen accuracy dropped again after the rollback',
  description: 'Reopen a resolved incident: back to investigating, buttons back on the summary (paging is not restarted)',
  needsIncident: true,
  run: (request, deps) => {
    const reason = plainFromSlackText(request.args);
    const incidentId = request.incident!.id;
    reopenIncident(deps.ctx, { incidentId, userId: request.userId, ...(reason ? { reason } : {}) });
    return {
      text: `:arrows_counterclockwise: ${incidentRef(incidentId)} is reopened and back to investigating. Paging is not restarted; \`/incident escalate\` brings someone in.`,
    };
  },
};
