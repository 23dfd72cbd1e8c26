import type { NotifyTarget } from '../../domain/escalationPlan.js';
import { escalateNow } from '../../incidents/escalateNow.js';
import { UsageError } from '../replies.js';
import { userIdFrom, usergroupIdFrom, words } from './parseArgs.js';
import type { Subcommand } from './subcommand.js';

const USAGE = '/incident escalate [@user | rotation]';
const EXAMPLE = '/incident escalate @ana';

export const escalateSubcommand: Subcommand = {
  name: 'escalate',
  usage: USAGE,
  example: EXAMPLE,
  description: 'Page the next escalation step now, or a named person or rotation',
  needsIncident: true,
  run: (request, deps) => {
    const [first, ...rest] = words(request.args);
    let target: NotifyTarget | undefined;
    if (first) {
      if (rest.length > 0) throw new UsageError('Name one person or one rotation.', USAGE, EXAMPLE);
      const user = userIdFrom(first);
      const usergroup = usergroupIdFrom(first);
      if (user) target = { kind: 'users', users: [user] };
      else if (usergroup) target = { kind: 'usergroup', usergroup };
      else if (deps.ctx.policy.rotations[first]) target = { kind: 'rotation', rotation: first };
      else {
        const rotations = Object.keys(deps.ctx.policy.rotations).join(', ');
        throw new UsageError(`"${first.replace(/[<>&]/g, '')}" is neither a @user nor a rotation (${rotations}).`, USAGE, EXAMPLE);
      }
    }
    const result = escalateNow(deps.ctx, { incidentId: request.incident!.id, userId: request.userId, ...(target ? { target } : {}) });
    const who = result.paged.length > 0 ? result.paged.map((u) => `<@${u}>`).join(', ') : result.target;
    return { text: `:arrow_double_up: Escalated (${result.label}): paging ${who}.` };
  },
};
