import type { Subcommand } from './subcommand.js';
import { declareSubcommand } from './declare.js';
import { resolveSubcommand } from './resolve.js';
import { runbookSubcommand } from './runbook.js';

/** Subcommands that open a modal or post a runbook: declare, resolve, runbook. */
export const SURFACE_COMMANDS: readonly Subcommand[] = [declareSubcommand, runbookSubcommand, resolveSubcommand];
