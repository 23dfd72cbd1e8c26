import { createHmac, timingSafeEqual } from 'node:crypto';

// How Vigil signs a request to an operator's hook, in the manner of Slack's request signing: an
// HMAC-SHA256, keyed with the action's secret, of "v1:<unix seconds>:<body>". The timestamp is
// signed too, so a receiver can refuse an old request replayed later.

export const SIGNATURE_VERSION = 'v1';

export const HOOK_HEADERS = {
  timestamp: 'X-Vigil-Timestamp',
  signature: 'X-Vigil-Signature',
  idempotencyKey: 'Idempotency-Key',
} as const;

/** `v1=<hex>` for this body at this time. */
export function hookSignature(secret: string, timestampSeconds: number, body: string): string {
  const hmac = createHmac('sha256', secret).update(`${SIGNATURE_VERSION}:${timestampSeconds}:${body}`).digest('hex');
  return `${SIGNATURE_VERSION}=${hmac}`;
}

/** The headers of one attempt: signed afresh each time, always with the action's own key. */
export function signedHookHeaders(secret: string, body: string, idempotencyKey: string, now: Date): Record<string, string> {
  const timestamp = Math.floor(now.getTime() / 1000);
  return {
    'content-type': 'application/json',
    [HOOK_HEADERS.timestamp]: String(timestamp),
    [HOOK_HEADERS.signature]: hookSignature(secret, timestamp, body),
    [HOOK_HEADERS.idempotencyKey]: idempotencyKey,
  };
}

/**
 * What a receiver does (the README's example receiver, and the tests): recompute and compare in
 * constant time, refusing a timestamp further than `toleranceSeconds` from now.
 */
export function verifyHookSignature(secret: string, headers: { timestamp: string | undefined; signature: string | undefined }, body: string, now: Date, toleranceSeconds = 300): boolean {
  const timestamp = Number(headers.timestamp);
  if (!Number.isInteger(timestamp) || Math.abs(now.getTime() / 1000 - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(hookSignature(secret, timestamp, body));
  const given = Buffer.from(headers.signature ?? '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
