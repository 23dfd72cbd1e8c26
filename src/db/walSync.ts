import { closeSync, fdatasync, openSync } from 'node:fs';
import type Database from 'better-sqlite3';

export type SyncFile = (fd: number, done: (error: NodeJS.ErrnoException | null) => void) => void;

interface Waiter {
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Makes commits durable off the event loop. The group commit writes a batch with
 * `synchronous = NORMAL` (SQLite writes the WAL frames but does not fsync them) and then asks
 * for `sync()`: an `fdatasync` of the WAL file on libuv's thread pool. Its promise settles only
 * after a sync that STARTED after the call, so what was committed before is on disk, exactly as
 * `synchronous = FULL` would have ensured, but the event loop reads and validates the next
 * requests meanwhile instead of blocking in the fsync. Syncs asked for while one runs share the
 * next one: one fsync per round, whatever the number of batches.
 *
 * Why this is sound: the WAL is appended in order and is the same file (inode) for as long as
 * this connection is open (SQLite restarts it from the top after a checkpoint but never removes it
 * while a connection holds the database), and fdatasync through any descriptor flushes the file.
 * Every other transaction on the connection still commits with FULL, and each of those syncs
 * everything written before it too.
 */
export class WalSync {
  private fd: number | undefined;
  private running = false;
  private waiting: Waiter[] = [];
  private closed = false;

  private constructor(
    private readonly walPath: string,
    private readonly syncFile: SyncFile,
  ) {}

  /**
   * The WAL of a file database in WAL mode; undefined for one without (in-memory, rollback
   * journal): it keeps synchronous commits. `syncFile` is fs.fdatasync (tests pass their own).
   */
  static of(sqlite: Database.Database, syncFile: SyncFile = fdatasync): WalSync | undefined {
    if (sqlite.memory) return undefined;
    const mode = sqlite.pragma('journal_mode', { simple: true });
    return mode === 'wal' ? new WalSync(`${sqlite.name}-wal`, syncFile) : undefined;
  }

  /** Resolves once everything committed before this call is on disk; rejects if the sync failed. */
  sync(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      if (!this.running) this.start();
    });
  }

  /** No more syncs; the descriptor is closed now, or when the sync in progress ends. */
  close(): void {
    this.closed = true;
    if (!this.running) this.release();
  }

  private release(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  private start(): void {
    const round = this.waiting;
    this.waiting = [];
    if (round.length === 0) return;
    let fd: number;
    try {
      if (this.closed) throw new Error('the database is closed');
      // Opened at the first sync: the WAL exists once the connection has written a commit to it.
      fd = this.fd ??= openSync(this.walPath, 'r');
    } catch (error) {
      for (const waiter of round) waiter.reject(error);
      return;
    }
    this.running = true;
    this.syncFile(fd, (error) => {
      this.running = false;
      if (this.closed) this.release();
      for (const waiter of round) {
        if (error) waiter.reject(error);
        else waiter.resolve();
      }
      if (this.waiting.length > 0) this.start();
    });
  }
}
