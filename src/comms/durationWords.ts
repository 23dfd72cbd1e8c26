// Durations as a reader outside the incident says them ("1 h 25 min"), not as the policy file
// writes them ("1h25m", src/domain/duration.ts): spaced units, minutes as the smallest unit
// worth telling a client, two units at most.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * "under 1 min", "25 min", "1 h 25 min", "2 h", "3 days 4 h". Truncates, never rounds up, so
 * "down for 25 min" never claims more than happened. A negative span (clock skew) reads as none.
 */
export function durationWords(ms: number): string {
  if (!Number.isFinite(ms)) throw new RangeError(`duration: ${ms} is not a number of milliseconds`);
  if (ms < MINUTE) return 'under 1 min';
  const days = Math.floor(ms / DAY);
  const hours = Math.floor((ms % DAY) / HOUR);
  const minutes = Math.floor((ms % HOUR) / MINUTE);
  if (days > 0) return [`${days} ${days === 1 ? 'day' : 'days'}`, ...(hours > 0 ? [`${hours} h`] : [])].join(' ');
  if (hours > 0) return [`${hours} h`, ...(minutes > 0 ? [`${minutes} min`] : [])].join(' ');
  return `${minutes} min`;
}
