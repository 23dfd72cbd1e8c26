// The buttons on the messages Vigil posts (see blocks/actionIds.ts for the ids they carry).

import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { ROLE_DUTIES, ROLE_TITLES, isIncidentRole, type IncidentRole } from '../../domain/roles.js';
import { acknowledgeIncident } from '../../incidents/acknowledgeIncident.js';
import { assignRole } from '../../incidents/assignRole.js';
import { escalateNow } from '../../incidents/escalateNow.js';
import { postRunbook } from '../../incidents/postRunbook.js';
import { assertResolvable } from '../../incidents/resolveIncident.js';
import { setChecklistItem } from '../../incidents/setChecklistItem.js';
import { compileReview } from '../../incidents/review/compileReview.js';
import { ACTIONS, CHECKLIST_ACTION_PATTERN, CLAIM_ROLE_ACTION_PATTERN } from '../blocks/actionIds.js';
import { incidentRef } from '../blocks/format.js';
import { resolveModal } from '../blocks/resolveModal.js';
import { acknowledgeReply } from '../commands/lifecycle.js';
import { runbookReply } from '../commands/records.js';
import { actorWithGroups } from '../interaction/actingUser.js';
import { openModal } from '../interaction/modals.js';
import { incidentIdValue, readInteraction, type Interaction } from '../interaction/payloads.js';
import { errorReply, tellUser } from '../replies.js';
import type { Listener, ListenerDeps } from './listener.js';

type Click = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

/**
 * A button: ack at once, find who clicked, do the work, and tell them privately (in the channel
 * clicked in) what `work` returned or why it failed. No reply when the change speaks for itself.
 */
export function button(actionId: string | RegExp, work: (who: Interaction, click: Click, deps: ListenerDeps) => Promise<string | undefined> | string | undefined): Listener {
  return {
    kind: 'action',
    actionId,
    handle: async (click, deps) => {
      await click.ack();
      const who = readInteraction(click.body, deps.logger);
      if (!who) return;
      let reply: string | undefined;
      try {
        reply = await work(who, click, deps);
      } catch (error) {
        reply = errorReply(error, deps.logger);
      }
      if (who.channelId && reply) await tellUser(click.client, who.channelId, who.userId, reply, deps.logger);
    },
  };
}

const checklistValue = z.object({ incidentId: z.number().int().positive(), itemId: z.string().min(1), done: z.boolean() });

/** `<incidentId>:<role>`, as encodeClaimRoleValue wrote it. */
function claimRoleValue(value: string | undefined): { incidentId: number; role: IncidentRole } {
  const match = /^(\d+):([a-z-]+)$/.exec(value ?? '');
  const role = match?.[2];
  if (!match || !role || !isIncidentRole(role)) throw new Error(`bad claim-role button value ${JSON.stringify(value)}`);
  return { incidentId: Number(match[1]), role };
}

/** The summary's runbook button carries `<incidentId>:<runbookName>`. */
const runbookValue = z
  .string()
  .regex(/^\d+:[a-z0-9-]+$/)
  .transform((value) => {
    const [id, name] = value.split(':');
    return { incidentId: Number(id), runbookName: name! };
  });

export const ACTION_LISTENERS: readonly Listener[] = [
  /** Acknowledge, from the summary message or from a page DM. */
  button(ACTIONS.acknowledge, (who, { action }, deps) => {
    const incidentId = incidentIdValue.parse(action.value);
    return acknowledgeReply(incidentId, acknowledgeIncident(deps.ctx, { incidentId, userId: who.userId, via: 'button' }));
  }),

  /** Escalate: jump to the next planned step now; the page says the rest. */
  button(ACTIONS.escalate, (who, { action }, deps) => {
    escalateNow(deps.ctx, { incidentId: incidentIdValue.parse(action.value), userId: who.userId });
    return undefined;
  }),

  /** "Take <role>" on the summary: the clicker gets the role if it is still open. */
  button(CLAIM_ROLE_ACTION_PATTERN, (who, { action }, deps) => {
    const { incidentId, role } = claimRoleValue(action.value);
    const result = assignRole(deps.ctx, { incidentId, role, userId: who.userId, by: who.userId, onlyIfVacant: true });
    return result.changed
      ? `:bust_in_silhouette: You are ${ROLE_TITLES[role]} of ${incidentRef(incidentId)}: ${ROLE_DUTIES[role]}.`
      : `You already are ${ROLE_TITLES[role]} of ${incidentRef(incidentId)}.`;
  }),

  /** Post the category's runbook from the summary message; a second click only says where it is. */
  button(ACTIONS.showRunbook, (who, { action }, deps) => {
    const result = postRunbook(deps.ctx, { ...runbookValue.parse(action.value), userId: who.userId });
    // A fresh runbook speaks for itself in the channel; only a repeat needs a word.
    return result.posted ? undefined : runbookReply(result);
  }),

  /** A checklist item's button: record the tick; the message is refreshed by the outbox. */
  button(CHECKLIST_ACTION_PATTERN, (who, { action }, deps) => {
    setChecklistItem(deps.ctx, { ...checklistValue.parse(JSON.parse(action.value ?? '')), userId: who.userId });
    return undefined;
  }),

  /** Compile review, on the resolved summary and on review reminders: the file follows in the channel. */
  button(ACTIONS.compileReview, (who, { action }, deps) => {
    const incidentId = incidentIdValue.parse(action.value);
    const review = compileReview(deps.ctx, { incidentId, userId: who.userId });
    return `:memo: Compiling review *v${review.version}* of ${incidentRef(incidentId)}; it is being posted in the incident channel.`;
  }),

  /** Resolve, from the summary message: open the resolve form, or say privately why not. */
  button(ACTIONS.resolve, async (who, { action, client }, deps) => {
    const incidentId = incidentIdValue.parse(action.value);
    const actor = await actorWithGroups(client, deps.ctx.policy, 'resolve', who.userId, deps.logger);
    const incident = assertResolvable(deps.ctx, incidentId, actor);
    await openModal(client, who.triggerId ?? '', resolveModal(incident, { incidentId, ...(who.channelId ? { channelId: who.channelId } : {}) }));
    return undefined;
  }),
];
