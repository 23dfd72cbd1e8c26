import type { IncidentRow, TimelineEventRow } from '../../db/schema/index.js';
import { escapeKeepingMentions, mentionsAsPlain } from '../../domain/slackText.js';
import { truncate } from '../../domain/mrkdwn.js';
import { actorText, incidentRef } from './format.js';

/** Beyond these, a message is a wall; the timeline goes out as a file instead. */
export const TIMELINE_MESSAGE_MAX_LINES = 40;
export const TIMELINE_MESSAGE_MAX_CHARS = 2900;

const utcDay = (at: Date): string => at.toISOString().slice(0, 10);
const utcMinute = (at: Date): string => at.toISOString().slice(11, 16);
const utcSecond = (at: Date): string => `${at.toISOString().slice(0, 10)} ${at.toISOString().slice(11, 19)} UTC`;

/** How much of one entry a message shows; a longer one sends the whole timeline as a file instead. */
const SUMMARY_CHARS = 300;

/** A timeline summary in mrkdwn: mentions work, a user group page reads "@S123", the rest is escaped. */
export const timelineSummaryMrkdwn = (summary: string): string =>
  escapeKeepingMentions(truncate(summary.replace(/<!subteam\^([A-Z0-9]+)(?:\|[^>]*)?>/g, '@$1'), SUMMARY_CHARS));

/** The timeline as mrkdwn for an ephemeral message: a day heading when the date changes, then `hh:mm actor summary`. */
export function timelineMrkdwn(incident: IncidentRow, events: readonly TimelineEventRow[]): string {
  const lines = [`*Timeline of ${incidentRef(incident.id)}* (${events.length} entries, times UTC)`];
  let day = '';
  for (const event of events) {
    if (utcDay(event.at) !== day) {
      day = utcDay(event.at);
      lines.push(`*${day}*`);
    }
    lines.push(`\`${utcMinute(event.at)}\` ${actorText(event.actor)}: ${timelineSummaryMrkdwn(event.summary)}`);
  }
  return lines.join('\n');
}

/**
 * Whether the message form is short enough to read in Slack and shows every entry whole; when not,
 * the timeline goes out as a file, which is where cut texts elsewhere point for the full text.
 */
export function timelineFitsMessage(events: readonly TimelineEventRow[], mrkdwn: string): boolean {
  return (
    events.length <= TIMELINE_MESSAGE_MAX_LINES &&
    mrkdwn.length <= TIMELINE_MESSAGE_MAX_CHARS &&
    events.every((event) => event.summary.length <= SUMMARY_CHARS)
  );
}

/** The timeline as a plain text file: nothing is markup there, so nothing is escaped or cut. */
export function timelinePlainText(incident: IncidentRow, events: readonly TimelineEventRow[]): string {
  const header = [
    `${incidentRef(incident.id)} · ${incident.severity} · ${incident.category} · ${incident.status}`,
    incident.title,
    `Declared ${utcSecond(incident.declaredAt)}`,
    '',
  ];
  const rows = events.map((event) => `${utcSecond(event.at)}  ${event.actor}  ${mentionsAsPlain(event.summary)}`);
  return [...header, ...rows, ''].join('\n');
}

export const timelineFilename = (incidentId: number): string => `incident-${incidentId}-timeline.txt`;
