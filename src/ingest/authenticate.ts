import { createHash, timingSafeEqual } from 'node:crypto';
import type { Source, SourceKind } from '../config/policy.js';

const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

/** The configured source whose token this is, for this kind of webhook; compared in constant time. */
export function sourceForToken(sources: readonly Source[], kind: SourceKind, authorization: string | undefined): Source | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  if (!match) return undefined;
  const presented = digest(match[1]!);
  let found: Source | undefined;
  // Compare against every source so timing does not reveal which one matched.
  for (const source of sources) {
    if (timingSafeEqual(presented, digest(source.token)) && source.kind === kind) found = source;
  }
  return found;
}
