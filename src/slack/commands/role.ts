import { INCIDENT_ROLES, ROLE_DUTIES, ROLE_TITLES, parseRole } from '../../domain/roles.js';
import { assignRole } from '../../incidents/assignRole.js';
import { UsageError } from '../replies.js';
import { incidentRef, mention } from '../blocks/format.js';
import { quoteInput } from './commandInput.js';
import { userIdFrom, words } from './parseArgs.js';
import type { Subcommand } from './subcommand.js';

const USAGE = `/incident role ${INCIDENT_ROLES.join('|')} @user`;
const EXAMPLE = '/incident role commander @ana';
const ROLES = INCIDENT_ROLES.map((r) => `• ${r}: ${ROLE_DUTIES[r]}`).join('\n');

export const roleSubcommand: Subcommand = {
  name: 'role',
  usage: USAGE,
  example: EXAMPLE,
  description: 'Give a role to someone (one holder per role; naming another replaces them). `me` takes it yourself',
  needsIncident: true,
  run: (request, deps) => {
    const [roleWord, who, ...extra] = words(request.args);
    if (!roleWord) throw new UsageError(`Which role, and who?\n${ROLES}`, USAGE, EXAMPLE);
    const role = parseRole(roleWord);
    if (!role) throw new UsageError(`${quoteInput(roleWord)} is not a role. Roles:\n${ROLES}`, USAGE, EXAMPLE);
    const userId = who?.toLowerCase() === 'me' ? request.userId : userIdFrom(who);
    if (!userId || extra.length > 0) {
      throw new UsageError(`Name one person for ${ROLE_TITLES[role]} with an @mention${who ? ` (${quoteInput(who)} is not one)` : ''}.`, USAGE, EXAMPLE);
    }
    const incidentId = request.incident!.id;
    const result = assignRole(deps.ctx, { incidentId, role, userId, by: request.userId });
    if (!result.changed) return { text: `${mention(userId)} already holds the ${ROLE_TITLES[role]} role of ${incidentRef(incidentId)}; nothing changed.` };
    const replaced = result.previous ? `, replacing ${mention(result.previous)}` : '';
    return { text: `:bust_in_silhouette: ${mention(userId)} is now ${ROLE_TITLES[role]} of ${incidentRef(incidentId)}${replaced}. The channel has been told.` };
  },
};
