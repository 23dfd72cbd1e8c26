// The summary's model section: which version the incident is about and where that came from
// (the deployment history, the alert, a disagreement between them), what is live now, how each
// rollback or kill switch went, and the Roll back / Disable model buttons with their confirm dialogs.

import type { KnownBlock } from '@slack/types';
import type { OperatorActionRow } from '../../db/schema/index.js';
import type { ModelState } from '../../incidents/deployments/modelState.js';
import type { IncidentView } from '../../incidents/readModel.js';
import { formatDuration } from '../../domain/duration.js';
import type { Deployment, VersionFacts } from '../../domain/modelVersions.js';
import { OPERATOR_ACTION_WORDS, type OperatorActionKind } from '../../domain/operatorActions.js';
import { ACTIONS, type OperatorActionValue } from './actionIds.js';
import { md, mention, plain, slackTime } from './format.js';
import { BUDGETS, clip } from './limits.js';

/** Model names, versions and environments in running text; the full names are in the history. */
const NAME_CHARS = 80;
const ARTIFACT_CHARS = 80;
const SHOWN_SINCE = 3;
const SHOWN_ACTIONS = 3;
/** As long as a deployment's model name may be (deploymentPayload), so a button's value stays far under 2,000. */
const MAX_MODEL_CHARS = 200;
/** The confirm dialog's text is at most 300 characters: names are cut harder there. */
const CONFIRM_NAME_CHARS = 40;

const name = (value: string, max = NAME_CHARS): string => clip(value, max);
const bold = (value: string, max = NAME_CHARS): string => `*${name(value, max)}*`;
const capital = (words: string): string => words.charAt(0).toUpperCase() + words.slice(1);

/** "3h before detection", or after it. */
function relative(at: Date, detectedAt: Date): string {
  const ms = detectedAt.getTime() - at.getTime();
  return ms >= 0 ? `${formatDuration(ms)} before detection` : `${formatDuration(-ms)} after detection`;
}

const artifactText = (d: Deployment): string => (d.artifact ? ` · artifact \`${clip(d.artifact, ARTIFACT_CHARS)}\`` : '');

/** "v15, deployed 3h before detection by ci-bot to production · artifact `sha…`; previous v14" */
function versionLine(v: VersionFacts, detectedAt: Date): string | undefined {
  if (v.version === null) return undefined;
  const live = v.liveAtStart && v.liveAtStart.version === v.version ? v.liveAtStart : undefined;
  const deployed = live ? `, deployed ${relative(live.deployedAt, detectedAt)} by ${name(live.by)} to ${name(live.environment)}${artifactText(live)}` : '';
  const previous = v.previous ? `; previous ${bold(v.previous.version)}` : '';
  const source = live ? '' : v.alertVersion !== null ? ' _(as the alert reports)_' : '';
  return `${bold(v.model)} ${bold(v.version)}${deployed}${source}${previous}`;
}

function disagreementLine(v: VersionFacts): string | undefined {
  if (!v.disagreement || !v.liveAtStart || v.alertVersion === null) return undefined;
  const d = v.liveAtStart;
  return `:warning: The alert reports ${bold(v.alertVersion)}, but the deployment history had ${bold(d.version)} live when the first signal started (deployed ${slackTime(d.deployedAt)} by ${name(d.by)} to ${name(d.environment)}).`;
}

function sinceLine(v: VersionFacts): string | undefined {
  if (v.since.length === 0) return undefined;
  const shown = v.since.slice(-SHOWN_SINCE).map((d) => `${bold(d.version)} to ${name(d.environment)} ${slackTime(d.deployedAt)} by ${name(d.by)}${artifactText(d)}`);
  const more = v.since.length > SHOWN_SINCE ? ` (and ${v.since.length - SHOWN_SINCE} earlier)` : '';
  return `Deployed since the first signal: ${shown.join('; ')}${more}`;
}

function liveNowLine(v: VersionFacts): string | undefined {
  const now = v.now;
  if (now.via === 'killSwitch') return `*Live now:* disabled by the kill switch (${mention(now.by)}${now.at ? `, ${slackTime(now.at)}` : ''})`;
  if (now.version === null || (now.version === v.version && now.via !== 'rollback')) return undefined;
  if (now.via === 'rollback') return `*Live now:* ${bold(now.version)}, rolled back by ${mention(now.by)}${now.at ? ` ${slackTime(now.at)}` : ''}${now.deployment ? artifactText(now.deployment) : ''}`;
  if (now.via === 'deployment' && now.at) return `*Live now:* ${bold(now.version)}, deployed ${slackTime(now.at)} by ${name(now.by ?? '')}`;
  return undefined;
}

/** "rollback to v14" / "kill switch" */
function actionName(row: OperatorActionRow): string {
  const noun = OPERATOR_ACTION_WORDS[row.action].noun;
  return row.toVersion !== null ? `${noun} to ${bold(row.toVersion)}` : noun;
}

/** The hook's last answer in a few words: "HTTP 500" or "no answer within 10s". */
export function lastAnswerWords(row: OperatorActionRow): string {
  if (row.answerStatus !== null) return `HTTP ${row.answerStatus}`;
  return row.error ? `no answer (${clip(row.error, BUDGETS.inline)})` : 'no answer';
}

function actionLine(row: OperatorActionRow): string {
  const what = capital(actionName(row));
  switch (row.status) {
    case 'pending': {
      const progress = row.attempts > 1 || (row.attempts === 1 && !row.sending) ? `; attempt ${row.attempts} got ${lastAnswerWords(row)}, sending again` : '; waiting for the hook';
      return `:hourglass_flowing_sand: ${what} confirmed by ${mention(row.requestedBy)} ${slackTime(row.confirmedAt)}${progress}`;
    }
    case 'accepted': {
      const recovery = row.action === 'rollback' ? (row.recoveryConfirmedBy ? `; recovery confirmed by ${mention(row.recoveryConfirmedBy)}` : '; recovery not confirmed yet') : '';
      return `:white_check_mark: ${what} accepted by the hook (${lastAnswerWords(row)})${row.answeredAt ? ` ${slackTime(row.answeredAt)}` : ''}, confirmed by ${mention(row.requestedBy)}${recovery}`;
    }
    case 'refused':
      return `:no_entry: ${what} refused by the hook (${lastAnswerWords(row)}), confirmed by ${mention(row.requestedBy)}`;
    case 'failed':
      return `:x: ${what} failed after ${row.attempts} attempts (last: ${lastAnswerWords(row)}), confirmed by ${mention(row.requestedBy)}`;
  }
}

/** The newest request of each kind, newest first: older ones are on the timeline. */
function latestActions(state: ModelState): OperatorActionRow[] {
  const seen = new Set<OperatorActionKind>();
  return state.actions.filter((row) => !seen.has(row.action) && seen.add(row.action)).slice(0, SHOWN_ACTIONS);
}

const value = (view: IncidentView, v: VersionFacts, environment: string, from: string | null, to: string | null): string =>
  JSON.stringify({ incidentId: view.incident.id, model: v.model, environment, from, to } satisfies OperatorActionValue);

/** Roll back to <previous>, with a Slack confirm dialog naming the model, the environment, from and to. */
function rollbackButton(view: IncidentView, v: VersionFacts) {
  const target = v.rollbackTarget;
  if (!target) return undefined;
  const short = (text: string) => name(text, CONFIRM_NAME_CHARS);
  return {
    type: 'button' as const,
    action_id: ACTIONS.rollback,
    text: plain(`Roll back to ${target.to}`, 75),
    style: 'danger' as const,
    value: value(view, v, target.environment, target.from, target.to),
    confirm: {
      title: plain('Roll back the model?', 100),
      text: md(`Roll back *${short(v.model)}* in *${short(target.environment)}* from *${short(target.from)}* to *${short(target.to)}*? Vigil sends it to your rollback hook, and this channel sees the answer.`),
      confirm: plain('Roll back', 30),
      deny: plain('Cancel', 30),
      style: 'danger' as const,
    },
  };
}

/** Disable model (the kill switch), with a confirm dialog naming the model, the environment and the live version. */
function killSwitchButton(view: IncidentView, v: VersionFacts) {
  if (v.environment === null || v.now.via === 'killSwitch') return undefined;
  const short = (text: string) => name(text, CONFIRM_NAME_CHARS);
  const live = v.now.version === null ? 'an unknown version' : `*${short(v.now.version)}*`;
  return {
    type: 'button' as const,
    action_id: ACTIONS.killSwitch,
    text: plain('Disable model'),
    style: 'danger' as const,
    value: value(view, v, v.environment, v.now.version, null),
    confirm: {
      title: plain('Disable the model?', 100),
      text: md(`Turn off *${short(v.model)}* in *${short(v.environment)}* (from ${live} to none)? Vigil sends it to your kill-switch hook, and this channel sees the answer.`),
      confirm: plain('Disable model', 30),
      deny: plain('Cancel', 30),
      style: 'danger' as const,
    },
  };
}

/**
 * The model section of the summary, and its buttons for the actions the policy has a hook for
 * (`offered`) while the incident is open. Nothing when the incident names no model.
 */
export function modelVersionBlocks(view: IncidentView, offered: readonly OperatorActionKind[]): KnownBlock[] {
  const state = view.model;
  if (!state) return [];
  const v = state.versions;
  const detectedAt = view.incident.detectedAt ?? view.incident.declaredAt;
  const noHistory = v.liveAtStart === null && v.since.length === 0 && v.now.via === 'alert';
  const lines = [
    versionLine(v, detectedAt),
    disagreementLine(v),
    sinceLine(v),
    liveNowLine(v),
    ...latestActions(state).map(actionLine),
    noHistory ? '_No deployments of this model reported yet: CI/CD can send them to `POST /webhooks/deployments`._' : undefined,
  ].filter((line): line is string => Boolean(line));
  if (lines.length === 0) return [];
  const blocks: KnownBlock[] = [{ type: 'section', block_id: 'model-versions', text: md(`*Model versions*\n${lines.join('\n')}`) }];
  // A model name longer than any deployment may report (an alert label) would not fit a button's value.
  if (view.incident.status !== 'resolved' && v.model.length <= MAX_MODEL_CHARS) {
    const buttons = [offered.includes('rollback') ? rollbackButton(view, v) : undefined, offered.includes('killSwitch') ? killSwitchButton(view, v) : undefined].filter(
      (b): b is NonNullable<typeof b> => b !== undefined,
    );
    if (buttons.length > 0) blocks.push({ type: 'actions', block_id: 'model-actions', elements: buttons });
  }
  return blocks;
}
