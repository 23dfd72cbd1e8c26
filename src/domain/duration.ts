// Durations as operators write them in the policy file (`30s`, `5m`, `1h30m`) and as people read
// them in Slack ("unacknowledged for 7m"). Pure: milliseconds in, milliseconds out.

const MS_PER_UNIT = {
  w: 7 * 24 * 60 * 60 * 1000,
  d: 24 * 60 * 60 * 1000,
  h: 60 * 60 * 1000,
  m: 60 * 1000,
  s: 1000,
} as const;

type DurationUnit = keyof typeof MS_PER_UNIT;

/**
 * Units largest first, each at most once, optionally separated by spaces so that what
 * formatDuration prints ("1h 5m") parses back. Requiring this order rejects typos such as
 * `30m1h` instead of guessing what was meant.
 */
const DURATION_PATTERN = /^(?:(\d+)w)?\s*(?:(\d+)d)?\s*(?:(\d+)h)?\s*(?:(\d+)m)?\s*(?:(\d+)s)?$/;
const UNITS_IN_PATTERN_ORDER: readonly DurationUnit[] = ['w', 'd', 'h', 'm', 's'];

/** A policy-file duration that cannot be read. `code` lets callers map it to a reply in one place. */
export class DurationError extends Error {
  readonly code = 'invalid_duration';
  readonly input: string;

  constructor(input: string) {
    super(`"${input}" is not a duration; use e.g. 30s, 5m, 2h, 1d`);
    this.name = 'DurationError';
    this.input = input;
  }
}

/**
 * Milliseconds in `30s`, `5m`, `2h`, `1d`, `1w` or a compound such as `1h30m` / `1h 30m`.
 * A bare `0` is accepted because "no delay" needs no unit; any other bare number is ambiguous
 * (seconds? minutes?) and rejected, as are negatives, fractions and the empty string.
 */
export function parseDuration(text: string): number {
  const trimmed = text.trim();
  if (trimmed === '0') return 0;

  const match = DURATION_PATTERN.exec(trimmed);
  // The pattern matches the empty string (every part optional), so "no unit at all" is an error.
  if (trimmed === '' || match === null) throw new DurationError(text);

  let total = 0;
  UNITS_IN_PATTERN_ORDER.forEach((unit, index) => {
    const digits = match[index + 1];
    if (digits !== undefined) total += Number(digits) * MS_PER_UNIT[unit];
  });
  // Absurdly long inputs would lose precision; no real escalation delay gets near this.
  if (!Number.isSafeInteger(total)) throw new DurationError(text);
  return total;
}

/** Units used when printing: weeks are left out because "10d" reads better than "1w 3d" in Slack. */
const DISPLAY_UNITS: readonly DurationUnit[] = ['d', 'h', 'm', 's'];

/**
 * Compact, human form for Slack: the largest non-zero unit plus the next smaller one when it is
 * non-zero (`45s`, `5m`, `5m 30s`, `1h 5m`, `2d 3h`, `1d`). Truncates rather than rounds, so
 * "unacknowledged for 7m" never claims more time than has passed. Negative input (clock skew)
 * keeps its sign instead of being hidden.
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) throw new RangeError(`cannot format a duration of ${ms} ms`);
  if (ms < 0) return `-${formatDuration(-ms)}`;

  const largestIndex = DISPLAY_UNITS.findIndex((unit) => ms >= MS_PER_UNIT[unit]);
  if (largestIndex === -1) return '0s';

  const largest = DISPLAY_UNITS[largestIndex] as DurationUnit;
  const largestCount = Math.floor(ms / MS_PER_UNIT[largest]);
  const parts = [`${largestCount}${largest}`];

  const next = DISPLAY_UNITS[largestIndex + 1];
  if (next !== undefined) {
    const remainder = ms - largestCount * MS_PER_UNIT[largest];
    const nextCount = Math.floor(remainder / MS_PER_UNIT[next]);
    if (nextCount > 0) parts.push(`${nextCount}${next}`);
  }
  return parts.join(' ');
}
