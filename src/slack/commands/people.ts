// The `/incident` subcommands about who works an incident: its roles, who is on call, and
// paging someone else in.

import type { NotifyTarget } from '../../domain/escalationPlan.js';
import { parseDuration } from '../../domain/duration.js';
import { INCIDENT_ROLES, ROLE_DUTIES, ROLE_TITLES, parseRole } from '../../domain/roles.js';
import { assignRole } from '../../incidents/assignRole.js';
import { createOverride } from '../../incidents/createOverride.js';
import { escalateNow } from '../../incidents/escalateNow.js';
import { whoIsOnCall } from '../../incidents/oncallLookup.js';
import { incidentRef, mention, slackTime } from '../blocks/format.js';
import { quoteInput, userIdFrom, usergroupIdFrom, words } from '../interaction/commandText.js';
import { UsageError } from '../replies.js';
import type { CommandDeps, CommandReply, Subcommand } from './subcommand.js';

const ROLE_USAGE = `/incident role ${INCIDENT_ROLES.join('|')} @user`;
const ROLE_EXAMPLE = '/incident role commander @ana';
const ROLES = INCIDENT_ROLES.map((r) => `• ${r}: ${ROLE_DUTIES[r]}`).join('\n');

export const roleSubcommand: Subcommand = {
  name: 'role',
  usage: ROLE_USAGE,
  example: ROLE_EXAMPLE,
  description: 'Give a role to someone (one holder per role; naming another replaces them). `me` takes it yourself',
  needsIncident: true,
  run: (request, deps) => {
    const [roleWord, who, ...extra] = words(request.args);
    if (!roleWord) throw new UsageError(`Which role, and who?\n${ROLES}`, ROLE_USAGE, ROLE_EXAMPLE);
    const role = parseRole(roleWord);
    if (!role) throw new UsageError(`${quoteInput(roleWord)} is not a role. Roles:\n${ROLES}`, ROLE_USAGE, ROLE_EXAMPLE);
    const userId = who?.toLowerCase() === 'me' ? request.userId : userIdFrom(who);
    if (!userId || extra.length > 0) {
      throw new UsageError(`Name one person for ${ROLE_TITLES[role]} with an @mention${who ? ` (${quoteInput(who)} is not one)` : ''}.`, ROLE_USAGE, ROLE_EXAMPLE);
    }
    const incidentId = request.incident!.id;
    const result = assignRole(deps.ctx, { incidentId, role, userId, by: request.userId });
    if (!result.changed) return { text: `${mention(userId)} already holds the ${ROLE_TITLES[role]} role of ${incidentRef(incidentId)}; nothing changed.` };
    const replaced = result.previous ? `, replacing ${mention(result.previous)}` : '';
    return { text: `:bust_in_silhouette: ${mention(userId)} is now ${ROLE_TITLES[role]} of ${incidentRef(incidentId)}${replaced}. The channel has been told.` };
  },
};

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

const ESCALATE_USAGE = '/incident escalate [@user | rotation]';
const ESCALATE_EXAMPLE = '/incident escalate @ana';

export const escalateSubcommand: Subcommand = {
  name: 'escalate',
  usage: ESCALATE_USAGE,
  example: ESCALATE_EXAMPLE,
  description: 'Page the next escalation step now, or a named person or rotation',
  needsIncident: true,
  run: (request, deps) => {
    const [first, ...rest] = words(request.args);
    let target: NotifyTarget | undefined;
    if (first) {
      if (rest.length > 0) throw new UsageError('Name one person or one rotation.', ESCALATE_USAGE, ESCALATE_EXAMPLE);
      const user = userIdFrom(first);
      const usergroup = usergroupIdFrom(first);
      if (user) target = { kind: 'users', users: [user] };
      else if (usergroup) target = { kind: 'usergroup', usergroup };
      else if (deps.ctx.policy.rotations[first]) target = { kind: 'rotation', rotation: first };
      else {
        const rotations = Object.keys(deps.ctx.policy.rotations).join(', ');
        throw new UsageError(`"${first.replace(/[<>&]/g, '')}" is neither a @user nor a rotation (${rotations}).`, ESCALATE_USAGE, ESCALATE_EXAMPLE);
      }
    }
    const result = escalateNow(deps.ctx, { incidentId: request.incident!.id, userId: request.userId, ...(target ? { target } : {}) });
    const who = result.paged.length > 0 ? result.paged.map((u) => `<@${u}>`).join(', ') : result.target;
    return { text: `:arrow_double_up: Escalated (${result.label}): paging ${who}.` };
  },
};
