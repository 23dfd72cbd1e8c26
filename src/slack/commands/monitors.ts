// `/incident monitors`: the drift monitors of the policy file, each with its state and last check.

import { monitorOverviews } from '../../incidents/monitors/monitorOverview.js';
import { monitorsText } from '../blocks/monitorsText.js';
import { words } from '../interaction/commandText.js';
import { UsageError } from '../replies.js';
import type { Subcommand } from './subcommand.js';

const USAGE = '/incident monitors';

export const monitorsSubcommand: Subcommand = {
  name: 'monitors',
  usage: USAGE,
  example: USAGE,
  description: 'The drift monitors: each one’s state (ok, breaching, drifting, recovering), its test against its baseline and its last check',
  needsIncident: false,
  run: (request, deps) => {
    if (words(request.args).length > 0) throw new UsageError('This command takes no arguments.', USAGE, USAGE);
    return { text: monitorsText(monitorOverviews(deps.ctx.db, deps.ctx.policy.monitors, 1)) };
  },
};
