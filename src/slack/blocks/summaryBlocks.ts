import type { KnownBlock } from '@slack/types';
import { escapeMrkdwn, isSlackUserId, mrkdwnLink, truncate } from '../format/mrkdwn.js';
import type { IncidentView } from '../../incidents/readModel.js';
import { INCIDENT_ROLES, ROLE_TITLES } from '../../domain/roles.js';
import { compileReviewButton } from './reviewBlocks.js';
import { modelVersionBlocks } from './modelVersionBlocks.js';
import type { OperatorActionKind } from '../../domain/operatorActions.js';
import { ACTIONS, claimRoleActionId, encodeClaimRoleValue, type DraftUpdateValue } from './actionIds.js';
import { SEVERITY_EMOJI, actorText, incidentRef, md, mention, metricText, modelText, plain, slackTime } from './format.js';
import { BUDGETS, FULL_TEXT, clip, fitBlocks, fitText } from './limits.js';
import { resolutionMrkdwn, resolutionShown } from './resolutionText.js';

const MAX_ALERTS_SHOWN = 10;
// Labels every alert has or that the fields above already show.
const LABELS_SHOWN_ELSEWHERE = new Set(['alertname', 'model', 'model_version', 'severity', 'category', 'signal']);
const MAX_LABELS_SHOWN = 12;
const LABEL_KEY_CHARS = 60;
const LABEL_VALUE_CHARS = 80;
const ALERT_TITLE_CHARS = 120;
const LINK_LABEL_CHARS = 40;

/** A link, or just its label when the URL is too long to be worth a link (or to fit). */
function linkText(link: { url: string; title: string }): string {
  // Cut before mrkdwnLink escapes it: the label is still raw text here.
  const label = truncate(link.title, LINK_LABEL_CHARS);
  return link.url.length > BUDGETS.linkUrl ? `${escapeMrkdwn(label)} (link too long to show)` : mrkdwnLink(link.url, label);
}

function labelsText(labels: Record<string, string>): string {
  const shown = Object.entries(labels).filter(([key]) => !LABELS_SHOWN_ELSEWHERE.has(key));
  const more = shown.length > MAX_LABELS_SHOWN ? ` +${shown.length - MAX_LABELS_SHOWN} more labels` : '';
  return (
    shown
      .slice(0, MAX_LABELS_SHOWN)
      .map(([key, value]) => `\`${clip(key, LABEL_KEY_CHARS)}=${clip(value, LABEL_VALUE_CHARS)}\``)
      .join(' ') + more
  );
}

/**
 * One line per alert (up to ten), each within its share of the section, so one alert with huge
 * labels cannot push the others out; its links come before its labels, as they are what people use.
 */
function alertLines(view: IncidentView): string {
  const shown = view.alerts.slice(0, MAX_ALERTS_SHOWN);
  const share = Math.floor((BUDGETS.section - 200) / Math.max(1, shown.length));
  let cut = false;
  const lines = shown.map((alert) => {
    const status = alert.status === 'resolved' ? ':white_check_mark: cleared' : ':rotating_light: firing';
    const links = alert.links.slice(0, 10).map(linkText).join(' · ');
    const labels = labelsText(alert.labels);
    const repeats = alert.receiveCount > 1 ? ` (received ${alert.receiveCount}×)` : '';
    const line = [`• ${status} ${clip(alert.title, ALERT_TITLE_CHARS)}${repeats}`, links && `   ${links}`, labels && `   ${labels}`].filter(Boolean).join('\n');
    if (line.length > share) cut = true;
    return fitText(line, share);
  });
  const more = view.alerts.length > MAX_ALERTS_SHOWN ? `\n…and ${view.alerts.length - MAX_ALERTS_SHOWN} more` : '';
  const note = cut ? `\n_Some alert text is cut to fit; the full text is at each alert’s source._` : '';
  return fitText(lines.join('\n') + more + note, BUDGETS.section, FULL_TEXT.alertSource);
}

/** The state, with when it began where that is worth knowing at a glance. */
function statusText(view: IncidentView): string {
  const { incident } = view;
  if (incident.status === 'mitigated' && incident.mitigatedAt) return `mitigated ${slackTime(incident.mitigatedAt)}`;
  if (incident.status !== 'resolved' && incident.reopenedAt) return `${incident.status} _(reopened ${slackTime(incident.reopenedAt)})_`;
  return incident.status;
}

/** Every role with its holder, so anyone can see whom to ask. */
function rolesText(view: IncidentView): string {
  const holders = INCIDENT_ROLES.map((role) => {
    const holder = view.roles.find((r) => r.role === role);
    return `${ROLE_TITLES[role]}: ${holder ? mention(holder.userId) : '_open_'}`;
  });
  return `*Roles*  ${holders.join(' · ')}`;
}

/** "Take <role>" for each open role; the clicker gets it. At most four buttons, well under 25. */
function roleClaimButtons(view: IncidentView) {
  return INCIDENT_ROLES.filter((role) => !view.roles.some((r) => r.role === role)).map((role) => ({
    type: 'button' as const,
    action_id: claimRoleActionId(role),
    text: plain(`Take ${ROLE_TITLES[role]}`, 75),
    value: encodeClaimRoleValue(view.incident.id, role),
  }));
}

/** What a declarer said about customers and visibility, when they said it. */
function impactLine(view: IncidentView): string | undefined {
  const parts: string[] = [];
  if (view.incident.customerImpact !== null) parts.push(view.incident.customerImpact ? ':warning: Customers are affected' : 'No customer impact reported');
  if (view.incident.isPrivate) parts.push(':lock: Private incident');
  return parts.length > 0 ? parts.join(' · ') : undefined;
}

const draftUpdateButton = (incidentId: number) => ({
  type: 'button' as const,
  action_id: ACTIONS.draftUpdate,
  text: plain('Draft update'),
  value: JSON.stringify({ incidentId } satisfies DraftUpdateValue),
});

/**
 * The pinned summary: what is wrong, how bad, where it came from, and the buttons to act.
 * `offered`: the operator actions the policy has a hook for (Roll back, Disable model).
 */
export function summaryBlocks(view: IncidentView, offered: readonly OperatorActionKind[] = []): KnownBlock[] {
  const { incident } = view;
  const { severity } = incident;
  const fields = [
    md(`*Severity*\n${SEVERITY_EMOJI[severity]} ${severity}`),
    md(`*Status*\n${statusText(view)}`),
    md(`*Category*\n${incident.category}`),
    md(`*Model*\n${modelText(incident.modelName, incident.modelVersion) ?? '_not given_'}`),
    md(`*Metric*\n${metricText(incident.metric) ?? '_not given_'}`),
    // A webhook's incident names its source; a declared one, the person.
    md(`*${isSlackUserId(incident.declaredBy) ? 'Declared by' : 'Source'}*\n${actorText(incident.declaredBy)}`),
    md(`*Started*\n${incident.startedAt ? slackTime(incident.startedAt) : '_unknown_'}`),
    md(`*Observed*\n${incident.detectedAt ? slackTime(incident.detectedAt) : '_unknown_'}`),
    md(`*Declared*\n${slackTime(incident.declaredAt)}`),
    md(`*Acknowledged*\n${incident.acknowledgedAt ? `${mention(incident.acknowledgedBy)} ${slackTime(incident.acknowledgedAt)}` : '_not yet_'}`),
  ];
  const blocks: KnownBlock[] = [
    { type: 'header', text: plain(`${incidentRef(incident.id)} · ${severity} · ${incident.title}`, 150) },
    // A section holds at most 10 fields.
    { type: 'section', fields: fields.slice(0, 10) },
  ];
  if (incident.description) {
    blocks.push({ type: 'section', text: md(clip(incident.description, BUDGETS.section, FULL_TEXT.alertSource)) });
  }
  const impact = impactLine(view);
  if (impact) blocks.push({ type: 'context', elements: [md(impact)] });
  // Resolved: how, and why it broke, where everyone looks first.
  const resolution = incident.status === 'resolved' ? resolutionShown(incident.resolution) : undefined;
  if (resolution) blocks.push({ type: 'section', block_id: 'incident-resolution', text: md(resolutionMrkdwn(resolution)) });
  if (view.alerts.length > 0) {
    blocks.push({ type: 'section', text: md(`*Alerts*\n${alertLines(view)}`) });
  }
  blocks.push(...modelVersionBlocks(view, offered));
  if (incident.status !== 'resolved') {
    const buttons = [];
    if (!incident.acknowledgedAt) {
      buttons.push({ type: 'button' as const, action_id: ACTIONS.acknowledge, text: plain('Acknowledge'), style: 'primary' as const, value: String(incident.id) });
    }
    buttons.push({ type: 'button' as const, action_id: ACTIONS.escalate, text: plain('Escalate'), value: String(incident.id) });
    if (view.runbook) {
      buttons.push({ type: 'button' as const, action_id: ACTIONS.showRunbook, text: plain(`Runbook: ${view.runbook.title}`, 75), value: `${incident.id}:${view.runbook.name}` });
    }
    buttons.push(draftUpdateButton(incident.id));
    buttons.push({ type: 'button' as const, action_id: ACTIONS.resolve, text: plain('Resolve'), style: 'danger' as const, value: String(incident.id) });
    blocks.push({ type: 'actions', block_id: 'incident-actions', elements: buttons });
  } else {
    // Resolved: stakeholders still need the resolution notification.
    blocks.push({ type: 'actions', block_id: 'incident-actions', elements: [draftUpdateButton(incident.id), compileReviewButton(incident.id)] });
  }
  if (view.nextUpdateDueAt) {
    blocks.push({ type: 'context', elements: [md(`:loudspeaker: Next stakeholder update due ${slackTime(view.nextUpdateDueAt)}`)] });
  }
  blocks.push({ type: 'section', block_id: 'incident-roles', text: md(rolesText(view)) });
  const claims = incident.status === 'resolved' ? [] : roleClaimButtons(view);
  if (claims.length > 0) blocks.push({ type: 'actions', block_id: 'role-claims', elements: claims });
  blocks.push({
    type: 'context',
    elements: [md(`${incidentRef(incident.id)} · \`/incident help\` for commands`)],
  });
  // Whatever a sender put in, nothing leaves here over Slack's limits.
  return fitBlocks(blocks);
}

export const summaryFallbackText = (view: IncidentView): string =>
  `${incidentRef(view.incident.id)} ${view.incident.severity} ${clip(view.incident.title, BUDGETS.fallbackText - 20)}`;
