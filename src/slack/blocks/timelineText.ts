import type { IncidentRow } from '../../db/schema/index.js';
import { describeEvent, type EventPart } from '../../incidents/describeEvent.js';
import type { TimelineEvent } from '../../incidents/timeline.js';
import { escapeKeepingMentions } from '../format/slackText.js';
import { eventPartsPlain } from '../../comms/eventText.js';
import { escapeMrkdwn, isSlackUserId, truncate, userMention } from '../format/mrkdwn.js';
import { actorText, incidentRef } from './format.js';

// The timeline on Slack: each event's surface-neutral parts (describeEvent) said in mrkdwn for
// messages, or in plain text for the file. A Markdown or HTML renderer is a sibling of these two.

/** Beyond these, a message is a wall; the timeline goes out as a file instead. */
export const TIMELINE_MESSAGE_MAX_LINES = 40;
export const TIMELINE_MESSAGE_MAX_CHARS = 2900;

const utcDay = (at: Date): string => at.toISOString().slice(0, 10);
const utcMinute = (at: Date): string => at.toISOString().slice(11, 16);
const utcSecond = (at: Date): string => `${at.toISOString().slice(0, 10)} ${at.toISOString().slice(11, 19)} UTC`;

/** How much of one entry a message shows; a longer one sends the whole timeline as a file instead. */
const SUMMARY_CHARS = 300;

const SUBTEAM = /<!subteam\^([A-Z0-9]+)(?:\|[^>]*)?>/g;

/**
 * One part in mrkdwn. People are mentions; a paged user group reads "@S123" (a timeline is read
 * later and must not page the group again); what a person typed keeps its user mentions; every
 * other character that Slack would parse is escaped.
 */
function partMrkdwn(part: EventPart): string {
  switch (part.type) {
    case 'text':
    case 'quote':
      return escapeMrkdwn(part.text);
    case 'user':
      return userMention(part.id);
    case 'usergroup':
      return `@${escapeMrkdwn(part.id)}`;
    case 'author':
      return isSlackUserId(part.id) ? userMention(part.id) : escapeMrkdwn(part.id);
    case 'said':
      return escapeKeepingMentions(part.text);
    case 'legacy':
      return escapeKeepingMentions(part.text.replace(SUBTEAM, '@$1'));
  }
}


/** An event in mrkdwn, whole. */
export const eventMrkdwnWhole = (event: TimelineEvent): string => describeEvent(event).map(partMrkdwn).join('');

/** An event in mrkdwn for a message line: cut at SUMMARY_CHARS, never inside a mention or an entity. */
export const eventMrkdwn = (event: TimelineEvent): string => truncate(eventMrkdwnWhole(event), SUMMARY_CHARS);

/** An event as plain text, whole. */
export const eventPlainText = (event: TimelineEvent): string => eventPartsPlain(describeEvent(event));

/** The timeline as mrkdwn for an ephemeral message: a day heading when the date changes, then `hh:mm actor summary`. */
export function timelineMrkdwn(incident: IncidentRow, events: readonly TimelineEvent[]): string {
  const lines = [`*Timeline of ${incidentRef(incident.id)}* (${events.length} entries, times UTC)`];
  let day = '';
  for (const event of events) {
    if (utcDay(event.at) !== day) {
      day = utcDay(event.at);
      lines.push(`*${day}*`);
    }
    lines.push(`\`${utcMinute(event.at)}\` ${actorText(event.actor)}: ${eventMrkdwn(event)}`);
  }
  return lines.join('\n');
}

/**
 * Whether the message form is short enough to read in Slack and shows every entry whole; when not,
 * the timeline goes out as a file, which is where cut texts elsewhere point for the full text.
 */
export function timelineFitsMessage(events: readonly TimelineEvent[], mrkdwn: string): boolean {
  return (
    events.length <= TIMELINE_MESSAGE_MAX_LINES &&
    mrkdwn.length <= TIMELINE_MESSAGE_MAX_CHARS &&
    events.every((event) => eventMrkdwnWhole(event).length <= SUMMARY_CHARS)
  );
}

/** The timeline as a plain text file: nothing is markup there, so nothing is escaped or cut. */
export function timelinePlainText(incident: IncidentRow, events: readonly TimelineEvent[]): string {
  const header = [
    `${incidentRef(incident.id)} · ${incident.severity} · ${incident.category} · ${incident.status}`,
    incident.title,
    `Declared ${utcSecond(incident.declaredAt)}`,
    '',
  ];
  const rows = events.map((event) => `${utcSecond(event.at)}  ${event.actor}  ${eventPlainText(event)}`);
  return [...header, ...rows, ''].join('\n');
}

export const timelineFilename = (incidentId: number): string => `incident-${incidentId}-timeline.txt`;
