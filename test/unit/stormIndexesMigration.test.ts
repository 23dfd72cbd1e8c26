import { describe, expect, it } from 'vitest';
import { databaseAt } from '../support/migrationsUpTo.js';

describe('migration 0010: fewer alert indexes, and when each incident last heard from an alert', () => {
  it('fills last_alert_at from the alerts an incident already has, and keeps one alert per dedup key per incident', () => {
    const { sqlite, migrateToToday } = databaseAt('0009_drift_samples_monitors');
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

    migrateToToday();

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
