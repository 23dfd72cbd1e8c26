import type { KnownBlock } from '@slack/types';
import type { Severity } from '../../domain/types.js';
import { escapeMrkdwn, isSlackUserId, mrkdwnLink, truncate } from '../../domain/mrkdwn.js';
import type { IncidentView } from '../../incidents/readModel.js';
import { INCIDENT_ROLES, ROLE_TITLES } from '../../domain/roles.js';
import { ACTIONS, claimRoleActionId, encodeClaimRoleValue } from './actionIds.js';
import { SEVERITY_EMOJI, actorText, incidentRef, md, mention, metricText, modelText, plain, slackTime } from './format.js';

const MAX_ALERTS_SHOWN = 10;
// Labels every alert has or that the fields above already show.
const LABELS_SHOWN_ELSEWHERE = new Set(['alertname', 'model', 'model_version', 'severity', 'category', 'signal']);

function alertLines(view: IncidentView): string {
  const lines = view.alerts.slice(0, MAX_ALERTS_SHOWN).map((alert) => {
    const status = alert.status === 'resolved' ? ':white_check_mark: cleared' : ':rotating_light: firing';
    const links = alert.links.map((link) => mrkdwnLink(link.url, link.title)).join(' · ');
    const labels = Object.entries(alert.labels)
      .filter(([key]) => !LABELS_SHOWN_ELSEWHERE.has(key))
      .map(([key, value]) => `\`${escapeMrkdwn(key)}=${escapeMrkdwn(value)}\``)
      .join(' ');
    const repeats = alert.receiveCount > 1 ? ` (received ${alert.receiveCount}×)` : '';
    return [`• ${status} ${escapeMrkdwn(truncate(alert.title, 200))}${repeats}`, labels && `   ${labels}`, links && `   ${links}`]
      .filter(Boolean)
      .join('\n');
  });
  const more = view.alerts.length > MAX_ALERTS_SHOWN ? `\n…and ${view.alerts.length - MAX_ALERTS_SHOWN} more` : '';
  return truncate(lines.join('\n') + more, 2900);
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

/** The pinned summary: what is wrong, how bad, where it came from, and the buttons to act. */
export function summaryBlocks(view: IncidentView): KnownBlock[] {
  const { incident } = view;
  const severity = incident.severity as Severity;
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
    blocks.push({ type: 'section', text: md(truncate(escapeMrkdwn(incident.description), 2900)) });
  }
  const impact = impactLine(view);
  if (impact) blocks.push({ type: 'context', elements: [md(impact)] });
  if (view.alerts.length > 0) {
    blocks.push({ type: 'section', text: md(`*Alerts*\n${alertLines(view)}`) });
  }
  if (incident.status !== 'resolved') {
    const buttons = [];
    if (!incident.acknowledgedAt) {
      buttons.push({ type: 'button' as const, action_id: ACTIONS.acknowledge, text: plain('Acknowledge'), style: 'primary' as const, value: String(incident.id) });
    }
    buttons.push({ type: 'button' as const, action_id: ACTIONS.escalate, text: plain('Escalate'), value: String(incident.id) });
    if (view.runbook) {
      buttons.push({ type: 'button' as const, action_id: ACTIONS.showRunbook, text: plain(`Runbook: ${view.runbook.title}`, 75), value: `${incident.id}:${view.runbook.name}` });
    }
    buttons.push({ type: 'button' as const, action_id: ACTIONS.resolve, text: plain('Resolve'), style: 'danger' as const, value: String(incident.id) });
    blocks.push({ type: 'actions', block_id: 'incident-actions', elements: buttons });
  }
  blocks.push({ type: 'section', block_id: 'incident-roles', text: md(rolesText(view)) });
  const claims = incident.status === 'resolved' ? [] : roleClaimButtons(view);
  if (claims.length > 0) blocks.push({ type: 'actions', block_id: 'role-claims', elements: claims });
  blocks.push({
    type: 'context',
    elements: [md(`${incidentRef(incident.id)} · \`/incident help\` for commands`)],
  });
  return blocks;
}

export const summaryFallbackText = (view: IncidentView): string =>
  `${incidentRef(view.incident.id)} ${view.incident.severity} ${escapeMrkdwn(view.incident.title)}`;
