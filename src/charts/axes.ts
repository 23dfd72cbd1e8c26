// Tick marks a person reads at a glance: durations on round steps (5m, 30m, 2h...) and dates on
// whole days or weeks, never 37-minute or 9-day steps.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const DURATION_STEPS = [MINUTE, 2 * MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE, HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 2 * DAY, 7 * DAY, 14 * DAY, 30 * DAY];
const DATE_STEPS = [DAY, 2 * DAY, 7 * DAY, 14 * DAY, 30 * DAY, 60 * DAY, 90 * DAY, 180 * DAY, 365 * DAY];

/** The first step that covers `span` in at most `maxTicks` steps (the largest step beyond that). */
const stepFor = (steps: readonly number[], span: number, maxTicks: number): number => steps.find((step) => span / step <= maxTicks) ?? steps[steps.length - 1]!;

/** Ticks from 0 to a round top at or above `maxMs`; the top is the axis's end. */
export function durationTicks(maxMs: number, maxTicks = 6): number[] {
  const step = stepFor(DURATION_STEPS, Math.max(maxMs, 1), maxTicks);
  const count = Math.max(1, Math.ceil(maxMs / step));
  return Array.from({ length: count + 1 }, (_, i) => i * step);
}

/** Midnights (UTC) inside [from, to], every whole number of days. */
export function dateTicks(from: Date, to: Date, maxTicks = 8): Date[] {
  const step = stepFor(DATE_STEPS, to.getTime() - from.getTime(), maxTicks);
  const firstMidnight = Math.ceil(from.getTime() / DAY) * DAY;
  const ticks: Date[] = [];
  for (let at = firstMidnight; at <= to.getTime(); at += step) ticks.push(new Date(at));
  return ticks;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "22 Nov", in UTC like every time the API gives. */
export const dayLabel = (at: Date): string => `${at.getUTCDate()} ${MONTHS[at.getUTCMonth()]}`;

/** "22 Nov 2026". */
export const dateLabel = (at: Date): string => `${dayLabel(at)} ${at.getUTCFullYear()}`;
