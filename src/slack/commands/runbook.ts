import { postRunbook } from '../../incidents/postRunbook.js';
import { runbookForCategory } from '../../domain/runbooks.js';
import type { Category } from '../../domain/types.js';
import { UsageError } from '../replies.js';
import { words } from './parseArgs.js';
import { availableRunbooks, runbookReply } from './runbookReply.js';
import type { Subcommand } from './subcommand.js';

const USAGE = '/incident runbook [name]';
const EXAMPLE = '/incident runbook emergency-model-rollback';

export const runbookSubcommand: Subcommand = {
  name: 'runbook',
  usage: USAGE,
  example: EXAMPLE,
  description: "Post a runbook as steps to tick: the category's own, or one by name",
  needsIncident: true,
  run: (request, deps) => {
    const [typed, ...extra] = words(request.args);
    const name = typed?.toLowerCase();
    if (extra.length > 0) throw new UsageError('Name one runbook.', USAGE, EXAMPLE);
    const runbooks = deps.ctx.runbooks;
    const incident = request.incident!;
    if (name && !runbooks.some((r) => r.name === name)) {
      return { text: `There is no runbook \`${name.replace(/[<>&`]/g, '')}\`. Available runbooks:\n${availableRunbooks(runbooks)}\nUsage: \`${USAGE}\`` };
    }
    if (!name && !runbookForCategory(runbooks, incident.category as Category)) {
      return { text: `No runbook serves the *${incident.category}* category. Name one:\n${availableRunbooks(runbooks)}` };
    }
    return { text: runbookReply(postRunbook(deps.ctx, { incidentId: incident.id, userId: request.userId, ...(name ? { runbookName: name } : {}) })) };
  },
};
