import Database from 'better-sqlite3';
import type { Db, Executor } from './executor.js';
import { currentRequest, withRequest, type RequestContext } from '../shared/requestContext.js';
import { WalSync, type SyncFile } from './walSync.js';

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
  /** How the WAL is synced: fs.fdatasync unless a test says otherwise. */
  syncFile?: SyncFile;
}

/** The batch was committed but could not be made durable (the WAL's fsync failed): the sender should retry. */
export class BatchNotDurable extends Error {
  constructor(cause: unknown) {
    super(`the batch could not be made durable: ${(cause as Error).message ?? String(cause)}`, { cause });
  }
}

/**
 * Group commit. Work submitted while the event loop is busy (requests that arrive while a
 * transaction is being written) runs in the next turn inside ONE transaction, each piece in its
 * own savepoint, so the fsync of `synchronous = FULL` is paid per batch instead of per alert.
 * Each promise settles only after the commit that holds its work is on disk: a 202 still means
 * stored. The fsync itself runs off the event loop (src/db/walSync.ts), so requests are read and
 * validated while the previous batch is being made durable.
 *
 * A piece that throws an error of its own (a rule refusing it) is rolled back alone. A storage
 * error (SQLite's own) aborts the whole batch: every piece is rejected and none is stored, since
 * after a failed write the rest of the transaction cannot be trusted.
 */
export class GroupCommit {
  private queue: Job[] = [];
  private scheduled = false;
  private paused = false;
  /** A committed batch's fsync is under way: the next batch forms meanwhile and commits after it. */
  private syncing = false;
  /** Sizes of recent batches, newest last (tests and benchmarks read it). */
  readonly recentBatchSizes: number[] = [];
  private readonly walSync: WalSync | undefined;
  // The batch's own commit skips SQLite's fsync; walSync does it off the event loop instead.
  private readonly relaxed: Database.Statement | undefined;
  private readonly strict: Database.Statement | undefined;

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
    this.walSync = WalSync.of(sqlite, options.syncFile);
    if (this.walSync) {
      this.relaxed = sqlite.prepare('PRAGMA synchronous = NORMAL');
      this.strict = sqlite.prepare('PRAGMA synchronous = FULL');
    }
  }

  /** Stop syncing (the database is closing); batches already committed still settle. */
  close(): void {
    this.walSync?.close();
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
    if (this.scheduled || this.paused || this.syncing) return;
    this.scheduled = true;
    // setImmediate runs after the poll phase, so every request already read in this turn joins.
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.scheduled = false;
    if (this.paused) return;
    const batch = this.queue.splice(0, this.maxBatch);
    if (batch.length === 0) return;
    // Without an fsync to wait for, work beyond maxBatch goes in the next turn's batch.
    if (!this.walSync && this.queue.length > 0) this.schedule();
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
    this.relaxed?.run();
    try {
      whole.immediate();
    } catch (error) {
      const failure = new BatchNotStored(error);
      for (const job of batch) job.reject(failure);
      if (this.queue.length > 0) this.schedule();
      return;
    } finally {
      // Every other transaction on this connection keeps FULL.
      this.strict?.run();
    }
    this.onBatch(batch.length);
    const settle = () => {
      this.afterCommit();
      batch.forEach((job, i) => {
        const outcome = outcomes[i]!;
        if (outcome.ok) job.resolve(outcome.value);
        else job.reject(outcome.error);
      });
    };
    if (!this.walSync) return settle();
    // Requests that arrive during the fsync wait for it and go in one batch afterwards: they could
    // not be answered sooner anyway, and one commit of many costs less than many commits of few.
    this.syncing = true;
    const next = () => {
      this.syncing = false;
      if (this.queue.length > 0) this.schedule();
    };
    this.walSync.sync().then(
      () => {
        next();
        settle();
      },
      (error: unknown) => {
        next();
        const failure = new BatchNotDurable(error);
        for (const job of batch) job.reject(failure);
      },
    );
  }
}
