// A moment in the past as people type it in a command: `45m ago`, `09:40` (UTC, the last time the
// clock showed it), or an ISO 8601 date and time (`2026-11-30T09:40Z`, `2026-11-30 09:40`, UTC
// unless it says its offset). Pure: text and now in, a date or undefined out.

import { parseDuration } from './duration.js';

const AGO = /^(.+?)\s+ago$/i;
const CLOCK = /^([01]?\d|2[0-3]):([0-5]\d)$/;
const ISO = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

export function parsePastTime(text: string, now: Date): Date | undefined {
  const typed = text.trim();
  const ago = AGO.exec(typed);
  if (ago) {
    try {
      return new Date(now.getTime() - parseDuration(ago[1]!.replace(/\s+/g, '')));
    } catch {
      return undefined;
    }
  }
  const clock = CLOCK.exec(typed);
  if (clock) {
    const at = new Date(now.getTime());
    at.setUTCHours(Number(clock[1]), Number(clock[2]), 0, 0);
    // "09:40" typed at 08:00 means yesterday's 09:40: impact cannot start in the future.
    if (at.getTime() > now.getTime()) at.setUTCDate(at.getUTCDate() - 1);
    return at;
  }
  if (ISO.test(typed)) {
    const iso = typed.replace(' ', 'T');
    const at = new Date(/(Z|[+-]\d{2}:?\d{2})$/i.test(iso) ? iso : `${iso}Z`);
    return Number.isNaN(at.getTime()) ? undefined : at;
  }
  return undefined;
}
