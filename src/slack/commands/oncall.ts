import { parseDuration } from '../../domain/duration.js';
import { createOverride } from '../../incidents/createOverride.js';
import { whoIsOnCall } from '../../incidents/oncallLookup.js';
import { UsageError } from '../replies.js';
import { mention, slackTime } from '../blocks/format.js';
import { userIdFrom, words } from './parseArgs.js';
import type { CommandDeps, CommandReply, Subcommand } from './subcommand.js';

const OVERRIDE_USAGE = '/incident oncall override @user <rotation> <duration>';
const OVERRIDE_EXAMPLE = '/incident oncall override @ana ml 8h';

function showOnCall(deps: CommandDeps): CommandReply {
  const now = deps.ctx.clock.now();
  const lines = Object.keys(deps.ctx.policy.rotations).map((name) => {
    const onCall = whoIsOnCall(deps.ctx.db, deps.ctx.policy, name, now);
    const until = onCall.nextChangeAt ? ` · hands off ${slackTime(onCall.nextChangeAt)}` : '';
    const override = onCall.overriddenBy ? ` _(override until ${slackTime(onCall.overriddenBy.endsAt)})_` : '';
    return `• *${name}*: primary ${mention(onCall.primary)}${override}, secondary ${mention(onCall.secondary)}${until}`;
  });
  return { text: `*On call now*\n${lines.join('\n')}` };
}

function override(args: string[], userId: string, deps: CommandDeps): CommandReply {
  const [who, rotation, duration, ...extra] = args;
  const user = userIdFrom(who);
  if (!user || !rotation || !duration || extra.length > 0) {
    throw new UsageError('An override needs a @user, a rotation and a duration.', OVERRIDE_USAGE, OVERRIDE_EXAMPLE);
  }
  let durationMs: number;
  try {
    durationMs = parseDuration(duration);
  } catch (error) {
    throw new UsageError((error as Error).message, OVERRIDE_USAGE, OVERRIDE_EXAMPLE);
  }
  const { endsAt } = createOverride(deps.ctx, { rotation, userId: user, durationMs, createdBy: userId });
  return { text: `:repeat: ${mention(user)} is primary on call for *${rotation}* until ${slackTime(endsAt)}.` };
}

export const oncallSubcommand: Subcommand = {
  name: 'oncall',
  usage: '/incident oncall [override @user <rotation> <duration>]',
  example: OVERRIDE_EXAMPLE,
  description: 'Who is primary and secondary on call for each rotation; or put someone on call for a while',
  needsIncident: false,
  run: (request, deps) => {
    const [first, ...rest] = words(request.args);
    if (!first) return showOnCall(deps);
    if (first === 'override') return override(rest, request.userId, deps);
    throw new UsageError(`Unknown oncall option "${first.replace(/[<>&]/g, '')}".`, OVERRIDE_USAGE, OVERRIDE_EXAMPLE);
  },
};
