import type { Executor } from './executor.js';

const cache = new WeakMap<Executor, Map<string, unknown>>();

/**
 * A query built and prepared once per database handle, then run with placeholders. Building a
 * drizzle query and preparing its statement costs several times running it, which matters on
 * the paths an alert storm runs thousands of times a second. A handle that is a short-lived
 * transaction object simply prepares again.
 */
export function preparedOnce<T>(handle: Executor, name: string, build: (db: Executor) => T): T {
  let queries = cache.get(handle);
  if (!queries) {
    queries = new Map();
    cache.set(handle, queries);
  }
  let query = queries.get(name) as T | undefined;
  if (query === undefined) {
    query = build(handle);
    queries.set(name, query);
  }
  return query;
}
