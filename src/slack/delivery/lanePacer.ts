/**
 * Slack allows about one message a second per channel, with short bursts. Chatter (notices, the
 * digest) keeps to that by pacing its lane instead of being answered 429: a bucket of
 * CHATTER_BURST messages, refilled one a second. The alert digest is edited at most every
 * DIGEST_SPACING_MS. Core effects are not paced: they are few, and a page must not wait.
 * In memory on purpose: after a restart the worst case is one early burst.
 */
export const CHATTER_SPACING_MS = 1_000;
export const CHATTER_BURST = 3;
export const DIGEST_SPACING_MS = 5_000;

/** How fast chatter may go: Slack's pace unless a test that is not about pacing asks for a faster one. */
export interface Pacing {
  /** One chatter message per lane per this many ms, once the burst is spent. */
  spacingMs: number;
  burst: number;
  /** The alert digest is edited at most this often. */
  digestSpacingMs: number;
}

export const SLACK_PACING: Pacing = { spacingMs: CHATTER_SPACING_MS, burst: CHATTER_BURST, digestSpacingMs: DIGEST_SPACING_MS };

interface Bucket {
  tokens: number;
  at: number;
}

export class LanePacer {
  private readonly buckets = new Map<string, Bucket>();
  private readonly lastDigestAt = new Map<string, number>();

  constructor(private readonly pacing: Pacing = SLACK_PACING) {}

  private tokensAt(lane: string, now: number): Bucket {
    const bucket = this.buckets.get(lane);
    if (!bucket) return { tokens: this.pacing.burst, at: now };
    return { tokens: Math.min(this.pacing.burst, bucket.tokens + (now - bucket.at) / this.pacing.spacingMs), at: now };
  }

  /** The earliest time the head of this lane, of this kind, may be delivered (at or before `now`: at once). */
  notBefore(lane: string, kind: string, now: number): number {
    const { tokens } = this.tokensAt(lane, now);
    const spaced = tokens >= 1 ? now : now + (1 - tokens) * this.pacing.spacingMs;
    const digest = kind === 'alerts.digest' ? (this.lastDigestAt.get(lane) ?? -Infinity) + this.pacing.digestSpacingMs : -Infinity;
    return Math.max(spaced, digest);
  }

  delivered(lane: string, kind: string, at: number): void {
    const bucket = this.tokensAt(lane, at);
    this.buckets.set(lane, { tokens: Math.max(0, bucket.tokens - 1), at });
    if (kind === 'alerts.digest') this.lastDigestAt.set(lane, at);
  }
}
