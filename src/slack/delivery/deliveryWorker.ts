import type { Executor } from '../../db/executor.js';
import { withRequest } from '../../shared/requestContext.js';
import type { EffectRow } from '../../db/schema/index.js';
import {
  countUndelivered,
  effectsById,
  laneHeads,
  markDead,
  markDone,
  markInFlight,
  markRetry,
  rateLimitedError,
  retryBackedOffNow,
  type LaneHead,
} from '../../effects/outbox.js';
import { effectClassOf } from '../../effects/effectClasses.js';
import { parseEffect } from '../../effects/effectSchemas.js';
import type { DeliveryContext } from './deliveryContext.js';
import { runHandler } from './handlers.js';
import { LanePacer, type Pacing } from './lanePacer.js';
import { judgeFailure, type FailureVerdict } from './slackErrors.js';

export interface DeliveryWorkerOptions {
  /** Lanes worked at once; one lane is always one effect at a time. */
  concurrency?: number;
  /**
   * Give up on an effect that keeps failing for a reason that may pass (Slack down, 5xx, 429)
   * after this many attempts. The default, at the 30 s backoff cap, is about a day: an outage
   * of an hour must not leave pages and summaries given up.
   */
  maxAttempts?: number;
  /** Longest sleep between looks at the queue when nothing is due sooner. */
  pollMs?: number;
  /** Chatter's pace; Slack's unless a test that is not about pacing asks for a faster one. */
  pacing?: Pacing;
  /**
   * The least time between two looks at the queue when kicked (KICK_SPACING_MS unless told). A
   * test whose story is not a storm sets it lower: an incident's opening is a dozen effects, one
   * after the other in one lane, and each waits for a look.
   */
  kickSpacingMs?: number;
  /**
   * Backoff waits (1 s, 2 s ... 30 s) are multiplied by this, 1 unless told. A test whose story
   * is a retry, not its wait in seconds, sets it lower. Slack's Retry-After is honoured as sent.
   */
  backoffScale?: number;
  /** Told of every delivered effect and every failed attempt (the metrics). */
  observer?: DeliveryObserver;
}

/** What the worker reports as it goes, for whoever counts (src/metrics/). */
export interface DeliveryObserver {
  delivered(effect: { kind: string; payload: Record<string, unknown> }): void;
  deliveryFailed(kind: string, verdict: FailureVerdict['kind']): void;
}

const KICK_SPACING_MS = 20;
// Capped low: after an outage the backlog must reach Slack within a minute of its return.
const MAX_BACKOFF_MS = 30_000;

/** 1s, 2s, 4s ... capped at 30 s, with jitter so a Slack outage does not end in a stampede. */
export function backoffMs(attempts: number): number {
  const base = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.max(0, attempts - 1));
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

/**
 * Drains the outbox into Slack: the oldest effect of each lane, lanes in parallel, core lanes
 * (pages, summary) before chatter lanes (notices, digests), chatter paced to Slack's one message
 * a second per channel, retries on real time (Retry-After honoured), and at-most-once posting
 * across crashes (see postOnce). Between passes it sleeps until the earliest head that can run.
 */
export class DeliveryWorker {
  /** Lanes with an effect under way, and whether each is a chatter lane. */
  private readonly busyLanes = new Map<string, boolean>();
  private readonly running = new Set<Promise<void>>();
  private readonly pacer: LanePacer;
  private timer: NodeJS.Timeout | undefined;
  private stopped = true;
  private passQueued = false;
  /** Callers of idle() waiting to look again. */
  private readonly idleWaiters = new Set<() => void>();
  private lastPassAt = 0;
  /** A call failed for a reason that may pass; the next success pulls waiting retries forward. */
  private slackFailing = false;
  private readonly concurrency: number;
  private readonly maxAttempts: number;
  private readonly pollMs: number;
  private readonly kickSpacingMs: number;
  private readonly backoffScale: number;
  private readonly observer: DeliveryObserver | undefined;
  /** Passes made; the backoff test reads it to prove the worker sleeps while nothing can run. */
  passes = 0;

  constructor(
    private readonly ctx: DeliveryContext,
    options: DeliveryWorkerOptions = {},
  ) {
    this.concurrency = options.concurrency ?? 4;
    this.maxAttempts = options.maxAttempts ?? 2_900;
    this.pollMs = options.pollMs ?? 5_000;
    this.kickSpacingMs = options.kickSpacingMs ?? KICK_SPACING_MS;
    this.backoffScale = options.backoffScale ?? 1;
    this.pacer = new LanePacer(options.pacing);
    this.observer = options.observer;
  }

  start(): void {
    this.stopped = false;
    this.kick();
  }

  /**
   * New effects were queued, or a delivery ended: look soon instead of at the next wake-up. In a
   * storm commits come every few milliseconds; one look per kickSpacingMs serves them all, and
   * a page waits at most that long.
   */
  kick(): void {
    if (this.stopped || this.passQueued) return;
    this.passQueued = true;
    const wait = Math.max(0, this.lastPassAt + this.kickSpacingMs - Date.now());
    const look = () => {
      this.passQueued = false;
      this.pass();
    };
    if (wait === 0) setImmediate(look);
    else setTimeout(look, wait).unref();
  }

  /** Stop taking work and wait for calls under way (bounded by the client's timeout). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await Promise.allSettled([...this.running]);
  }

  /** Resolves once nothing is left to deliver or in progress (tests and graceful shutdown). */
  async idle(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.running.size > 0 || countUndelivered(this.ctx.db) > 0) {
      if (Date.now() > deadline) throw new Error(`delivery not idle after ${timeoutMs} ms (${countUndelivered(this.ctx.db)} undelivered)`);
      // Looked at again when a delivery ends, and every 10 ms for what waits out a backoff or a pace.
      await new Promise<void>((resolve) => {
        const look = () => {
          this.idleWaiters.delete(look);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(look, 10);
        this.idleWaiters.add(look);
      });
    }
  }

  private pass(): void {
    if (this.stopped) return;
    this.passes += 1;
    this.lastPassAt = Date.now();
    let wakeAt = Date.now() + this.pollMs;
    try {
      const now = Date.now();
      const { runnable, nextAt } = this.choose(laneHeads(this.ctx.db), now);
      wakeAt = Math.min(wakeAt, nextAt);
      for (const effect of effectsById(this.ctx.db, runnable.map((head) => head.id))) this.launch(effect);
    } catch (error) {
      // The store is busy or failing: look again shortly rather than end the process.
      this.ctx.logger.error('delivery: could not read the queue', { error: (error as Error).message });
      wakeAt = Date.now() + 1000;
    }
    this.sleepUntil(wakeAt);
  }

  /**
   * Which lane heads run now, most urgent first, and when the earliest of the others can. One
   * slot is kept for core lanes, so a page never waits for chatter to free one.
   */
  private choose(heads: LaneHead[], now: number): { runnable: LaneHead[]; nextAt: number } {
    const runnable: LaneHead[] = [];
    let nextAt = Infinity;
    let free = this.concurrency - this.busyLanes.size;
    let chatterFree = this.concurrency - 1 - [...this.busyLanes.values()].filter(Boolean).length;
    for (const head of heads) {
      // A busy lane's end kicks a new pass; so does the end of the set-up a chatter head waits for.
      if (this.busyLanes.has(head.lane) || head.waitingForSetup) continue;
      const chatter = effectClassOf(head.kind) === 'chatter';
      const readyAt = Math.max(head.nextAttemptAt, chatter ? this.pacer.notBefore(head.lane, head.kind, now) : 0);
      if (readyAt > now || free === 0 || (chatter && chatterFree <= 0)) {
        nextAt = Math.min(nextAt, Math.max(readyAt, now));
        continue;
      }
      runnable.push(head);
      free -= 1;
      if (chatter) chatterFree -= 1;
    }
    return { runnable, nextAt };
  }

  private launch(effect: EffectRow): void {
    const chatter = effectClassOf(effect.kind) === 'chatter';
    this.busyLanes.set(effect.lane, chatter);
    // Delivered under the id of the request that queued it: one id from the webhook to Slack.
    const delivery = effect.requestId ? withRequest({ requestId: effect.requestId }, () => this.deliver(effect)) : this.deliver(effect);
    const run = delivery
      .catch((error: unknown) => {
        this.ctx.logger.error('delivery: could not record an attempt', { effectId: effect.id, error: (error as Error).message });
      })
      .finally(() => {
        if (chatter) this.pacer.delivered(effect.lane, effect.kind, Date.now());
        this.busyLanes.delete(effect.lane);
        this.running.delete(run);
        for (const look of this.idleWaiters) look();
        this.kick();
      });
    this.running.add(run);
  }

  /**
   * Slack answered again after failing: everything waiting out a backoff for a temporary
   * failure may run now, so a backlog reaches Slack within seconds of its return instead of
   * at each effect's own next try (up to the 30 s cap). Rate-limited effects keep their wait.
   */
  private async slackIsBack(): Promise<void> {
    this.slackFailing = false;
    const pulled = await this.write((db) => retryBackedOffNow(db, new Date()));
    if (pulled > 0) this.ctx.logger.info('delivery: Slack answers again; retrying what waited', { effects: pulled });
    this.kick();
  }

  private write<T>(work: (db: Executor) => T): Promise<T> {
    return this.ctx.commit ? this.ctx.commit(work) : Promise.resolve(work(this.ctx.db));
  }

  private sleepUntil(at: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.pass(), Math.max(0, at - Date.now()));
    this.timer.unref();
  }

  private async deliver(effect: EffectRow): Promise<void> {
    const recovering = effect.status === 'in_flight';
    const attempts = effect.attempts + 1;
    try {
      await this.write((db) => markInFlight(db, effect.id));
      // A row of a kind or payload this version does not accept fails here, for good (judgeFailure).
      const parsed = parseEffect(effect);
      const result = await runHandler({ effect: parsed, recovering }, this.ctx);
      await this.write((db) => markDone(db, effect.id, new Date(), result ?? undefined));
      this.observer?.delivered({ kind: parsed.kind, payload: parsed.payload as Record<string, unknown> });
      if (this.slackFailing) await this.slackIsBack();
    } catch (error) {
      const verdict = judgeFailure(error);
      this.observer?.deliveryFailed(effect.kind, verdict.kind);
      if (verdict.kind === 'transient' && !verdict.outsideSlack) this.slackFailing = true;
      const fields = { effectId: effect.id, kind: effect.kind, lane: effect.lane, attempts, verdict: verdict.kind };
      if (verdict.kind === 'permanent' || attempts >= this.maxAttempts) {
        const message = verdict.kind === 'rate_limited' ? rateLimitedError() : verdict.message;
        this.ctx.logger.error(`delivery: giving up on ${effect.kind}: ${message}`, fields);
        await this.write((db) => markDead(db, effect.id, new Date(), message));
        return;
      }
      const waitMs = verdict.kind === 'rate_limited' ? verdict.retryAfterMs : Math.round(backoffMs(attempts) * this.backoffScale);
      const message = verdict.kind === 'rate_limited' ? rateLimitedError(waitMs) : verdict.message;
      this.ctx.logger.warn(`delivery: ${effect.kind} failed, retrying in ${waitMs} ms: ${message}`, fields);
      await this.write((db) => markRetry(db, effect.id, new Date(Date.now() + waitMs), message));
    }
  }
}
