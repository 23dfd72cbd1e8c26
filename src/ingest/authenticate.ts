import { createHash, timingSafeEqual } from 'node:crypto';
import type { Source, SourceKind } from '../config/policy.js';

const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

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
    if (timingSafeEqual(presented, digest(source.token)) && source.kind === kind) found = source;
  }
  return found;
}

/** The configured source whose bearer token this is, for this kind of webhook; compared in constant time. */
export function sourceForToken(sources: readonly Source[], kind: SourceKind, authorization: string | undefined): Source | undefined {
  return sourceForPresentedToken(sources, kind, bearerToken(authorization));
}
