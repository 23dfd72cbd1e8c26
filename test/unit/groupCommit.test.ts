import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openStore, type Store } from '../../src/db/connection.js';
import { BatchNotStored, GroupCommit } from '../../src/db/groupCommit.js';
import { incidents } from '../../src/db/schema/index.js';

// A real SQLite file: group commit is about what is durable when, so nothing here is mocked.
describe('group commit', () => {
  let dir: string;
  let store: Store;
  let commits: GroupCommit;
  let afterCommitCalls: number;

  const insertIncident = (title: string) => (tx: Parameters<Parameters<GroupCommit['submit']>[0]>[0]) =>
    tx
      .insert(incidents)
      .values({ title, severity: 'SEV3', category: 'data', status: 'triggered', declaredBy: 'test', declaredAt: new Date(), updatedAt: new Date(), escalationPolicy: {} })
      .returning({ id: incidents.id })
      .get().id;
  const titles = () => store.db.all<{ title: string }>(sql`select title from incidents order by id`).map((r) => r.title);

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'vigil-group-commit-'));
    store = openStore(path.join(dir, 'vigil.db'));
    afterCommitCalls = 0;
    commits = new GroupCommit(store.sqlite, store.db, () => (afterCommitCalls += 1));
  });

  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('commits work submitted in the same turn together, and settles each only once it is stored', async () => {
    const pending = ['a', 'b', 'c'].map((t) => commits.submit(insertIncident(t)));
    // Nothing is written, let alone answered, before the batch's commit.
    expect(titles()).toEqual([]);
    const ids = await Promise.all(pending);
    expect(ids).toHaveLength(3);
    expect(titles()).toEqual(['a', 'b', 'c']);
    expect(commits.recentBatchSizes).toEqual([3]);
    expect(afterCommitCalls).toBe(1);
  });

  it('a piece refused by its own rule is rolled back alone; the rest of its batch is stored', async () => {
    const results = await Promise.allSettled([
      commits.submit(insertIncident('kept-1')),
      commits.submit((tx) => {
        insertIncident('refused')(tx);
        throw new Error('a rule said no');
      }),
      commits.submit(insertIncident('kept-2')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(titles()).toEqual(['kept-1', 'kept-2']);
  });

  it('a storage failure rejects every piece of the batch and stores none of it', async () => {
    // A trigger makes SQLite itself fail one write, as a full disk or an I/O error would.
    store.sqlite.exec(`create trigger poison before insert on incidents when new.title = 'poison' begin select raise(abort, 'disk I/O error'); end`);
    const results = await Promise.allSettled(['before', 'poison', 'after'].map((t) => commits.submit(insertIncident(t))));
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    for (const r of results) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(BatchNotStored);
    expect(titles()).toEqual([]);
    expect(afterCommitCalls).toBe(0);
    // The next batch is unaffected.
    await commits.submit(insertIncident('later'));
    expect(titles()).toEqual(['later']);
  });

  it('work submitted while a batch is committing goes into the next batch', async () => {
    let second: Promise<number> | undefined;
    const first = commits.submit((tx) => {
      // Submitted from inside the running batch, as a request read during a commit would be.
      second = commits.submit(insertIncident('second'));
      return insertIncident('first')(tx);
    });
    await first;
    await second;
    expect(titles()).toEqual(['first', 'second']);
    expect(commits.recentBatchSizes).toEqual([1, 1]);
  });
});
