// Roll back and Disable model (the summary's buttons, with Slack's confirm dialog, and the
// confirmation `/incident rollback` / `/incident kill-switch` answer with), and Recovered.

import { z } from 'zod';
import { OPERATOR_ACTION_WORDS, type OperatorActionKind } from '../../domain/operatorActions.js';
import { confirmRecovery } from '../../incidents/operatorActions/confirmRecovery.js';
import { requestOperatorAction, type OperatorActionResult } from '../../incidents/operatorActions/requestOperatorAction.js';
import { ACTIONS } from '../blocks/actionIds.js';
import { mention, slackTime } from '../blocks/format.js';
import { clip } from '../blocks/limits.js';
import { actorWithGroups } from '../interaction/actingUser.js';
import { button } from './actions.js';
import type { Listener } from './listener.js';

const version = z.string().min(1).max(200);
const operatorActionValue = z.object({
  incidentId: z.number().int().positive(),
  model: z.string().min(1).max(200),
  environment: z.string().min(1).max(100),
  from: version.nullable(),
  to: version.nullable(),
  via: z.literal('command').optional(),
});

const confirmRecoveryValue = z.object({ actionId: z.number().int().positive() });

const bold = (value: string | null): string => (value === null ? '_none_' : `*${clip(value, 80)}*`);

/** What the person who confirmed hears: sent, already waiting for the hook, or already done. */
function resultText({ kind, action: row }: OperatorActionResult): string {
  const noun = OPERATOR_ACTION_WORDS[row.action].noun;
  const what = `the ${noun} of ${bold(row.model)} in ${bold(row.environment)} from ${bold(row.fromVersion)} to ${bold(row.toVersion)}`;
  switch (kind) {
    case 'sent':
      return `:outbox_tray: Sent ${what}. The incident channel shows the hook's answer.`;
    case 'pending':
      return `:hourglass_flowing_sand: ${what.charAt(0).toUpperCase()}${what.slice(1)}, confirmed by ${mention(row.requestedBy)} ${slackTime(row.confirmedAt)}, is still waiting for the hook's answer: nothing new was sent.`;
    case 'done':
      return `:white_check_mark: The hook already accepted ${what}${row.answeredAt ? ` ${slackTime(row.answeredAt)}` : ''}: nothing was sent again.`;
  }
}

/** A confirmed Roll back or Disable model: the use case decides whether anything is sent. */
function operatorActionButton(actionId: string, action: OperatorActionKind): Listener {
  return button(actionId, async (who, { action: clicked, client, respond }, deps) => {
    const value = operatorActionValue.parse(JSON.parse(clicked.value ?? ''));
    const actor = await actorWithGroups(client, deps.ctx.policy, 'rollback', who.userId, deps.logger);
    const { via, ...target } = value;
    const reply = resultText(requestOperatorAction(deps.ctx, { ...target, action, actor, via: via ?? 'button' }));
    if (via === 'command') {
      // The confirmation only its author saw becomes the answer, so it cannot be clicked again by mistake.
      try {
        await respond({ replace_original: true, text: reply });
        return undefined;
      } catch (error) {
        deps.logger.warn('slack: could not replace the confirmation', { error: (error as Error).message });
      }
    }
    return reply;
  });
}

export const ROLLBACK_LISTENERS: readonly Listener[] = [
  operatorActionButton(ACTIONS.rollback, 'rollback'),
  operatorActionButton(ACTIONS.killSwitch, 'killSwitch'),

  /** Recovered, under an accepted rollback: recorded once; the incident becomes mitigated. */
  button(ACTIONS.confirmRecovery, (who, { action }, deps) => {
    const { actionId } = confirmRecoveryValue.parse(JSON.parse(action.value ?? ''));
    const result = confirmRecovery(deps.ctx, { actionId, userId: who.userId });
    if (!result.confirmed) return `Recovery was already confirmed by ${mention(result.by)}${result.at ? ` ${slackTime(result.at)}` : ''}.`;
    return result.mitigated ? undefined : ':white_check_mark: Recovery confirmed and on the timeline.';
  }),
];
