// The `/incident` subcommands that move an incident through its life: open it, own it, say what
// state it is in, how bad and what kind, resolve it, reopen it.

import { parseCategory, parseSeverity } from '../../domain/classify.js';
import { SEVERITY_MEANING } from '../../domain/severity.js';
import { CATEGORIES, SEVERITIES } from '../../domain/types.js';
import { acknowledgeIncident, type AcknowledgeResult } from '../../incidents/acknowledgeIncident.js';
import { changeCategory } from '../../incidents/changeCategory.js';
import { changeSeverity } from '../../incidents/changeSeverity.js';
import { reopenIncident } from '../../incidents/reopenIncident.js';
import { assertResolvable } from '../../incidents/resolveIncident.js';
import { SETTABLE_STATES, setIncidentState, type SettableState } from '../../incidents/setIncidentState.js';
import { declareModal } from '../blocks/declareModal.js';
import { incidentRef, slackTime } from '../blocks/format.js';
import { resolveModal } from '../blocks/resolveModal.js';
import { plainFromSlackText } from '../format/slackText.js';
import { actorWithGroups } from '../interaction/actingUser.js';
import { quoteInput, restAfterFirstWord, typedText, words } from '../interaction/commandText.js';
import { openModal } from '../interaction/modals.js';
import { UsageError } from '../replies.js';
import type { Subcommand } from './subcommand.js';

export const declareSubcommand: Subcommand = {
  name: 'declare',
  usage: '/incident declare [title]',
  example: '/incident declare Fraud model flags nothing since 14:00',
  description: 'Open an incident by hand: a form for title, severity, category, model, impact and privacy',
  needsIncident: false,
  run: async (request, deps) => {
    const title = typedText(request.args.trim());
    await openModal(deps.client, request.triggerId, declareModal({ channelId: request.channelId }, title || undefined));
  },
};

/** What the person who acknowledged hears back, from the command or the button; the channel hears it from the outbox. */
export function acknowledgeReply(incidentId: number, result: AcknowledgeResult): string {
  if (result.acknowledged) return `:white_check_mark: You acknowledged ${incidentRef(incidentId)}. Paging for acknowledgement has stopped.`;
  return `Thanks. ${incidentRef(incidentId)} was already acknowledged by <@${result.by}> ${slackTime(result.at)}; nothing changed.`;
}

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

const SEVERITY_USAGE = '/incident severity SEV1..SEV4 [reason]';
const SEVERITY_EXAMPLE = '/incident severity SEV2 accuracy keeps falling';
const LEVELS = SEVERITIES.map((s) => `• ${s}: ${SEVERITY_MEANING[s]}`).join('\n');

export const severitySubcommand: Subcommand = {
  name: 'severity',
  usage: SEVERITY_USAGE,
  example: SEVERITY_EXAMPLE,
  description: 'Change the severity, with a reason; escalation is re-planned for the new level',
  needsIncident: true,
  run: (request, deps) => {
    const [first] = words(request.args);
    if (!first) throw new UsageError(`Which severity?\n${LEVELS}`, SEVERITY_USAGE, SEVERITY_EXAMPLE);
    const severity = parseSeverity(first);
    if (!severity) throw new UsageError(`${quoteInput(first)} is not a severity. Use one of:\n${LEVELS}`, SEVERITY_USAGE, SEVERITY_EXAMPLE);
    const reason = restAfterFirstWord(request.args);
    const incidentId = request.incident!.id;
    const { from } = changeSeverity(deps.ctx, { incidentId, severity, ...(reason ? { reason } : {}), actor: { userId: request.userId } });
    return { text: `:warning: ${incidentRef(incidentId)} is now *${severity}* (was ${from}). Escalation is re-planned for ${severity}; the channel, topic and summary show it.` };
  },
};

const CATEGORY_USAGE = `/incident category ${CATEGORIES.join('|')}`;
const CATEGORY_EXAMPLE = '/incident category data';

export const categorySubcommand: Subcommand = {
  name: 'category',
  usage: CATEGORY_USAGE,
  example: CATEGORY_EXAMPLE,
  description: 'Reclassify the failure (data, model, integration, infrastructure, safety, retrieval)',
  needsIncident: true,
  run: (request, deps) => {
    const [first, ...extra] = words(request.args);
    if (!first) throw new UsageError(`Which category? One of ${CATEGORIES.join(', ')}.`, CATEGORY_USAGE, CATEGORY_EXAMPLE);
    const category = parseCategory(first);
    if (!category || extra.length > 0) {
      throw new UsageError(`${quoteInput(request.args)} is not a category. Use one of ${CATEGORIES.join(', ')}.`, CATEGORY_USAGE, CATEGORY_EXAMPLE);
    }
    const incidentId = request.incident!.id;
    const change = changeCategory(deps.ctx, { incidentId, category, userId: request.userId });
    const paging =
      change.routesTo !== change.rotation
        ? ` Paging stays with the *${change.rotation}* rotation; \`/incident escalate ${change.routesTo}\` brings in the ${change.routesTo} rotation too.`
        : '';
    return { text: `:label: ${incidentRef(incidentId)} is now in the *${category}* category (was ${change.from}).${paging}` };
  },
};

const STATE_USAGE = `/incident state ${SETTABLE_STATES.join('|')} [what changed]`;
const STATE_EXAMPLE = '/incident state mitigated rolled back to the 2026-10-30 model';

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
  usage: STATE_USAGE,
  example: STATE_EXAMPLE,
  description: 'Move the incident to investigating or mitigated (from triggered, this also acknowledges it)',
  needsIncident: true,
  run: (request, deps) => {
    const [first] = words(request.args);
    if (!first) throw new UsageError(`Which state: ${SETTABLE_STATES.join(' or ')}?`, STATE_USAGE, STATE_EXAMPLE);
    const state = first.toLowerCase();
    if (!isSettable(state)) {
      const hint = Object.hasOwn(ELSEWHERE, state) ? ELSEWHERE[state] : `${quoteInput(first)} is not a state you can set.`;
      throw new UsageError(`${hint} States: ${SETTABLE_STATES.join(', ')}.`, STATE_USAGE, STATE_EXAMPLE);
    }
    const reason = restAfterFirstWord(request.args);
    const incidentId = request.incident!.id;
    const result = setIncidentState(deps.ctx, { incidentId, state, userId: request.userId, ...(reason ? { reason } : {}) });
    const ack = result.acknowledged ? ' That also acknowledged it: you own it, and paging for acknowledgement has stopped.' : '';
    return { text: `:arrows_clockwise: ${incidentRef(incidentId)} is now *${state}* (was ${result.from}).${ack}` };
  },
};

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
