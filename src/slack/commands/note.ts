import { addNote } from '../../incidents/addNote.js';
import { plainFromSlackText } from '../../domain/slackText.js';
import { UsageError } from '../replies.js';
import { incidentRef } from '../blocks/format.js';
import type { Subcommand } from './subcommand.js';

const USAGE = '/incident note <text>';
const EXAMPLE = '/incident note rolled back to v41, watching accuracy';

export const noteSubcommand: Subcommand = {
  name: 'note',
  usage: USAGE,
  example: EXAMPLE,
  description: 'Add a note to the timeline (and say it in the channel): decisions, findings, what you tried',
  needsIncident: true,
  run: (request, deps) => {
    const text = plainFromSlackText(request.args);
    if (!text) throw new UsageError('What should the note say?', USAGE, EXAMPLE);
    const incidentId = request.incident!.id;
    addNote(deps.ctx, { incidentId, userId: request.userId, text });
    return { text: `:memo: Noted on the timeline of ${incidentRef(incidentId)}.` };
  },
};
