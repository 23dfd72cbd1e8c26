import type { Subcommand } from './subcommand.js';
import { helpSubcommand } from './help.js';
import { ackSubcommand } from './ack.js';
import { escalateSubcommand } from './escalate.js';
import { oncallSubcommand } from './oncall.js';
import { LIFECYCLE_COMMANDS } from './lifecycleCommands.js';
import { SURFACE_COMMANDS } from './surfaceCommands.js';

/** Every `/incident` subcommand, in the order `help` lists them. */
export const SUBCOMMANDS: readonly Subcommand[] = [
  helpSubcommand(() => SUBCOMMANDS),
  ackSubcommand,
  escalateSubcommand,
  ...SURFACE_COMMANDS,
  ...LIFECYCLE_COMMANDS,
  oncallSubcommand,
];

export const findSubcommand = (name: string): Subcommand | undefined => SUBCOMMANDS.find((c) => c.name === name.toLowerCase());
