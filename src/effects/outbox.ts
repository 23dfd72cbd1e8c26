import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Db, Executor } from '../db/executor.js';
import { effects, type EffectRow } from '../db/schema/index.js';
import type { EffectKind, EffectPayloads } from './effectKinds.js';

/** Effects of one incident share a lane, so they reach Slack in the order they were decided. */
export const incidentLane = (incidentId: number): string => `incident:${incidentId}`;
export const userLane = (userId: string): string => `user:${userId}`;

/** Record an intent inside the caller's transaction: it exists exactly when the change does. */
export function enqueueEffect<K extends EffectKind>(
  tx: Executor,
  incidentId: number | null,
  kind: K,
  payload: EffectPayloads[K],
  now: Date,
  lane: string = incidentId === null ? 'global' : incidentLane(incidentId),
): void {
  tx.insert(effects)
    // Due at once: delivery retries run on real time, not the (possibly moved) domain clock.
    .values({ lane, incidentId, kind, payload: payload as Record<string, unknown>, nextAttemptAt: new Date(0), createdAt: now })
    .run();
}

const ACTIVE = ['pending', 'in_flight'];

/** The oldest undelivered effect of each lane that is due, skipping lanes already being worked. */
export function dueLaneHeads(db: Db, now: Date, busyLanes: ReadonlySet<string>, limit: number): EffectRow[] {
  const heads = db
    .select()
    .from(effects)
    .where(
      and(
        inArray(effects.status, ACTIVE),
        sql`${effects.id} = (select min(e2.id) from effects e2 where e2.lane = ${effects.lane} and e2.status in ('pending', 'in_flight'))`,
        lte(effects.nextAttemptAt, now),
      ),
    )
    .orderBy(asc(effects.id))
    .limit(limit + busyLanes.size)
    .all();
  return heads.filter((head) => !busyLanes.has(head.lane)).slice(0, limit);
}

/**
 * Mark an effect as possibly reaching Slack before calling it. If the process dies mid-call the
 * row stays in_flight, and the next attempt first checks whether Slack already has it.
 */
export function markInFlight(db: Db, id: number): void {
  db.update(effects)
    .set({ status: 'in_flight', attempts: sql`${effects.attempts} + 1` })
    .where(eq(effects.id, id))
    .run();
}

export function markDone(db: Db, id: number, now: Date, result?: Record<string, unknown>): void {
  db.update(effects)
    .set({ status: 'done', doneAt: now, lastError: null, ...(result ? { result } : {}) })
    .where(eq(effects.id, id))
    .run();
}

/**
 * Try again later. It stays in_flight: an effect may take several Slack calls (post, then pin;
 * a DM to each member of a group), and the failed attempt may have got some of them through, so
 * the next attempt checks what Slack already has before doing anything again.
 */
export function markRetry(db: Db, id: number, nextAttemptAt: Date, error: string): void {
  db.update(effects)
    .set({ status: 'in_flight', nextAttemptAt, lastError: error })
    .where(eq(effects.id, id))
    .run();
}

/** Give up on one effect (a permanent Slack error); the lane moves on. */
export function markDead(db: Db, id: number, now: Date, error: string): void {
  db.update(effects).set({ status: 'dead', doneAt: now, lastError: error }).where(eq(effects.id, id)).run();
}

export function countUndelivered(db: Db): number {
  const row = db
    .select({ n: sql<number>`count(*)` })
    .from(effects)
    .where(inArray(effects.status, ACTIVE))
    .get();
  return row?.n ?? 0;
}

/** When the next effect becomes due, so the worker can sleep until then. */
export function nextDueAt(db: Db): Date | undefined {
  const row = db
    .select({ at: sql<number | null>`min(${effects.nextAttemptAt})` })
    .from(effects)
    .where(inArray(effects.status, ACTIVE))
    .get();
  return row?.at == null ? undefined : new Date(row.at);
}

/** Forget delivered effects older than `before`: the timeline is the record, the outbox only a queue. */
export function pruneDeliveredEffects(db: Db, before: Date): number {
  return db
    .delete(effects)
    .where(and(inArray(effects.status, ['done', 'dead']), lte(effects.doneAt, before)))
    .run().changes;
}
