import { createHash, timingSafeEqual } from 'node:crypto';
import type { Source, SourceKind } from '../config/policy.js';

const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

// Each source's token digested once, not on every request: a storm authenticates thousands a second.
const tokenDigests = new WeakMap<Source, Buffer>();
function tokenDigest(source: Source): Buffer {
  let known = tokenDigests.get(source);
  if (!known) {
    known = digest(source.token);
    tokenDigests.set(source, known);
  }
  return known;
}

/** The token of an `Authorization: Bearer <token>` header, if it is one. */
export function bearerToken(authorization: string | undefined): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
}

/**
 * The configured source of this kind whose token was presented (a bearer header's, or a field of
 * the body, like PagerDuty's routing_key); compared in constant time.
 */
export function sourceForPresentedToken(sources: readonly Source[], kind: SourceKind, token: string | undefined): Source | undefined {
  if (token === undefined) return undefined;
  const presented = digest(token);
  let found: Source | undefined;
  // Compare against every source so timing does not reveal which one matched.
  for (const source of sources) {
    if (timingSafeEqual(presented, tokenDigest(source)) && source.kind === kind) found = source;
  }
  return found;
}

/** The configured source whose bearer token this is, for this kind of webhook; compared in constant time. */
export function sourceForToken(sources: readonly Source[], kind: SourceKind, authorization: string | undefined): Source | undefined {
  return sourceForPresentedToken(sources, kind, bearerToken(authorization));
}
