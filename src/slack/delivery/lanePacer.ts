/**
 * Slack allows about one message a second per channel. Chatter (notices, the digest) keeps to
 * that by pacing its lane instead of being answered 429; the alert digest is edited at most once
 * every few seconds. Core effects are not paced: they are few, and a page must not wait.
 * In memory on purpose: after a restart the worst case is one early message.
 */
export const CHATTER_SPACING_MS = 1_000;
export const DIGEST_SPACING_MS = 5_000;

export class LanePacer {
  private readonly lastAt = new Map<string, number>();
  private readonly lastDigestAt = new Map<string, number>();
  /** The earliest time the head of this lane, of this kind, may be delivered. */
  notBefore(lane: string, kind: string): number {
    const spaced = (this.lastAt.get(lane) ?? -Infinity) + CHATTER_SPACING_MS;
    const digest = kind === 'alerts.digest' ? (this.lastDigestAt.get(lane) ?? -Infinity) + DIGEST_SPACING_MS : -Infinity;
    return Math.max(spaced, digest);
  }

  delivered(lane: string, kind: string, at: number): void {
    this.lastAt.set(lane, at);
    if (kind === 'alerts.digest') this.lastDigestAt.set(lane, at);
  }
}
