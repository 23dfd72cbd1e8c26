import type { TimelineEvent } from '../../incidents/timeline.js';
import { formatDuration } from '../../domain/duration.js';
import { INCIDENT_ROLES, ROLE_TITLES } from '../../domain/roles.js';
import type { IncidentView } from '../../incidents/readModel.js';
import { SEVERITY_EMOJI, actorText, incidentRef, mention, modelText } from './format.js';
import { eventMrkdwn } from './timelineText.js';
import { FULL_TEXT, clip, fitText } from './limits.js';
import { resolutionMrkdwn, resolutionShown } from './resolutionText.js';

const OPEN_ITEMS_SHOWN = 3;

const ago = (at: Date, now: Date): string => `${formatDuration(now.getTime() - at.getTime())} ago`;

function acknowledgementLine(view: IncidentView, now: Date): string {
  const { incident } = view;
  if (!incident.acknowledgedAt && incident.status === 'resolved') return 'Never acknowledged';
  if (!incident.acknowledgedAt) return `:hourglass: *Not acknowledged* after ${formatDuration(now.getTime() - incident.declaredAt.getTime())}: \`/incident ack\``;
  const after = formatDuration(incident.acknowledgedAt.getTime() - incident.declaredAt.getTime());
  return `Acknowledged by ${mention(incident.acknowledgedBy)} ${ago(incident.acknowledgedAt, now)} (${after} after it was declared)`;
}

function rolesLine(view: IncidentView): string {
  const held = INCIDENT_ROLES.map((role) => {
    const holder = view.roles.find((r) => r.role === role);
    return `${ROLE_TITLES[role]} ${holder ? mention(holder.userId) : '_open_'}`;
  });
  return `Roles: ${held.join(' · ')}`;
}

function checklistLines(view: IncidentView): string {
  const open = view.checklist.filter((item) => !item.doneAt);
  if (view.checklist.length === 0) return 'Checklist: none';
  if (open.length === 0) return `Checklist: all ${view.checklist.length} items done`;
  // Nothing is next once it is resolved; what was left undone is worth a word in the review.
  if (view.incident.status === 'resolved') return `Checklist: ${view.checklist.length - open.length} of ${view.checklist.length} items done`;
  const next = open.slice(0, OPEN_ITEMS_SHOWN).map((item) => `   • ${clip(item.text, 150)}`);
  const rest = open.length > OPEN_ITEMS_SHOWN ? [`   …and ${open.length - OPEN_ITEMS_SHOWN} more`] : [];
  return [`Checklist: ${open.length} of ${view.checklist.length} open. Next:`, ...next, ...rest].join('\n');
}

/** `/incident status`: the few facts a person joining the channel needs first. */
export function incidentStatusText(view: IncidentView, lastEvent: TimelineEvent | undefined, now: Date): string {
  const { incident } = view;
  const { severity } = incident;
  const model = modelText(incident.modelName, incident.modelVersion);
  const age = formatDuration(now.getTime() - incident.declaredAt.getTime());
  const lines = [
    `${SEVERITY_EMOJI[severity]} *${incidentRef(incident.id)}* ${severity} · *${incident.status}* · ${incident.category}${model ? ` · ${model}` : ''} · declared ${age} ago`,
    `*${clip(incident.title, 200)}*`,
  ];
  if (incident.status === 'resolved' && incident.resolvedAt) {
    lines.push(`:white_check_mark: *Resolved* ${ago(incident.resolvedAt, now)} by ${mention(incident.resolvedBy)}`);
    const resolution = resolutionShown(incident.resolution);
    if (resolution) lines.push(resolutionMrkdwn(resolution, 600));
  }
  lines.push(
    acknowledgementLine(view, now),
    rolesLine(view),
  );
  if (lastEvent) {
    lines.push(`Last update ${ago(lastEvent.at, now)}: ${actorText(lastEvent.actor)}: ${eventMrkdwn(lastEvent)}`);
  }
  lines.push(checklistLines(view));
  return fitText(lines.join('\n'), 2900, FULL_TEXT.timeline);
}
