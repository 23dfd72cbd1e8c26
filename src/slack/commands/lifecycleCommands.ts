import type { Subcommand } from './subcommand.js';

/** Subcommands that run an incident once it is open: state, severity, roles, notes, timeline. */
export const LIFECYCLE_COMMANDS: readonly Subcommand[] = [];
