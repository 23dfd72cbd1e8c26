// When stakeholders hear next. Every update states the time of the next one, and the team keeps
// that promise: Vigil reminds the comms lead shortly before it and again once it has passed.
// Pure: times in, times out.

import type { Severity } from './types.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export interface CadencePolicy {
  /** Between updates, per severity; a severity without one is updated on changes only (SEV4). */
  everyMs: Partial<Record<Severity, number>>;
  /** The first update after declaration, per severity, when sooner than the interval (SEV1: 5 min). */
  firstWithinMs: Partial<Record<Severity, number>>;
  /** After this long open, updates may come hourly (never before the first hour is out). */
  hourlyAfterMs: number;
  /** Remind this long before an update is due. */
  remindBeforeMs: number;
  /** While overdue, remind again this often. */
  overdueEveryMs: number;
}

/** Practice from the issue: SEV1 first within 5 min then every 20; SEV2 30 min; SEV3 hourly; SEV4 on changes. */
export const DEFAULT_CADENCE: CadencePolicy = {
  everyMs: { SEV1: 20 * MINUTE, SEV2: 30 * MINUTE, SEV3: HOUR },
  firstWithinMs: { SEV1: 5 * MINUTE, SEV2: 15 * MINUTE },
  hourlyAfterMs: 2 * HOUR,
  remindBeforeMs: 5 * MINUTE,
  overdueEveryMs: 10 * MINUTE,
};

/** The earliest an incident may relax to hourly updates: never in its first hour. */
export const MIN_HOURLY_AFTER_MS = HOUR;

/** The interval between updates at `now`, or undefined when this severity is updated on changes only. */
export function updateIntervalMs(policy: CadencePolicy, severity: Severity, declaredAt: Date, now: Date): number | undefined {
  const every = policy.everyMs[severity];
  if (every === undefined) return undefined;
  const relaxed = now.getTime() - declaredAt.getTime() >= Math.max(policy.hourlyAfterMs, MIN_HOURLY_AFTER_MS);
  return relaxed ? Math.max(every, HOUR) : every;
}

/** When the first update is due after declaration. */
export function firstUpdateDue(policy: CadencePolicy, severity: Severity, declaredAt: Date): Date | undefined {
  const every = policy.everyMs[severity];
  const first = policy.firstWithinMs[severity];
  const within = first !== undefined && every !== undefined ? Math.min(first, every) : (first ?? every);
  return within === undefined ? undefined : new Date(declaredAt.getTime() + within);
}

/** When the update after one posted at `postedAt` is due (the time that update states). */
export function nextUpdateDue(policy: CadencePolicy, severity: Severity, declaredAt: Date, postedAt: Date): Date | undefined {
  const interval = updateIntervalMs(policy, severity, declaredAt, postedAt);
  return interval === undefined ? undefined : new Date(postedAt.getTime() + interval);
}

/** What to tell the comms lead about an update due at `dueAt`. */
export type CadenceReminder = 'due_soon' | 'overdue';

export interface ReminderState {
  dueAt: Date;
  /** The last reminder sent for this due time, and when. */
  lastReminder?: CadenceReminder;
  lastRemindedAt?: Date;
  /** No reminder before this time. */
  snoozedUntil?: Date;
}

/** The reminder to send at `now`, if any: once shortly before, at the due time, then every `overdueEveryMs`. */
export function reminderDue(policy: CadencePolicy, state: ReminderState, now: Date): CadenceReminder | undefined {
  const t = now.getTime();
  if (state.snoozedUntil && t < state.snoozedUntil.getTime()) return undefined;
  const due = state.dueAt.getTime();
  if (t >= due) {
    if (state.lastReminder !== 'overdue') return 'overdue';
    const last = state.lastRemindedAt?.getTime() ?? 0;
    return t - last >= policy.overdueEveryMs ? 'overdue' : undefined;
  }
  if (t >= due - policy.remindBeforeMs && state.lastReminder === undefined) return 'due_soon';
  return undefined;
}
