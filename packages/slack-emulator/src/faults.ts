/**
 * Faults: queued per method by tests (errors, 429s, HTTP statuses, calls that never answer or
 * answer late), and a seeded random mode where any call may fail the way a flaky Slack does.
 */
import type { Fault, FaultStats, RandomFaultKind, RandomFaultOptions } from './types.js';

interface Queued {
  fault: Fault;
  remaining: number;
}

/** Just past Vigil's 10 s Web API client timeout: the caller gives up before the answer comes. */
export const DEFAULT_LATE_MS = 11_000;
const ALL_KINDS: readonly RandomFaultKind[] = ['status500', 'rateLimited', 'late'];

/** mulberry32: a tiny seeded PRNG, uniform in [0, 1). Same seed, same sequence. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a, so each method gets its own stream of the seed. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Seeded random faults. Each method draws from its own stream, so the n-th call to
 * `chat.postMessage` meets the same fate in every run with the same seed, whatever the order
 * other methods are called in.
 */
class RandomFaults {
  private readonly streams = new Map<string, () => number>();
  private readonly methods: Set<string> | undefined;
  private readonly kinds: readonly RandomFaultKind[];
  private readonly lateMs: number;
  private readonly maxRetryAfter: number;

  constructor(private readonly opts: RandomFaultOptions) {
    if (!Number.isInteger(opts.seed)) throw new Error(`randomFaults: seed must be an integer, got ${opts.seed}`);
    if (!(opts.rate >= 0 && opts.rate <= 1)) throw new Error(`randomFaults: rate must be within [0, 1], got ${opts.rate}`);
    this.kinds = opts.kinds && opts.kinds.length > 0 ? opts.kinds : ALL_KINDS;
    for (const k of this.kinds) if (!ALL_KINDS.includes(k)) throw new Error(`randomFaults: unknown kind ${String(k)}`);
    this.methods = opts.methods ? new Set(opts.methods) : undefined;
    this.lateMs = opts.lateMs ?? DEFAULT_LATE_MS;
    this.maxRetryAfter = Math.max(1, Math.floor(opts.maxRetryAfterSeconds ?? 2));
  }

  take(method: string): { fault: Fault; kind: RandomFaultKind } | undefined {
    if (this.methods && !this.methods.has(method)) return undefined;
    let next = this.streams.get(method);
    if (!next) {
      next = mulberry32((this.opts.seed ^ hash(method)) >>> 0);
      this.streams.set(method, next);
    }
    // Three draws per call whatever happens, so one call's fate never shifts the next one's.
    const [hit, which, extra] = [next(), next(), next()];
    if (hit >= this.opts.rate) return undefined;
    const kind = this.kinds[Math.floor(which * this.kinds.length)]!;
    switch (kind) {
      case 'status500':
        return { kind, fault: { status: 500 } };
      case 'rateLimited':
        return { kind, fault: { rateLimited: 1 + Math.floor(extra * this.maxRetryAfter) } };
      case 'late':
        return { kind, fault: { late: this.lateMs } };
    }
  }
}

export class FaultQueue {
  private readonly byMethod = new Map<string, Queued[]>();
  private random: RandomFaults | undefined;
  private stats: FaultStats = emptyStats();

  add(method: string, fault: Fault, times = 1): void {
    if (!Number.isInteger(times) || times < 1) throw new Error(`injectFault: times must be a positive integer, got ${times}`);
    const q = this.byMethod.get(method) ?? [];
    q.push({ fault, remaining: times });
    this.byMethod.set(method, q);
  }

  /** From now on, calls fail at random (see RandomFaultOptions) until `heal()`. */
  randomize(opts: RandomFaultOptions): void {
    this.random = new RandomFaults(opts);
    this.stats = emptyStats();
  }

  /** The fault for this call to `method`: a queued one first (consumed), else a random one. */
  take(method: string): Fault | undefined {
    const q = this.byMethod.get(method);
    const head = q?.[0];
    if (q && head) {
      head.remaining -= 1;
      if (head.remaining <= 0) q.shift();
      return head.fault;
    }
    // Only Web API methods take random faults (not a response_url: that is not the Web API).
    if (!this.random || method === 'response_url') return undefined;
    this.stats.calls += 1;
    const drawn = this.random.take(method);
    if (!drawn) return undefined;
    this.stats.faults[drawn.kind] += 1;
    this.stats.byMethod[method] = (this.stats.byMethod[method] ?? 0) + 1;
    return drawn.fault;
  }

  /** Random faults drawn since the last `randomize`. */
  randomStats(): FaultStats {
    return { calls: this.stats.calls, faults: { ...this.stats.faults }, byMethod: { ...this.stats.byMethod } };
  }

  /** Slack is well again: no more random faults, and queued ones are dropped. Counts are kept. */
  heal(): void {
    this.random = undefined;
    this.byMethod.clear();
  }

  clear(): void {
    this.heal();
    this.stats = emptyStats();
  }
}

function emptyStats(): FaultStats {
  return { calls: 0, faults: { status500: 0, rateLimited: 0, late: 0 }, byMethod: {} };
}

export function describeFault(f: Fault): string {
  if ('error' in f) return `error ${f.error}`;
  if ('rateLimited' in f) return `429 Retry-After ${f.rateLimited}`;
  if ('hang' in f) return 'hang (effect applied, no answer)';
  if ('late' in f) return `late (effect applied, answer after ${f.late} ms)`;
  return `HTTP ${f.status}`;
}
