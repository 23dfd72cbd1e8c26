import { ackSubcommand, categorySubcommand, declareSubcommand, reopenSubcommand, resolveSubcommand, severitySubcommand, stateSubcommand } from './lifecycle.js';
import { escalateSubcommand, oncallSubcommand, roleSubcommand } from './people.js';
import { listSubcommand, noteSubcommand, runbookSubcommand, statusSubcommand, timelineSubcommand } from './records.js';
import { reportSubcommand, updateSubcommand } from './comms.js';
import { actionSubcommand, actionsSubcommand } from './followUp.js';
import { statsSubcommand } from './stats.js';
import { monitorsSubcommand } from './monitors.js';
import { killSwitchSubcommand, rollbackSubcommand } from './rollback.js';
import { impactStartSubcommand, reviewSubcommand } from './review.js';
import type { Subcommand } from './subcommand.js';

/** Lists every subcommand, in the registry's order. */
const helpSubcommand: Subcommand = {
  name: 'help',
  usage: '/incident help',
  example: '/incident help',
  description: 'List every subcommand',
  needsIncident: false,
  run: () => {
    const lines = SUBCOMMANDS.map((c) => `• \`${c.usage}\` ${c.description}${c.needsIncident ? ' _(in an incident channel)_' : ''}`);
    return { text: `*Vigil: /incident commands*\n${lines.join('\n')}` };
  },
};

/**
 * Every `/incident` subcommand, in the order of an incident's life: this is the order `help`
 * lists them in. Each lives in the file of its group: `lifecycle.ts` (declare, ack, severity,
 * category, state, resolve, reopen), `people.ts` (oncall, escalate, role), `records.ts`
 * (list, status, note, runbook, timeline), `comms.ts` (update, report) and `followUp.ts` (action,
 * actions).
 */
export const SUBCOMMANDS: readonly Subcommand[] = [
  helpSubcommand,
  declareSubcommand,
  listSubcommand,
  oncallSubcommand,
  statusSubcommand,
  ackSubcommand,
  escalateSubcommand,
  severitySubcommand,
  categorySubcommand,
  roleSubcommand,
  stateSubcommand,
  noteSubcommand,
  runbookSubcommand,
  rollbackSubcommand,
  killSwitchSubcommand,
  timelineSubcommand,
  updateSubcommand,
  resolveSubcommand,
  reopenSubcommand,
  reportSubcommand,
  impactStartSubcommand,
  reviewSubcommand,
  actionSubcommand,
  actionsSubcommand,
  statsSubcommand,
  monitorsSubcommand,
];

export const findSubcommand = (name: string): Subcommand | undefined => SUBCOMMANDS.find((c) => c.name === name.toLowerCase());
