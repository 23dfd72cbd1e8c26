import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';

/** The repository's migrations folder. */
export const MIGRATIONS = path.resolve(import.meta.dirname, '../../migrations');

/**
 * A copy of the migrations folder as it was up to (and including) `tag`, so a test can build a
 * database of that age, fill it, and migrate it to today. `remove()` deletes the copy.
 */
export function migrationsUpTo(tag: string): { folder: string; remove(): void } {
  const folder = mkdtempSync(path.join(tmpdir(), 'vigil-migrations-'));
  cpSync(MIGRATIONS, folder, { recursive: true });
  const journalPath = path.join(folder, 'meta/_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: Array<{ tag: string }> };
  const last = journal.entries.findIndex((entry) => entry.tag === tag);
  if (last === -1) throw new Error(`no migration tagged ${tag}`);
  journal.entries = journal.entries.slice(0, last + 1);
  writeFileSync(journalPath, JSON.stringify(journal));
  return { folder, remove: () => rmSync(folder, { recursive: true, force: true }) };
}

/**
 * An in-memory database as it was after migration `tag`, for a test of what a later migration
 * does to existing rows: fill it with `sqlite`, then `migrateToToday()`.
 */
export function databaseAt(tag: string): { sqlite: Database.Database; migrateToToday(): void } {
  const sqlite = new Database(':memory:');
  const db = drizzle(sqlite);
  const before = migrationsUpTo(tag);
  try {
    migrate(db, { migrationsFolder: before.folder });
  } finally {
    before.remove();
  }
  return { sqlite, migrateToToday: () => migrate(db, { migrationsFolder: MIGRATIONS }) };
}
