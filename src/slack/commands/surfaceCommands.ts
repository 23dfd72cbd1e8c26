import type { Subcommand } from './subcommand.js';

/** Subcommands that open a modal or post a runbook: declare, resolve, runbook. */
export const SURFACE_COMMANDS: readonly Subcommand[] = [];
