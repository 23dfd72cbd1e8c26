// Small readings of the record that the review's sections share: times and durations in the
// review's words, an event as one plain line, and which events are key.

import type { ReviewLine } from '../../comms/reviewTemplateData.js';
import { eventPartsPlain } from '../../comms/eventText.js';
import { formatDuration } from '../../domain/duration.js';
import { KEY_TIME_WORDS, type MetricValue } from '../../domain/incidentMetrics.js';
import { describeEvent } from '../describeEvent.js';
import type { StructuredEvent, TimelineEvent } from '../timeline.js';

/** "2026-11-30 10:05 UTC": a review is read later and elsewhere, so it says UTC, in full. */
export const reviewTime = (at: Date): string => `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** One line of a table or list: a person's typed newlines would break either. */
export const oneLine = (text: string): string => text.replace(/\s*\n\s*/g, ' ').trim();

/** An event's sentence in plain words (the template escapes them for Markdown). */
export const eventPlain = (event: TimelineEvent): string => oneLine(eventPartsPlain(describeEvent(event)));

/** The moment an event is about: a detection or impact start is recorded after the fact. */
export function eventMoment(event: TimelineEvent): Date {
  if ('legacyText' in event.data) return event.at;
  const e = event as StructuredEvent;
  if (e.kind === 'impact.started' || e.kind === 'incident.detected') return new Date(e.data.at);
  return e.at;
}

export const eventLine = (event: TimelineEvent): ReviewLine => ({ at: reviewTime(eventMoment(event)), text: eventPlain(event) });

/** The events the review's timeline always shows, starred or not. */
export const KEY_EVENT_KINDS: ReadonlySet<string> = new Set([
  'impact.started',
  'incident.detected',
  'incident.declared',
  'page.sent',
  'incident.acknowledged',
  'severity.changed',
  'status.changed',
  'escalation.manual',
  'update.posted',
  'incident.resolved',
  'incident.reopened',
]);

/** A metric as the review says it: a duration, or why there is none. */
export function metricWords(value: MetricValue): string {
  if ('ms' in value) return formatDuration(value.ms);
  if ('missing' in value) return `not recorded (no ${value.missing.map((time) => KEY_TIME_WORDS[time]).join(' or ')} time)`;
  return `not used: ${value.outOfOrder}`;
}
