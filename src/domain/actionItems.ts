// Rules for action items: when an owner is reminded, how late an item is, and in which order a
// person sees them. Pure: rows and "now" in, decisions out.

const DAY_MS = 24 * 3600_000;

/**
 * Reminders go out at 09:00 UTC on the due day, then at 09:00 UTC each day while the item stays
 * open: a working morning in Europe and Africa, early for the Americas, and never at midnight.
 */
export const REMINDER_HOUR_UTC = 9;

/**
 * The daily reminder slot `at` falls in, counted from the due day's 09:00 UTC: 0 is the due day,
 * 1 the day after (overdue), negative before. Slots, not times, make "once per day" hold across
 * restarts and ticks that run late.
 */
export const reminderSlot = (dueAt: Date, at: Date): number => Math.floor((at.getTime() - dueAt.getTime() - REMINDER_HOUR_UTC * 3600_000) / DAY_MS);

export interface RemindableItem {
  status: 'open' | 'done';
  dueAt: Date | null;
  createdAt: Date;
  lastRemindedAt: Date | null;
}

/**
 * Whether the item's owner should be reminded now: it is open, its due day's reminder time has
 * come, and nothing happened yet in the current slot. The creation counts as a reminder: an item
 * added as "due today" at 15:00 was just seen by its owner, so its first reminder is tomorrow's.
 * A process that was down for days sends one reminder on its return, not one per missed day.
 */
export function reminderDue(item: RemindableItem, now: Date): boolean {
  if (item.status !== 'open' || !item.dueAt) return false;
  const slot = reminderSlot(item.dueAt, now);
  if (slot < 0) return false;
  const lastSeen = item.lastRemindedAt && item.lastRemindedAt > item.createdAt ? item.lastRemindedAt : item.createdAt;
  return reminderSlot(item.dueAt, lastSeen) < slot;
}

/** Where an item stands against its due day. */
export type DueStanding = { state: 'none' } | { state: 'upcoming'; inDays: number } | { state: 'today' } | { state: 'overdue'; days: number };

/** The due day is the whole UTC day: overdue from the midnight after it. */
export function dueStanding(dueAt: Date | null, now: Date): DueStanding {
  if (!dueAt) return { state: 'none' };
  const days = Math.floor((now.getTime() - dueAt.getTime()) / DAY_MS);
  if (days < 0) return { state: 'upcoming', inDays: -days };
  return days === 0 ? { state: 'today' } : { state: 'overdue', days };
}

interface Orderable {
  id: number;
  owner: string | null;
  dueAt: Date | null;
}

/** The person's own items first, then the rest; each by due day (none last), then oldest first. */
export function orderForPerson<T extends Orderable>(items: readonly T[], userId: string): T[] {
  const byDue = (a: T, b: T): number => (a.dueAt?.getTime() ?? Infinity) - (b.dueAt?.getTime() ?? Infinity) || a.id - b.id;
  const mine = items.filter((item) => item.owner === userId).sort(byDue);
  const others = items.filter((item) => item.owner !== userId).sort(byDue);
  return [...mine, ...others];
}
