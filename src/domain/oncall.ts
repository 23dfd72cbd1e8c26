// Who is on call: rotation arithmetic. Pure: the instant is always a parameter.
//
// Hand-offs happen at a local wall-clock time in the rotation's time zone, so luxon does the
// calendar and daylight-saving work: "Monday 09:00 Europe/Berlin" stays 09:00 for the people on
// the rotation while its UTC instant moves by an hour twice a year. Periods are counted in local
// calendar days/weeks, never in fixed 24h/168h blocks, which would drift by an hour at each change.

import { DateTime } from 'luxon';

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

export interface HandoffSchedule {
  every: 'daily' | 'weekly';
  /** Weekly only; defaults to 'mon'. */
  day?: Weekday;
  /** 'HH:MM', local wall-clock time in `timezone`. */
  at: string;
  /** IANA name, e.g. 'Europe/Berlin'. */
  timezone: string;
  /** Local date 'YYYY-MM-DD': the hand-off at or after it is when members[0] is primary. Default '2026-01-05'. */
  since?: string;
}

export interface Rotation {
  name: string;
  members: string[];
  handoff?: HandoffSchedule;
}

export interface OnCallOverride {
  rotation: string;
  userId: string;
  startsAt: Date;
  endsAt: Date;
}

export interface OnCallNow {
  rotation: string;
  primary: string | undefined;
  secondary: string | undefined;
  /** When the primary changes next (a hand-off or an override boundary); undefined when it never does. */
  nextChangeAt?: Date;
  overriddenBy?: OnCallOverride;
}

export const DEFAULT_HANDOFF_SINCE = '2026-01-05';
const DEFAULT_HANDOFF_DAY: Weekday = 'mon';
const ISO_WEEKDAY: Record<Weekday, number> = { mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6, sun: 7 };
const HANDOFF_TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;
const LOCAL_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** True when `tz` is an IANA time-zone name the runtime knows (so config can reject typos early). */
export function validateTimezone(tz: string): boolean {
  if (tz.trim() === '') return false;
  return DateTime.now().setZone(tz).isValid;
}

/**
 * Who is primary and secondary on `rotation` at `at`, taking overrides into account.
 *
 * - No hand-off: members[0] primary, members[1] secondary, always.
 * - With a hand-off: each hand-off moves the primary one step along `members` (cyclic); the
 *   secondary is the member after the primary. Before `since` the count runs backwards.
 * - An override active at `at` (startsAt <= at < endsAt) replaces the primary; see applyOverride.
 */
export function onCallAt(rotation: Rotation, overrides: OnCallOverride[], at: Date): OnCallNow {
  const ownOverrides = overrides.filter((override) => override.rotation === rotation.name);
  const schedule = rotation.handoff === undefined ? undefined : compileSchedule(rotation.handoff);

  const current = resolveAt(rotation, schedule, ownOverrides, at);
  const nextChangeAt = findNextPrimaryChange(rotation, schedule, ownOverrides, at, current.primary);
  return nextChangeAt === undefined ? current : { ...current, nextChangeAt };
}

// ---------------------------------------------------------------------------------------------
// Schedule arithmetic

/** A hand-off schedule with its inputs checked and its anchor (hand-off number 0) computed. */
interface CompiledSchedule {
  zone: string;
  hour: number;
  minute: number;
  /** Days between consecutive hand-offs in local calendar terms: 1 or 7. */
  stepDays: number;
  /** Local calendar date of hand-off number 0, held as a UTC midnight so date maths ignores DST. */
  anchorDate: DateTime;
}

function compileSchedule(handoff: HandoffSchedule): CompiledSchedule {
  if (!validateTimezone(handoff.timezone)) {
    throw new RangeError(`hand-off time zone "${handoff.timezone}" is not an IANA time zone`);
  }
  const time = HANDOFF_TIME_PATTERN.exec(handoff.at);
  if (time === null) throw new RangeError(`hand-off time "${handoff.at}" is not HH:MM`);

  const since = handoff.since ?? DEFAULT_HANDOFF_SINCE;
  const sinceDate = DateTime.fromISO(since, { zone: 'utc' });
  if (!LOCAL_DATE_PATTERN.test(since) || !sinceDate.isValid) {
    throw new RangeError(`hand-off since "${since}" is not a date (YYYY-MM-DD)`);
  }

  const stepDays = handoff.every === 'daily' ? 1 : 7;
  // Weekly: hand-off 0 is the first `day` on or after `since`. Daily: `since` itself.
  const daysToWeekday =
    handoff.every === 'daily' ? 0 : (ISO_WEEKDAY[handoff.day ?? DEFAULT_HANDOFF_DAY] - sinceDate.weekday + 7) % 7;

  return {
    zone: handoff.timezone,
    hour: Number(time[1]),
    minute: Number(time[2]),
    stepDays,
    anchorDate: sinceDate.plus({ days: daysToWeekday }),
  };
}

/**
 * The instant of hand-off number `n` (negative before the anchor).
 *
 * The local time is built from calendar fields, so DST is luxon's job. A time that does not exist
 * that day (e.g. 02:30 on a spring-forward day) is shifted forward by the gap, as luxon does
 * (02:30 -> 03:30); an ambiguous time on a fall-back day resolves to whichever offset luxon picks.
 */
function handoffInstant(schedule: CompiledSchedule, n: number): DateTime {
  const localDate = schedule.anchorDate.plus({ days: n * schedule.stepDays });
  return DateTime.fromObject(
    { year: localDate.year, month: localDate.month, day: localDate.day, hour: schedule.hour, minute: schedule.minute },
    { zone: schedule.zone },
  );
}

/** Number of the latest hand-off at or before `at` (negative before the anchor). */
function handoffNumberAt(schedule: CompiledSchedule, at: Date): number {
  const local = DateTime.fromJSDate(at, { zone: schedule.zone });
  const localDate = DateTime.fromObject({ year: local.year, month: local.month, day: local.day }, { zone: 'utc' });
  const daysSinceAnchor = Math.round(localDate.diff(schedule.anchorDate, 'days').days);

  // Estimate from the calendar, then correct: the hand-off on today's date may still be ahead,
  // and a DST gap can in principle push a hand-off onto the next local date.
  let n = Math.floor(daysSinceAnchor / schedule.stepDays);
  const instant = at.getTime();
  while (handoffInstant(schedule, n).toMillis() > instant) n -= 1;
  while (handoffInstant(schedule, n + 1).toMillis() <= instant) n += 1;
  return n;
}

/** Index into `members` for a hand-off number, cycling in both directions. */
function memberIndex(n: number, memberCount: number): number {
  return ((n % memberCount) + memberCount) % memberCount;
}

// ---------------------------------------------------------------------------------------------
// Who is on call

interface Assignment {
  primary: string | undefined;
  secondary: string | undefined;
}

function scheduledAssignment(rotation: Rotation, schedule: CompiledSchedule | undefined, at: Date): Assignment {
  const { members } = rotation;
  if (members.length === 0) return { primary: undefined, secondary: undefined };

  const primaryIndex = schedule === undefined ? 0 : memberIndex(handoffNumberAt(schedule, at), members.length);
  return {
    primary: members[primaryIndex],
    secondary: members.length > 1 ? members[(primaryIndex + 1) % members.length] : undefined,
  };
}

/** The override in effect at `at`; when several overlap, the latest-starting one (then the last listed) wins. */
function activeOverride(overrides: OnCallOverride[], at: Date): OnCallOverride | undefined {
  const instant = at.getTime();
  let winner: OnCallOverride | undefined;
  for (const override of overrides) {
    const active = override.startsAt.getTime() <= instant && instant < override.endsAt.getTime();
    if (active && (winner === undefined || override.startsAt.getTime() >= winner.startsAt.getTime())) {
      winner = override;
    }
  }
  return winner;
}

/**
 * The override user becomes primary. The scheduled primary steps down to secondary, so the person
 * who expected the pager is still the backstop, except:
 * - the override user is the scheduled secondary: the secondary is the member after them, so the
 *   same person does not fill both slots;
 * - the override user is the scheduled primary: nothing changes (secondary stays as scheduled).
 */
function applyOverride(rotation: Rotation, scheduled: Assignment, override: OnCallOverride): Assignment {
  const { userId } = override;
  if (userId === scheduled.primary) return scheduled;
  if (userId === scheduled.secondary) {
    const index = rotation.members.indexOf(userId);
    return { primary: userId, secondary: rotation.members[(index + 1) % rotation.members.length] };
  }
  return { primary: userId, secondary: scheduled.primary };
}

function resolveAt(
  rotation: Rotation,
  schedule: CompiledSchedule | undefined,
  overrides: OnCallOverride[],
  at: Date,
): OnCallNow {
  const scheduled = scheduledAssignment(rotation, schedule, at);
  const override = activeOverride(overrides, at);
  if (override === undefined) return { rotation: rotation.name, ...scheduled };
  return { rotation: rotation.name, ...applyOverride(rotation, scheduled, override), overriddenBy: override };
}

// ---------------------------------------------------------------------------------------------
// When it changes

/**
 * The first moment after `at` at which the primary is someone else.
 *
 * Candidates are hand-offs and override starts/ends; a candidate that leaves the same person
 * primary (an override by the incoming primary, a two-slot rotation listing someone twice) is
 * skipped. Once every override boundary is behind us, `members.length` more hand-offs visit every
 * member, so the search is bounded and "never" is a definite answer.
 */
function findNextPrimaryChange(
  rotation: Rotation,
  schedule: CompiledSchedule | undefined,
  overrides: OnCallOverride[],
  at: Date,
  currentPrimary: string | undefined,
): Date | undefined {
  const overrideBoundaries = overrides
    .flatMap((override) => [override.startsAt.getTime(), override.endsAt.getTime()])
    .filter((boundary) => boundary > at.getTime());
  const handoffsMatter = schedule !== undefined && rotation.members.length > 1;
  const maxSteps = overrideBoundaries.length + (handoffsMatter ? rotation.members.length + 1 : 0);

  let cursor = at;
  for (let step = 0; step < maxSteps; step += 1) {
    const next = nextBoundaryAfter(schedule, handoffsMatter, overrideBoundaries, cursor);
    if (next === undefined) return undefined;
    if (resolveAt(rotation, schedule, overrides, next).primary !== currentPrimary) return next;
    cursor = next;
  }
  return undefined;
}

function nextBoundaryAfter(
  schedule: CompiledSchedule | undefined,
  handoffsMatter: boolean,
  overrideBoundaries: number[],
  after: Date,
): Date | undefined {
  const candidates = overrideBoundaries.filter((boundary) => boundary > after.getTime());
  if (schedule !== undefined && handoffsMatter) {
    candidates.push(handoffInstant(schedule, handoffNumberAt(schedule, after) + 1).toMillis());
  }
  return candidates.length === 0 ? undefined : new Date(Math.min(...candidates));
}
