import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/db/connection.js';
import { enqueueEffect, markRetry, rateLimitedError, retryBackedOffNow } from '../../src/effects/outbox.js';

describe('when Slack answers again, what waited out a backoff runs now', () => {
  let dir: string;
  let store: Store;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'vigil-retry-'));
    store = openStore(path.join(dir, 'vigil.db'));
  });

  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const nextAttempts = () =>
    store.sqlite.prepare('select id, next_attempt_at as at from effects order by id').all() as Array<{ id: number; at: number }>;

  it('pulls forward temporary failures, and leaves a 429 its Retry-After', () => {
    const now = new Date('2026-11-30T06:00:00Z');
    for (const userId of ['U1', 'U2', 'U3']) enqueueEffect(store.db, null, 'home.publish', { userId }, now, `user:${userId}`);
    const [a, b, c] = nextAttempts().map((row) => row.id);
    markRetry(store.db, a!, new Date(now.getTime() + 30_000), 'connect ECONNREFUSED 127.0.0.1:9');
    markRetry(store.db, b!, new Date(now.getTime() + 20_000), rateLimitedError(20_000));
    markRetry(store.db, c!, new Date(now.getTime() - 1_000), 'internal_error');

    expect(retryBackedOffNow(store.db, now)).toBe(1);
    const at = new Map(nextAttempts().map((row) => [row.id, row.at]));
    expect(at.get(a!)).toBe(now.getTime());
    expect(at.get(b!)).toBe(now.getTime() + 20_000);
    expect(at.get(c!)).toBe(now.getTime() - 1_000);
  });
});
