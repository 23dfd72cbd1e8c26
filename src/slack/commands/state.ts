import { SETTABLE_STATES, setIncidentState, type SettableState } from '../../incidents/setIncidentState.js';
import { UsageError } from '../replies.js';
import { incidentRef } from '../blocks/format.js';
import { quoteInput, restAfterFirstWord } from './commandInput.js';
import { words } from './parseArgs.js';
import type { Subcommand } from './subcommand.js';

const USAGE = `/incident state ${SETTABLE_STATES.join('|')} [what changed]`;
const EXAMPLE = '/incident state mitigated rolled back to the 2026-10-30 model';

/** States with their own command, so a person who types them learns which. */
const ELSEWHERE: Readonly<Record<string, string>> = {
  acknowledged: 'To acknowledge, use `/incident ack`.',
  ack: 'To acknowledge, use `/incident ack`.',
  resolved: 'To resolve, use `/incident resolve`: it asks for the resolution summary the review needs.',
  resolve: 'To resolve, use `/incident resolve`: it asks for the resolution summary the review needs.',
  reopened: 'To reopen a resolved incident, use `/incident reopen`.',
  triggered: 'An incident cannot go back to triggered.',
};

const isSettable = (word: string): word is SettableState => (SETTABLE_STATES as readonly string[]).includes(word);

export const stateSubcommand: Subcommand = {
  name: 'state',
  usage: USAGE,
  example: EXAMPLE,
  description: 'Move the incident to investigating or mitigated (from triggered, this also acknowledges it)',
  needsIncident: true,
  run: (request, deps) => {
    const [first] = words(request.args);
    if (!first) throw new UsageError(`Which state: ${SETTABLE_STATES.join(' or ')}?`, USAGE, EXAMPLE);
    const state = first.toLowerCase();
    if (!isSettable(state)) {
      const hint = Object.hasOwn(ELSEWHERE, state) ? ELSEWHERE[state] : `${quoteInput(first)} is not a state you can set.`;
      throw new UsageError(`${hint} States: ${SETTABLE_STATES.join(', ')}.`, USAGE, EXAMPLE);
    }
    const reason = restAfterFirstWord(request.args);
    const incidentId = request.incident!.id;
    const result = setIncidentState(deps.ctx, { incidentId, state, userId: request.userId, ...(reason ? { reason } : {}) });
    const ack = result.acknowledged ? ' That also acknowledged it: you own it, and paging for acknowledgement has stopped.' : '';
    return { text: `:arrows_clockwise: ${incidentRef(incidentId)} is now *${state}* (was ${result.from}).${ack}` };
  },
};
