// What the incident channel is told about deployments, rollbacks and kill switches, and the
// confirmation `/incident rollback` and `/incident kill-switch` answer with.

import type { KnownBlock } from '@slack/types';
import type { ModelDeploymentRow, OperatorActionRow } from '../../db/schema/index.js';
import type { IncidentView } from '../../incidents/readModel.js';
import type { NextCheck } from '../../incidents/operatorActions/monitorNextChecks.js';
import { formatDuration } from '../../domain/duration.js';
import { OPERATOR_ACTION_WORDS, type OperatorActionKind } from '../../domain/operatorActions.js';
import { escapeMrkdwn } from '../format/mrkdwn.js';
import { lastAnswerWords } from './modelVersionBlocks.js';
import { ACTIONS, type ConfirmRecoveryValue, type OperatorActionValue } from './actionIds.js';
import { md, mention, plain, slackTime } from './format.js';
import { BUDGETS, clip } from './limits.js';

const NAME_CHARS = 80;
/** A hook's answer, shown in a code block; the timeline keeps what was stored. */
const ANSWER_CHARS = 600;

const bold = (value: string): string => `*${clip(value, NAME_CHARS)}*`;

/** "*fraud-detector* in *production* from *v15* to *v14*" (the kill switch: "to none"). */
function fromTo(model: string, environment: string, from: string | null, to: string | null): string {
  return `${bold(model)} in ${bold(environment)} from ${from === null ? 'an unknown version' : bold(from)} to ${to === null ? '*none* (turned off)' : bold(to)}`;
}

const hostOf = (url: string): string => {
  try {
    return escapeMrkdwn(new URL(url).host);
  } catch {
    return 'the hook';
  }
};

/** The answer's body as a code block; backticks inside cannot end it early. */
function answerBlock(body: string | null): string {
  if (!body) return '';
  const cut = body.length > ANSWER_CHARS ? `${body.slice(0, ANSWER_CHARS)}…` : body;
  return `\n\`\`\`${escapeMrkdwn(cut.replaceAll('```', "'''"))}\`\`\``;
}

export interface NoticeMessage {
  text: string;
  blocks: KnownBlock[];
}

/** The confirmation was given and the request is on its way. */
export function actionRequestedMessage(row: OperatorActionRow): NoticeMessage {
  const noun = OPERATOR_ACTION_WORDS[row.action].noun;
  const emoji = row.action === 'rollback' ? ':rewind:' : ':octagonal_sign:';
  const text = `${emoji} ${mention(row.requestedBy)} confirmed the *${noun}* of ${fromTo(row.model, row.environment, row.fromVersion, row.toVersion)} ${slackTime(row.confirmedAt)}. Sent to ${hostOf(row.url)}; its answer will follow here.`;
  return { text, blocks: [{ type: 'section', text: md(text) }] };
}

/** Who is asked to check the model recovered: whoever acknowledged, else the commander, else whoever was paged first. */
function verifier(view: IncidentView, paged: readonly string[]): string {
  const who = view.incident.acknowledgedBy ?? view.roles.find((r) => r.role === 'commander')?.userId ?? paged[0];
  return who ? mention(who) : 'On-call';
}

/** What to look at: the metric that tripped, against its threshold. */
function whatToCheck(view: IncidentView): string {
  const metric = view.incident.metric;
  if (!metric) return 'the signal that opened this incident';
  return `*${clip(metric.name, BUDGETS.inline)}*${metric.threshold !== undefined ? ` against its threshold (${metric.threshold})` : ''}`;
}

/** "Monitor *fraud-age* (age) checks next 16:20; it runs every 10m." */
function nextCheckLine(check: NextCheck): string {
  const when = check.at ? `checks next ${slackTime(check.at)}` : 'has not checked yet; it checks at its next tick';
  return `:mag: Monitor *${clip(check.monitor, NAME_CHARS)}* (${clip(check.feature, NAME_CHARS)}) ${when}, every ${formatDuration(check.everyMs)}.`;
}

/**
 * The hook answered for good: accepted, refused, or failed after every retry. `checks`: the
 * monitors on the model; `paged`: who was paged, oldest first (asked to verify when nobody acknowledged).
 */
export function actionAnsweredMessage(row: OperatorActionRow, view: IncidentView, checks: readonly NextCheck[] = [], paged: readonly string[] = []): NoticeMessage {
  const words = OPERATOR_ACTION_WORDS[row.action];
  const target = fromTo(row.model, row.environment, row.fromVersion, row.toVersion);
  const blocks: KnownBlock[] = [];
  let text: string;
  switch (row.status) {
    case 'accepted':
      text = `:white_check_mark: *${capitalised(words.noun)} accepted*: ${target}, confirmed by ${mention(row.requestedBy)}. The hook answered ${lastAnswerWords(row)}:${answerBlock(row.answerBody) || ' _(empty)_'}`;
      break;
    case 'refused':
      text = `:no_entry: *${capitalised(words.noun)} refused* by the hook: ${target}, confirmed by ${mention(row.requestedBy)}. It answered ${lastAnswerWords(row)}, which is final: nothing is sent again.${answerBlock(row.answerBody)}`;
      break;
    case 'failed':
      text = `:x: *${capitalised(words.noun)} failed*: ${target}, confirmed by ${mention(row.requestedBy)}. No good answer after ${row.attempts} attempts (last: ${lastAnswerWords(row)}). The hook may have acted on a request it did not answer: check ${hostOf(row.url)} before trying again.${answerBlock(row.answerBody)}`;
      break;
    case 'pending':
      text = `:hourglass_flowing_sand: The ${words.noun} of ${target} is still waiting for the hook.`;
      break;
  }
  blocks.push({ type: 'section', text: md(text) });
  if (row.status === 'accepted' && row.action === 'rollback') {
    // Verify after: the rollback is only a fix once the model is seen to recover.
    blocks.push({
      type: 'section',
      text: md(`${verifier(view, paged)}, please confirm the model recovered on ${row.toVersion ? bold(row.toVersion) : 'the version rolled back to'}: watch ${whatToCheck(view)}, then press *Recovered* (this marks the incident mitigated).`),
    });
    if (checks.length > 0) blocks.push({ type: 'context', elements: checks.slice(0, 5).map((check) => md(nextCheckLine(check))) });
    blocks.push({
      type: 'actions',
      block_id: 'confirm-recovery',
      elements: [{ type: 'button', action_id: ACTIONS.confirmRecovery, text: plain('Recovered'), style: 'primary', value: JSON.stringify({ actionId: row.id } satisfies ConfirmRecoveryValue) }],
    });
  }
  return { text, blocks };
}

const capitalised = (words: string): string => words.charAt(0).toUpperCase() + words.slice(1);

/** A deployment of the incident's model, said in its channel. */
export function deploymentMessage(row: ModelDeploymentRow, view: IncidentView): NoticeMessage {
  const about = view.model?.versions.version;
  const differs = about && about !== row.version ? ` The incident is about ${bold(about)}.` : '';
  const artifact = row.artifact ? ` · artifact \`${clip(row.artifact, NAME_CHARS)}\`` : '';
  const notes = row.notes ? `\n>${clip(row.notes, 500).replaceAll('\n', '\n>')}` : '';
  const text = `:package: ${bold(row.model)} ${bold(row.version)} deployed to ${bold(row.environment)} ${slackTime(row.deployedAt)} by ${clip(row.deployedBy, NAME_CHARS)}${artifact}.${differs}${notes}`;
  return { text, blocks: [{ type: 'section', text: md(text) }] };
}

/**
 * `/incident rollback` and `/incident kill-switch` answer with this, only to the person who typed
 * it: the confirmation names the model, the environment, from and to, and its button sends it.
 */
export function actionConfirmation(action: OperatorActionKind, value: OperatorActionValue): NoticeMessage {
  const words = OPERATOR_ACTION_WORDS[action];
  const question = `${action === 'rollback' ? 'Roll back' : 'Turn off'} ${fromTo(value.model, value.environment, value.from, value.to)}? Vigil sends it to the ${words.noun} hook, and the incident channel sees who confirmed and what the hook answered.`;
  const label = action === 'rollback' ? `Confirm: roll back to ${value.to ?? ''}` : 'Confirm: disable model';
  const button = { type: 'button' as const, text: plain(label, 75), style: 'danger' as const, value: JSON.stringify(value) };
  return {
    text: question,
    blocks: [
      { type: 'section', text: md(question) },
      {
        type: 'actions',
        block_id: 'confirm-operator-action',
        elements: [action === 'rollback' ? { action_id: ACTIONS.rollback, ...button } : { action_id: ACTIONS.killSwitch, ...button }],
      },
    ],
  };
}
