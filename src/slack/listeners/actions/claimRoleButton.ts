import type { App, BlockButtonAction } from '@slack/bolt';
import { ROLE_DUTIES, ROLE_TITLES, isIncidentRole, type IncidentRole } from '../../../domain/roles.js';
import { assignRole } from '../../../incidents/assignRole.js';
import { CLAIM_ROLE_ACTION_PATTERN } from '../../blocks/actionIds.js';
import { incidentRef } from '../../blocks/format.js';
import { errorReply, tellUser } from '../../replies.js';
import type { ListenerDeps } from '../listenerDeps.js';
import { readInteraction } from '../interaction.js';

/** `<incidentId>:<role>`, as encodeClaimRoleValue wrote it. */
function parseValue(value: string | undefined): { incidentId: number; role: IncidentRole } {
  const match = /^(\d+):([a-z-]+)$/.exec(value ?? '');
  const role = match?.[2];
  if (!match || !role || !isIncidentRole(role)) throw new Error(`bad claim-role button value ${JSON.stringify(value)}`);
  return { incidentId: Number(match[1]), role };
}

/** "Take <role>" on the summary: the clicker gets the role if it is still open. */
export function registerClaimRoleButton(app: App, deps: ListenerDeps): void {
  app.action<BlockButtonAction>({ type: 'block_actions', action_id: CLAIM_ROLE_ACTION_PATTERN }, async ({ ack, body, action, client }) => {
    await ack();
    const who = readInteraction(body, deps.logger);
    if (!who) return;
    let reply: string;
    try {
      const { incidentId, role } = parseValue(action.value);
      const result = assignRole(deps.ctx, { incidentId, role, userId: who.userId, by: who.userId, onlyIfVacant: true });
      reply = result.changed
        ? `:bust_in_silhouette: You are ${ROLE_TITLES[role]} of ${incidentRef(incidentId)}: ${ROLE_DUTIES[role]}.`
        : `You already are ${ROLE_TITLES[role]} of ${incidentRef(incidentId)}.`;
    } catch (error) {
      reply = errorReply(error, deps.logger);
    }
    if (who.channelId) await tellUser(client, who.channelId, who.userId, reply, deps.logger);
  });
}
