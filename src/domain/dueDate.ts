// Due dates as people type them after an action item ("... @ana friday", "... in 3d"). A due date
// is a calendar day in UTC, kept as that day's midnight: one team, one calendar, whatever time
// zone each reader is in. Pure: words and "now" in, a day out.

const DAY_MS = 24 * 3600_000;
/** Further out than this is a wish, not a due date; and a typo like 2062 for 2026 is caught. */
const MAX_DAYS_AHEAD = 5 * 366;
const MAX_RELATIVE_DAYS = 366;

const WEEKDAYS: Readonly<Record<string, number>> = {
  sun: 0, sunday: 0,
  mon: 1, monday: 1,
  tue: 2, tues: 2, tuesday: 2,
  wed: 3, weds: 3, wednesday: 3,
  thu: 4, thur: 4, thurs: 4, thursday: 4,
  fri: 5, friday: 5,
  sat: 6, saturday: 6,
};

const UNIT_DAYS: Readonly<Record<string, number>> = { d: 1, day: 1, days: 1, w: 7, week: 7, weeks: 7 };

/** How a due date is written, for usage lines and error messages. */
export const DUE_DATE_FORMS = 'YYYY-MM-DD, today, tomorrow, a weekday (mon..sun), in 3d or in 2w';

/** Midnight UTC of the day `at` falls on. */
export const utcDay = (at: Date): Date => new Date(Math.floor(at.getTime() / DAY_MS) * DAY_MS);

const addDays = (day: Date, days: number): Date => new Date(day.getTime() + days * DAY_MS);
const isoDay = (day: Date): string => day.toISOString().slice(0, 10);

/** What the last words of a text say about a due date. */
export type TrailingDue =
  | { kind: 'none' }
  /** `words`: how many of the last words the date took (a leading "due" or "by" included). */
  | { kind: 'date'; dueAt: Date; words: number }
  /** The words are meant as a date but are not one we can use; `problem` says why, in plain words. */
  | { kind: 'invalid'; problem: string };

type OneDate = { dueAt: Date } | { problem: string } | undefined;

function calendarDate(word: string, today: Date): OneDate {
  const match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(word);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls 2026-02-30 over to March: a day that does not exist comes back different.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return { problem: `${word} is not a day of the calendar` };
  }
  if (date < today) return { problem: `${isoDay(date)} is in the past (today is ${isoDay(today)}, UTC)` };
  if (date > addDays(today, MAX_DAYS_AHEAD)) return { problem: `${isoDay(date)} is more than five years away` };
  return { dueAt: date };
}

function namedDay(word: string, today: Date): OneDate {
  if (word === 'today') return { dueAt: today };
  if (word === 'tomorrow') return { dueAt: addDays(today, 1) };
  const weekday = WEEKDAYS[word];
  if (weekday === undefined) return undefined;
  // The next one after today: "friday" said on a Friday means a week from now, not today.
  const ahead = ((weekday - today.getUTCDay() + 6) % 7) + 1;
  return { dueAt: addDays(today, ahead) };
}

/** `in 3d`, `in 2w`, `in 3 days`, `in 1 week`: the words after "in". */
function relativeDay(amount: string, unit: string, today: Date): OneDate {
  if (!/^\d+$/.test(amount)) return undefined;
  const unitDays = UNIT_DAYS[unit];
  if (unitDays === undefined) return { problem: `"in ${amount} ${unit}" is not a due date; say in 3d or in 2w` };
  const days = Number(amount) * unitDays;
  if (days < 1) return { problem: 'a due date "in 0 days" is today: say today' };
  if (days > MAX_RELATIVE_DAYS) return { problem: `in ${amount} ${unit} is more than a year away; give the date (YYYY-MM-DD)` };
  return { dueAt: addDays(today, days) };
}

/** A date written in the last 1 to 3 of `words`, and how many words it took. */
function dateAtEnd(words: readonly string[], today: Date): { date: OneDate; words: number } | undefined {
  const last = words.at(-1);
  if (last === undefined) return undefined;
  const beforeLast = words.at(-2);
  const single = calendarDate(last, today) ?? namedDay(last, today);
  if (single) return { date: single, words: 1 };
  // "in 3d", "in 2w"
  const compact = /^(\d+)([a-z]+)$/.exec(last);
  if (beforeLast === 'in' && compact) return { date: relativeDay(compact[1]!, compact[2]!, today), words: 2 };
  // "in 3 days"
  if (words.at(-3) === 'in' && beforeLast !== undefined && /^\d+$/.test(beforeLast)) return { date: relativeDay(beforeLast, last, today), words: 3 };
  return undefined;
}

/**
 * The due date the last words of a text give, if any: `YYYY-MM-DD`, `today`, `tomorrow`, a
 * weekday (the next one after today), `in 3d` / `in 2w` / `in 3 days`, optionally after "due" or
 * "by". Only the end of a text is read, so "move the job to friday's window" has no due date.
 * `words` are lower-case and split on spaces; `now` is the clock's time.
 */
export function readTrailingDue(words: readonly string[], now: Date): TrailingDue {
  const lower = words.map((w) => w.toLowerCase());
  const today = utcDay(now);
  const found = dateAtEnd(lower, today);
  if (!found?.date) {
    // "... due someday": "due" as the last-but-one word announces a date; anything else is text.
    const last = lower.at(-1);
    if (lower.at(-2) === 'due' && last) return { kind: 'invalid', problem: `"${last}" is not a due date` };
    return { kind: 'none' };
  }
  if ('problem' in found.date) return { kind: 'invalid', problem: found.date.problem };
  const lead = lower.at(-found.words - 1);
  const taken = found.words + (lead === 'due' || lead === 'by' ? 1 : 0);
  return { kind: 'date', dueAt: found.date.dueAt, words: taken };
}

/** A whole text that must be a due date (e.g. a form field): the date, or why not. */
export function parseDueDate(text: string, now: Date): { dueAt: Date } | { problem: string } {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const due = readTrailingDue(words, now);
  if (due.kind === 'date' && due.words === words.length) return { dueAt: due.dueAt };
  if (due.kind === 'invalid') return { problem: due.problem };
  return { problem: `"${text.trim()}" is not a due date; use ${DUE_DATE_FORMS}` };
}

const WEEKDAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/**
 * "Tue 24 Nov", with the year when it is not `now`'s (always, without `now`): a UTC day, said the
 * same to everyone, never moved to the reader's time zone (which would shift it by a day).
 */
export function dueDayText(dueAt: Date, now?: Date): string {
  const year = now && dueAt.getUTCFullYear() === now.getUTCFullYear() ? '' : ` ${dueAt.getUTCFullYear()}`;
  return `${WEEKDAY_NAMES[dueAt.getUTCDay()]} ${dueAt.getUTCDate()} ${MONTH_NAMES[dueAt.getUTCMonth()]}${year}`;
}
