import { and, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Db, Executor } from '../db/executor.js';
import { preparedOnce, statementOnce } from '../db/prepared.js';
import { currentRequest } from '../shared/requestContext.js';
import { effects, type EffectRow } from '../db/schema/index.js';
import { COALESCED_KINDS, EFFECT_CLASS, PRIORITY, SETUP_KINDS } from './effectClasses.js';
import type { EffectKind, EffectPayloads } from './effectKinds.js';

/** An incident's core lane (set-up, summary, pages) and its chatter lane (notices, digest). */
export const incidentLane = (incidentId: number): string => `incident:${incidentId}`;
export const chatterLane = (incidentId: number): string => `incident:${incidentId}:chatter`;
export const userLane = (userId: string): string => `user:${userId}`;
/** One pager's lane for an incident (pages outside Slack): trigger, acknowledge, resolve in order, apart from Slack and other pagers. */
export const pagerLane = (pager: string, incidentId: number): string => `pager:${pager}:incident:${incidentId}`;

function defaultLane(incidentId: number | null, kind: EffectKind): string {
  if (incidentId === null) return 'global';
  return EFFECT_CLASS[kind] === 'chatter' ? chatterLane(incidentId) : incidentLane(incidentId);
}

/** An identical effect already queued and not yet started: it will render what this one would. Raw SQL: see ingestQueries.ts. */
function alreadyQueued(tx: Executor, lane: string, kind: EffectKind, payload: unknown): boolean {
  const query = statementOnce(tx, 'effects.alreadyQueued', "select id from effects where lane = ? and status = 'pending' and kind = ? and payload = ?");
  return query.get(lane, kind, JSON.stringify(payload)) !== undefined;
}

/**
 * Record an intent inside the caller's transaction: it exists exactly when the change does. Every
 * alert of a storm may queue one, so the insert is SQL run on the connection (see
 * ingestQueries.ts), in drizzle's encoding: the payload as JSON text, times in milliseconds.
 */
export function enqueueEffect<K extends EffectKind>(
  tx: Executor,
  incidentId: number | null,
  kind: K,
  payload: EffectPayloads[K],
  now: Date,
  lane: string = defaultLane(incidentId, kind),
): void {
  if (COALESCED_KINDS.has(kind) && alreadyQueued(tx, lane, kind, payload)) return;
  const insert = statementOnce(
    tx,
    'effects.enqueue',
    // Due at once (next_attempt_at 0): delivery retries run on real time, not the (possibly moved) domain clock.
    'insert into effects (lane, incident_id, kind, payload, priority, next_attempt_at, created_at, request_id) values (?, ?, ?, ?, ?, 0, ?, ?)',
  );
  const requestId = currentRequest()?.requestId ?? null;
  insert.run(lane, incidentId, kind, JSON.stringify(payload), PRIORITY[EFFECT_CLASS[kind]], now.getTime(), requestId);
}

/** The oldest undelivered effect of a lane: the only one of it that may run. */
export interface LaneHead {
  id: number;
  lane: string;
  kind: string;
  incidentId: number | null;
  priority: number;
  nextAttemptAt: number;
  /** A chatter head whose incident's channel, summary or checklist is still being set up. */
  waitingForSetup: boolean;
}

/**
 * Every lane's head, most urgent first: one query over the index of undelivered effects, so a
 * worker pass costs the same whether a week of delivered effects sits beside the queue or not.
 */
export function laneHeads(db: Db): LaneHead[] {
  const rows = statementOnce<Omit<LaneHead, 'waitingForSetup'> & { waitingForSetup: number }>(db, 'effects.laneHeads', LANE_HEADS).all();
  return rows.map((head) => ({ ...head, waitingForSetup: head.waitingForSetup === 1 }));
}

// The heads as a grouped subquery joined back to effects, not `where e.id in (select min(id) ...)`:
// the IN form cost about 150 µs a run even with nothing pending (on a storm's database of 160
// effects), the join 8 µs, and a worker looks at the heads up to fifty times a second in a storm.
const LANE_HEADS = `
  select e.id, e.lane, e.kind, e.incident_id as incidentId, e.priority, e.next_attempt_at as nextAttemptAt,
    (e.priority > 0 and e.incident_id is not null and exists (
      -- the incident's core lane, spelt as incidentLane() spells it, so the lane index serves it
      select 1 from effects s
      where s.lane = 'incident:' || e.incident_id and s.status in ('pending', 'in_flight') and s.kind in (${SETUP_KINDS.map((k) => `'${k}'`).join(', ')})
    )) as waitingForSetup
  from (select min(id) as id from effects where status in ('pending', 'in_flight') group by lane) head
  join effects e on e.id = head.id
  order by e.priority, e.id`;

/** The effects of these ids, in the order given. One id (the usual case) runs a prepared look-up. */
export function effectsById(db: Db, ids: number[]): EffectRow[] {
  if (ids.length === 0) return [];
  if (ids.length === 1) {
    const one = preparedOnce(db, 'effects.byId', (handle) =>
      handle.select().from(effects).where(eq(effects.id, sql.placeholder('id'))).prepare(),
    ).get({ id: ids[0] });
    return one ? [one] : [];
  }
  const rows = db.select().from(effects).where(inArray(effects.id, ids)).all();
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => byId.get(id)).filter((row): row is EffectRow => row !== undefined);
}

/**
 * Mark an effect as possibly reaching Slack before calling it. If the process dies mid-call the
 * row stays in_flight, and the next attempt first checks whether Slack already has it.
 */
export function markInFlight(db: Executor, id: number): void {
  preparedOnce(db, 'effects.markInFlight', (handle) =>
    handle
      .update(effects)
      .set({ status: 'in_flight', attempts: sql`${effects.attempts} + 1` })
      .where(eq(effects.id, sql.placeholder('id')))
      .prepare(),
  ).run({ id });
}

export function markDone(db: Executor, id: number, now: Date, result?: Record<string, unknown>): void {
  preparedOnce(db, 'effects.markDone', (handle) =>
    handle
      .update(effects)
      // Placeholders inside raw SQL are bound as they are: milliseconds, and the JSON text. Without
      // a result of its own, the effect keeps what an earlier attempt recorded.
      .set({
        status: 'done',
        doneAt: sql`${sql.placeholder('doneAt')}`,
        lastError: null,
        result: sql`coalesce(${sql.placeholder('result')}, ${effects.result})`,
      })
      .where(eq(effects.id, sql.placeholder('id')))
      .prepare(),
  ).run({ id, doneAt: now.getTime(), result: result ? JSON.stringify(result) : null });
}

/**
 * Try again later. It stays in_flight: an effect may take several Slack calls (post, then pin;
 * a DM to each member of a group), and the failed attempt may have got some of them through, so
 * the next attempt checks what Slack already has before doing anything again.
 */
export function markRetry(db: Executor, id: number, nextAttemptAt: Date, error: string): void {
  db.update(effects)
    .set({ status: 'in_flight', nextAttemptAt, lastError: error })
    .where(eq(effects.id, id))
    .run();
}

// The error recorded for a 429: retryBackedOffNow leaves those to the wait Slack asked for.
const RATE_LIMITED = 'rate limited';
export const rateLimitedError = (retryAfterMs?: number): string =>
  retryAfterMs === undefined ? RATE_LIMITED : `${RATE_LIMITED}, retry after ${retryAfterMs} ms`;

/** Effects waiting out a backoff for a temporary failure become due now; returns how many. */
export function retryBackedOffNow(db: Executor, now: Date): number {
  return db
    .update(effects)
    .set({ nextAttemptAt: now })
    .where(
      and(
        eq(effects.status, 'in_flight'),
        sql`${effects.nextAttemptAt} > ${now.getTime()}`,
        sql`coalesce(${effects.lastError}, '') not like ${RATE_LIMITED + '%'}`,
      ),
    )
    .run().changes;
}

/** Give up on one effect (a permanent Slack error); the lane moves on. */
export function markDead(db: Executor, id: number, now: Date, error: string): void {
  db.update(effects).set({ status: 'dead', doneAt: now, lastError: error }).where(eq(effects.id, id)).run();
}

export function countUndelivered(db: Db): number {
  const row = preparedOnce(db, 'effects.countUndelivered', (handle) =>
    handle
      .select({ n: sql<number>`count(*)` })
      .from(effects)
      .where(inArray(effects.status, ['pending', 'in_flight']))
      .prepare(),
  ).get();
  return row?.n ?? 0;
}

/** The result a lane's latest delivered effect of a kind left behind (the digest's high-water mark). */
export function lastResultOf(db: Db, lane: string, kind: EffectKind): Record<string, unknown> | undefined {
  const row = db
    .select({ result: effects.result })
    .from(effects)
    .where(and(eq(effects.lane, lane), eq(effects.kind, kind), eq(effects.status, 'done')))
    .orderBy(sql`${effects.id} desc`)
    .get();
  return row?.result ?? undefined;
}

/** Forget delivered effects older than `before`: the timeline is the record, the outbox only a queue. */
export function pruneDeliveredEffects(db: Db, before: Date): number {
  return db
    .delete(effects)
    .where(and(inArray(effects.status, ['done', 'dead']), lte(effects.doneAt, before)))
    .run().changes;
}
