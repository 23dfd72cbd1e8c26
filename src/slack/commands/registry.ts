import type { Subcommand } from './subcommand.js';
import { helpSubcommand } from './help.js';
import { ackSubcommand } from './ack.js';
import { escalateSubcommand } from './escalate.js';
import { oncallSubcommand } from './oncall.js';
import { LIFECYCLE_COMMANDS } from './lifecycleCommands.js';
import { SURFACE_COMMANDS } from './surfaceCommands.js';

// The order of an incident's life, which is the order `help` lists them in.
const HELP_ORDER = [
  'help', 'declare', 'list', 'oncall',
  'status', 'ack', 'escalate', 'severity', 'category', 'role', 'state', 'note', 'runbook', 'timeline', 'resolve', 'reopen',
];
const rank = (command: Subcommand): number => {
  const index = HELP_ORDER.indexOf(command.name);
  return index === -1 ? HELP_ORDER.length : index;
};

/** Every `/incident` subcommand, in the order `help` lists them. */
export const SUBCOMMANDS: readonly Subcommand[] = [
  helpSubcommand(() => SUBCOMMANDS),
  ackSubcommand,
  escalateSubcommand,
  ...SURFACE_COMMANDS,
  ...LIFECYCLE_COMMANDS,
  oncallSubcommand,
].sort((a, b) => rank(a) - rank(b));

export const findSubcommand = (name: string): Subcommand | undefined => SUBCOMMANDS.find((c) => c.name === name.toLowerCase());
