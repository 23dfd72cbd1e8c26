import type Database from 'better-sqlite3';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import type * as schema from './schema/index.js';
export type { Db } from './connection.js';

/** The database or a transaction in it: helpers that write take either. */
export type Executor = BaseSQLiteDatabase<'sync', Database.RunResult, typeof schema>;
