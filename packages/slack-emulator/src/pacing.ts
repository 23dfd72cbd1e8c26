/** Slack's pace, for benchmarks: a network delay per call and a per-channel limit on chat.postMessage. */

export interface RateLimitOptions {
  /** Sustained chat.postMessage calls allowed per channel per second (Slack: 1). */
  postMessagePerChannelPerSecond: number;
  /** Calls a quiet channel may take at once before the pace applies (Slack allows "short bursts"). Default 1. */
  burst?: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * A token bucket per channel: `burst` tokens, refilled at `perSecond`. `take` spends one token, or
 * says how many whole seconds to wait (what Slack puts in Retry-After, never less than 1).
 */
export class ChannelRateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perSecond: number;
  private readonly burst: number;

  constructor(
    options: RateLimitOptions,
    private readonly now: () => number = () => performance.now(),
  ) {
    if (!(options.postMessagePerChannelPerSecond > 0)) throw new Error('rateLimit.postMessagePerChannelPerSecond must be positive');
    this.perSecond = options.postMessagePerChannelPerSecond;
    this.burst = Math.max(1, options.burst ?? 1);
  }

  /** 0 when the call may go ahead (a token is spent), else the Retry-After in seconds. */
  take(channel: string): number {
    const now = this.now();
    const bucket = this.buckets.get(channel) ?? { tokens: this.burst, at: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.perSecond);
    bucket.at = now;
    this.buckets.set(channel, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.perSecond));
  }

  reset(): void {
    this.buckets.clear();
  }
}
