import { parseSeverity } from '../../domain/classify.js';
import { SEVERITY_MEANING } from '../../domain/severity.js';
import { SEVERITIES } from '../../domain/types.js';
import { changeSeverity } from '../../incidents/changeSeverity.js';
import { UsageError } from '../replies.js';
import { incidentRef } from '../blocks/format.js';
import { quoteInput, restAfterFirstWord } from './commandInput.js';
import { words } from './parseArgs.js';
import type { Subcommand } from './subcommand.js';

const USAGE = '/incident severity SEV1..SEV4 [reason]';
const EXAMPLE = '/incident severity SEV2 accuracy keeps falling';
const LEVELS = SEVERITIES.map((s) => `• ${s}: ${SEVERITY_MEANING[s]}`).join('\n');

export const severitySubcommand: Subcommand = {
  name: 'severity',
  usage: USAGE,
  example: EXAMPLE,
  description: 'Change the severity, with a reason; escalation is re-planned for the new level',
  needsIncident: true,
  run: (request, deps) => {
    const [first] = words(request.args);
    if (!first) throw new UsageError(`Which severity?\n${LEVELS}`, USAGE, EXAMPLE);
    const severity = parseSeverity(first);
    if (!severity) throw new UsageError(`${quoteInput(first)} is not a severity. Use one of:\n${LEVELS}`, USAGE, EXAMPLE);
    const reason = restAfterFirstWord(request.args);
    const incidentId = request.incident!.id;
    const { from } = changeSeverity(deps.ctx, { incidentId, severity, ...(reason ? { reason } : {}), actor: { userId: request.userId } });
    return { text: `:warning: ${incidentRef(incidentId)} is now *${severity}* (was ${from}). Escalation is re-planned for ${severity}; the channel, topic and summary show it.` };
  },
};
