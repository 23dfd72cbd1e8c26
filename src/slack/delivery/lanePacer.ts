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

interface Bucket {
  tokens: number;
  at: number;
}

export class LanePacer {
  private readonly buckets = new Map<string, Bucket>();
  private readonly lastDigestAt = new Map<string, number>();

  private tokensAt(lane: string, now: number): Bucket {
    const bucket = this.buckets.get(lane);
    if (!bucket) return { tokens: CHATTER_BURST, at: now };
    return { tokens: Math.min(CHATTER_BURST, bucket.tokens + (now - bucket.at) / CHATTER_SPACING_MS), at: now };
  }

  /** The earliest time the head of this lane, of this kind, may be delivered (at or before `now`: at once). */
  notBefore(lane: string, kind: string, now: number): number {
    const { tokens } = this.tokensAt(lane, now);
    const spaced = tokens >= 1 ? now : now + (1 - tokens) * CHATTER_SPACING_MS;
    const digest = kind === 'alerts.digest' ? (this.lastDigestAt.get(lane) ?? -Infinity) + DIGEST_SPACING_MS : -Infinity;
    return Math.max(spaced, digest);
  }

  delivered(lane: string, kind: string, at: number): void {
    const bucket = this.tokensAt(lane, at);
    this.buckets.set(lane, { tokens: Math.max(0, bucket.tokens - 1), at });
    if (kind === 'alerts.digest') this.lastDigestAt.set(lane, at);
  }
}
