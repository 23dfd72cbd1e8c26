import type { KnownBlock } from '@slack/types';
import { truncate } from '../format/mrkdwn.js';
import { formatDuration } from '../../domain/duration.js';
import type { IncidentView } from '../../incidents/readModel.js';
import { isPersonActor } from '../../domain/actors.js';
import { ACTIONS } from './actionIds.js';
import { SEVERITY_EMOJI, channelLink, incidentRef, md, mention, modelText, plain, slackTime } from './format.js';
import { clip, fitBlocks } from './limits.js';

/** The direct message that pages someone: what, how bad, how long unanswered, where, and Acknowledge. */
export function pageBlocks(view: IncidentView, stepLabel: string, now: Date): KnownBlock[] {
  const { incident } = view;
  const { severity } = incident;
  const waiting =
    incident.status === 'resolved'
      ? `resolved${incident.resolvedBy ? ` by ${mention(incident.resolvedBy)}` : ''}`
      : incident.acknowledgedAt
        ? `acknowledged by ${mention(incident.acknowledgedBy)} ${slackTime(incident.acknowledgedAt)}`
        : `unacknowledged for ${formatDuration(now.getTime() - incident.declaredAt.getTime())}`;
  const model = modelText(incident.modelName, incident.modelVersion);
  const where = incident.channelId ? channelLink(incident.channelId) : '_channel being created_';
  const blocks: KnownBlock[] = [
    {
      type: 'section',
      // The title is cut on its own so that the lines after it (where to join) always show.
      text: md(
        `:rotating_light: *You are paged (${clip(stepLabel, 100)})* for *${incidentRef(incident.id)}* ${SEVERITY_EMOJI[severity]} ${severity}\n` +
          `*${clip(incident.title, 500)}*\n` +
          `${incident.category}${model ? ` · ${model}` : ''} · ${waiting}\nJoin: ${where}`,
      ),
    },
  ];
  if (!incident.acknowledgedAt && incident.status !== 'resolved') {
    blocks.push({
      type: 'actions',
      block_id: 'page-actions',
      elements: [{ type: 'button', action_id: ACTIONS.acknowledge, text: plain('Acknowledge'), style: 'primary', value: String(incident.id) }],
    });
  }
  return fitBlocks(blocks);
}

export function announceText(view: IncidentView): string {
  const { incident } = view;
  const { severity } = incident;
  const where = incident.channelId ? channelLink(incident.channelId) : '';
  return `${SEVERITY_EMOJI[severity]} *${incidentRef(incident.id)}* ${severity} ${incident.category}: ${clip(incident.title, 300)} → ${where}`;
}

/** Channel topic: plain text (Slack does not render mrkdwn there), at most 250 characters. */
export function topicText(view: IncidentView): string {
  const { incident } = view;
  // Name and version cut on their own, so the state and the incident number always show.
  const model = incident.modelName ? ` · ${clip(incident.modelName, 60)}${incident.modelVersion ? `@${clip(incident.modelVersion, 40)}` : ''}` : '';
  // A source (PagerDuty's acknowledge) is named as it is; only a person is a mention.
  const by = incident.acknowledgedBy;
  const ack = by ? ` · ack by ${isPersonActor(by) ? `<@${by}>` : clip(by, 60)}` : '';
  return truncate(`${incident.severity} · ${incident.status}${model}${ack} · ${incidentRef(incident.id)}`, 250);
}
