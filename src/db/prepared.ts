import type Database from 'better-sqlite3';
import type { Executor } from './executor.js';

const cache = new WeakMap<object, Map<string, unknown>>();

/**
 * What a handle runs its queries through. A database and every transaction drizzle opens on it
 * share one session (and one SQLite connection), so a query prepared inside one transaction
 * serves the next one and the database itself. drizzle keeps the field, and the session's
 * better-sqlite3 connection (`client`), out of its types.
 */
const sessionOf = (handle: Executor): { client: Database.Database } => (handle as unknown as { session: { client: Database.Database } }).session;

/**
 * A query built and prepared once per database, then run with placeholders. Building a drizzle
 * query (its SQL text, then SQLite's statement) costs several times running it, and the delivery
 * worker, the read model and an alert storm run the same few queries thousands of times. Measured
 * on four end-to-end test files: drizzle and SQLite were 28% of the CPU, most of it building the
 * same statements again.
 */
export function preparedOnce<T>(handle: Executor, name: string, build: (db: Executor) => T): T {
  const session = sessionOf(handle);
  let queries = cache.get(session);
  if (!queries) {
    queries = new Map();
    cache.set(session, queries);
  }
  let query = queries.get(name) as T | undefined;
  if (query === undefined) {
    query = build(handle);
    queries.set(name, query);
  }
  return query;
}

/**
 * A statement of fixed SQL text, prepared once per database: for a query drizzle's builder cannot
 * say, and for the few an alert storm runs for every alert, where drizzle's own work per call
 * (filling placeholders, encoding and mapping each value) cost as much as SQLite's.
 */
export function statementOnce<Row = unknown>(handle: Executor, name: string, text: string): Database.Statement<unknown[], Row> {
  // `Row` says what the SQL selects, as drizzle's sql<T> does: the statement cannot check it.
  return preparedOnce(handle, `raw:${name}`, () => sessionOf(handle).client.prepare<unknown[], Row>(text));
}
