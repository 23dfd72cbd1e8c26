import type { Subcommand } from './subcommand.js';
import { listSubcommand } from './list.js';
import { statusSubcommand } from './status.js';
import { severitySubcommand } from './severity.js';
import { categorySubcommand } from './category.js';
import { roleSubcommand } from './role.js';
import { noteSubcommand } from './note.js';
import { timelineSubcommand } from './timeline.js';
import { stateSubcommand } from './state.js';
import { reopenSubcommand } from './reopen.js';

/** Subcommands that run an incident once it is open: state, severity, roles, notes, timeline. */
export const LIFECYCLE_COMMANDS: readonly Subcommand[] = [
  listSubcommand,
  statusSubcommand,
  severitySubcommand,
  categorySubcommand,
  roleSubcommand,
  noteSubcommand,
  timelineSubcommand,
  stateSubcommand,
  reopenSubcommand,
];
