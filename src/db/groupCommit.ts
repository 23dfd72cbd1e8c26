import Database from 'better-sqlite3';
import type { Db, Executor } from './executor.js';
import { currentRequest, withRequest, type RequestContext } from '../shared/requestContext.js';

interface Job {
  work: (tx: Executor) => unknown;
  /** The request that submitted it: its logs say so, though it runs in another's turn. */
  request: RequestContext | undefined;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** The batch's commit failed, so nothing of it was stored; each request of the batch gets this. */
export class BatchNotStored extends Error {
  constructor(cause: unknown) {
    super(`the batch could not be stored: ${(cause as Error).message ?? String(cause)}`, { cause });
  }
}

export interface GroupCommitOptions {
  /** Most pieces of work in one transaction (500). */
  maxBatch?: number;
  /** Told each batch's size once it is committed (the metrics' histogram). */
  onBatch?: (size: number) => void;
}

/**
 * Group commit. Work submitted while the event loop is busy (requests that arrive while a
 * transaction is being written) runs in the next turn inside ONE transaction, each piece in its
 * own savepoint, so the fsync of `synchronous = FULL` is paid per batch instead of per alert.
 * Each promise settles only after the commit that holds its work: a 202 still means stored.
 * The commit's fsync blocks the event loop, on purpose: requests arriving meanwhile wait in the
 * kernel and make the next batch, and the answers go out in the same turn as the commit. Syncing
 * on libuv's thread pool instead was measured slower on this 2-core machine under a storm (ratio
 * to bare node:http 0.36-0.42 against 0.54-0.55, CPU per alert 500-640 against 310-350 µs): the
 * pool thread's wake-up and the callback's wait for its turn cost more than the overlap gained.
 *
 * A piece that throws an error of its own (a rule refusing it) is rolled back alone. A storage
 * error (SQLite's own) aborts the whole batch: every piece is rejected and none is stored, since
 * after a failed write the rest of the transaction cannot be trusted.
 */
export class GroupCommit {
  private queue: Job[] = [];
  private scheduled = false;
  private paused = false;
  /** Sizes of recent batches, newest last (tests and benchmarks read it). */
  readonly recentBatchSizes: number[] = [];

  private readonly maxBatch: number;
  private readonly onBatch: (size: number) => void;

  constructor(
    private readonly sqlite: Database.Database,
    private readonly db: Db,
    private readonly afterCommit: () => void,
    options: GroupCommitOptions = {},
  ) {
    this.maxBatch = options.maxBatch ?? 500;
    this.onBatch = options.onBatch ?? (() => {});
  }

  submit<T>(work: (tx: Executor) => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, request: currentRequest(), resolve: resolve as (value: unknown) => void, reject });
      this.schedule();
    });
  }

  /** Work waiting for the next commit. */
  get queued(): number {
    return this.queue.length;
  }

  /**
   * Hold commits: submitted work waits, unanswered, until resume(). Tests use it to gather a
   * batch without depending on how fast a loaded machine delivers requests.
   */
  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    if (this.queue.length > 0) this.schedule();
  }

  private schedule(): void {
    if (this.scheduled || this.paused) return;
    this.scheduled = true;
    // setImmediate runs after the poll phase, so every request already read in this turn joins.
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.scheduled = false;
    if (this.paused) return;
    const batch = this.queue.splice(0, this.maxBatch);
    if (this.queue.length > 0) this.schedule();
    if (batch.length === 0) return;
    this.recentBatchSizes.push(batch.length);
    if (this.recentBatchSizes.length > 1000) this.recentBatchSizes.splice(0, 500);

    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    // better-sqlite3's own transaction functions: nested, they are savepoints, and their
    // statements are prepared once. The work runs on the drizzle handle of the same connection.
    const sqlite = this.sqlite;
    const piece = sqlite.transaction((job: Job) => (job.request ? withRequest(job.request, () => job.work(this.db)) : job.work(this.db)));
    const whole = sqlite.transaction(() => {
      for (const job of batch) {
        try {
          outcomes.push({ ok: true, value: piece(job) });
        } catch (error) {
          if (error instanceof Database.SqliteError) throw error;
          outcomes.push({ ok: false, error });
        }
      }
    });
    try {
      whole.immediate();
    } catch (error) {
      const failure = new BatchNotStored(error);
      for (const job of batch) job.reject(failure);
      return;
    }
    this.onBatch(batch.length);
    this.afterCommit();
    batch.forEach((job, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) job.resolve(outcome.value);
      else job.reject(outcome.error);
    });
  }
}
