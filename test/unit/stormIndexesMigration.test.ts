import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, migrationsUpTo } from '../support/migrationsUpTo.js';

describe('migration 0010: fewer alert indexes, and when each incident last heard from an alert', () => {
  const copies: Array<{ remove(): void }> = [];
  afterEach(() => {
    for (const copy of copies.splice(0)) copy.remove();
  });

  it('fills last_alert_at from the alerts an incident already has, and keeps one alert per dedup key per incident', () => {
    const sqlite = new Database(':memory:');
    const db = drizzle(sqlite);
    const before = migrationsUpTo('0009_drift_samples_monitors');
    copies.push(before);
    migrate(db, { migrationsFolder: before.folder });
    const incident = sqlite.prepare(
      "insert into incidents (title, severity, category, status, declared_by, escalation_policy, declared_at, updated_at) values ('t', 'SEV3', 'data', 'triggered', 'detector', '{}', 0, 0)",
    );
    incident.run();
    incident.run();
    const alert = sqlite.prepare(
      `insert into alerts (incident_id, source, source_kind, dedup_key, status, title, signal, labels, annotations, links, raw, observed_at, first_received_at, last_received_at)
       values (?, 'evidently', 'detector', ?, 'firing', 't', 'data_drift', '{}', '{}', '[]', '{}', 0, 1000, ?)`,
    );
    alert.run(1, 'a', 5_000);
    alert.run(1, 'b', 9_000);

    migrate(db, { migrationsFolder: MIGRATIONS });

    expect(sqlite.prepare('select id, last_alert_at from incidents order by id').all()).toEqual([
      { id: 1, last_alert_at: 9_000 },
      { id: 2, last_alert_at: null },
    ]);
    const indexes = sqlite.prepare("select name from pragma_index_list('alerts') where origin = 'c' order by name").pluck().all();
    expect(indexes).toEqual(['alerts_dedup_incident', 'alerts_incident_signal']);
    // Still one row per dedup key in an incident; the same key in another incident is another alert.
    expect(() => alert.run(1, 'a', 10_000)).toThrow(/UNIQUE/);
    expect(() => alert.run(2, 'a', 10_000)).not.toThrow();
    sqlite.close();
  });
});
