// When a blameless review is due: for SEV1 and SEV2, five business days after resolution
// (Monday to Friday, counted in UTC; a team's holidays are not known here).

import type { Severity } from './types.js';

export const REVIEW_DUE_BUSINESS_DAYS = 5;

/** Severities that get a review by default. */
export const REVIEWED_SEVERITIES: readonly Severity[] = ['SEV1', 'SEV2'];

const isWeekend = (date: Date): boolean => date.getUTCDay() === 0 || date.getUTCDay() === 6;

/** `days` business days after `from`, at the same time of day; from a weekend, counting starts Monday. */
export function addBusinessDays(from: Date, days: number): Date {
  const at = new Date(from.getTime());
  let left = days;
  while (left > 0) {
    at.setUTCDate(at.getUTCDate() + 1);
    if (!isWeekend(at)) left -= 1;
  }
  return at;
}

/** The review's due time for an incident resolved at `resolvedAt`, or undefined when none is due. */
export function reviewDueAt(severity: Severity, resolvedAt: Date): Date | undefined {
  return REVIEWED_SEVERITIES.includes(severity) ? addBusinessDays(resolvedAt, REVIEW_DUE_BUSINESS_DAYS) : undefined;
}

/** Remind the commander this long before the review is due, then daily while overdue. */
export const REVIEW_REMIND_BEFORE_MS = 24 * 3600_000;
export const REVIEW_OVERDUE_EVERY_MS = 24 * 3600_000;

/** The reminder due at `now`, if any: once the day before, at the due time, then daily. */
export function reviewReminderDue(
  state: { dueAt: Date; lastReminder: 'due_soon' | 'overdue' | null; lastRemindedAt: Date | null },
  now: Date,
): 'due_soon' | 'overdue' | undefined {
  const t = now.getTime();
  const due = state.dueAt.getTime();
  if (t >= due) {
    if (state.lastReminder !== 'overdue') return 'overdue';
    return t - (state.lastRemindedAt?.getTime() ?? 0) >= REVIEW_OVERDUE_EVERY_MS ? 'overdue' : undefined;
  }
  return t >= due - REVIEW_REMIND_BEFORE_MS && state.lastReminder === null ? 'due_soon' : undefined;
}

/** The factors a review may name, so the stats can count them across incidents. Never a person. */
export const CONTRIBUTING_FACTORS = [
  'data quality',
  'data pipeline',
  'training data',
  'model change',
  'deployment',
  'configuration',
  'dependency',
  'capacity',
  'monitoring gap',
  'prompt change',
  'third party',
  'process',
] as const;
export type ContributingFactor = (typeof CONTRIBUTING_FACTORS)[number];
