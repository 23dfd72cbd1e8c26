import type { EffectRow } from '../../db/schema/index.js';
import { countUndelivered, dueLaneHeads, markDead, markDone, markInFlight, markRetry, nextDueAt } from '../../effects/outbox.js';
import type { EffectKind } from '../../effects/effectKinds.js';
import type { DeliveryContext } from './deliveryContext.js';
import { EFFECT_HANDLERS } from './handlers.js';
import { judgeFailure } from './slackErrors.js';

export interface DeliveryWorkerOptions {
  /** Lanes worked at once; one lane is always one effect at a time. */
  concurrency?: number;
  /** Give up on an effect after this many attempts. */
  maxAttempts?: number;
  /** Longest sleep between looks at the queue when nothing is due sooner. */
  pollMs?: number;
}

const MAX_BACKOFF_MS = 5 * 60_000;

/** 1s, 2s, 4s ... capped at 5 min, with jitter so a Slack outage does not end in a stampede. */
export function backoffMs(attempts: number): number {
  const base = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.max(0, attempts - 1));
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

/**
 * Drains the outbox into Slack: the oldest effect of each lane, lanes in parallel, retries on
 * real time (Retry-After honoured), and at-most-once posting across crashes (see postOnce).
 */
export class DeliveryWorker {
  private readonly busyLanes = new Set<string>();
  private readonly running = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private stopped = true;
  private passQueued = false;
  private readonly concurrency: number;
  private readonly maxAttempts: number;
  private readonly pollMs: number;

  constructor(
    private readonly ctx: DeliveryContext,
    options: DeliveryWorkerOptions = {},
  ) {
    this.concurrency = options.concurrency ?? 4;
    this.maxAttempts = options.maxAttempts ?? 12;
    this.pollMs = options.pollMs ?? 1000;
  }

  start(): void {
    this.stopped = false;
    this.kick();
  }

  /** New effects were queued: look now instead of at the next poll. */
  kick(): void {
    if (this.stopped || this.passQueued) return;
    this.passQueued = true;
    setImmediate(() => {
      this.passQueued = false;
      this.pass();
    });
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
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  private pass(): void {
    if (this.stopped) return;
    const free = this.concurrency - this.busyLanes.size;
    if (free > 0) {
      for (const effect of dueLaneHeads(this.ctx.db, new Date(), this.busyLanes, free)) {
        this.busyLanes.add(effect.lane);
        const run = this.deliver(effect).finally(() => {
          this.busyLanes.delete(effect.lane);
          this.running.delete(run);
          this.kick();
        });
        this.running.add(run);
      }
    }
    this.scheduleNextLook();
  }

  private scheduleNextLook(): void {
    if (this.timer) clearTimeout(this.timer);
    const due = nextDueAt(this.ctx.db);
    const wait = due ? Math.max(0, Math.min(this.pollMs, due.getTime() - Date.now())) : this.pollMs;
    this.timer = setTimeout(() => this.pass(), wait);
    this.timer.unref();
  }

  private async deliver(effect: EffectRow): Promise<void> {
    const recovering = effect.status === 'in_flight';
    markInFlight(this.ctx.db, effect.id);
    const attempts = effect.attempts + 1;
    try {
      const handler = EFFECT_HANDLERS[effect.kind as EffectKind];
      if (!handler) throw new Error(`no handler for effect kind ${effect.kind}`);
      const result = await handler({ effect, recovering }, this.ctx);
      markDone(this.ctx.db, effect.id, new Date(), result ?? undefined);
    } catch (error) {
      const verdict = judgeFailure(error);
      const fields = { effectId: effect.id, kind: effect.kind, lane: effect.lane, attempts, verdict: verdict.kind };
      if (verdict.kind === 'permanent' || attempts >= this.maxAttempts) {
        const message = verdict.kind === 'rate_limited' ? 'rate limited' : verdict.message;
        this.ctx.logger.error(`delivery: giving up on ${effect.kind}: ${message}`, fields);
        markDead(this.ctx.db, effect.id, new Date(), message);
        return;
      }
      const waitMs = verdict.kind === 'rate_limited' ? verdict.retryAfterMs : backoffMs(attempts);
      const message = verdict.kind === 'rate_limited' ? `rate limited, retry after ${waitMs} ms` : verdict.message;
      this.ctx.logger.warn(`delivery: ${effect.kind} failed, retrying in ${waitMs} ms: ${message}`, fields);
      markRetry(this.ctx.db, effect.id, new Date(Date.now() + waitMs), message);
    }
  }
}
