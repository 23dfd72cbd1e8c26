import { describe, expect, it } from 'vitest';
import { databaseAt } from '../support/migrationsUpTo.js';

describe('migration 0004: page DMs move out of slack_messages', () => {
  it('turns each page:<effect>:<user>:<label> row into a page_messages row and leaves the other messages alone', () => {
    const { sqlite, migrateToToday } = databaseAt('0003_structured_timeline');
    const incident = sqlite.prepare(
      "insert into incidents (title, severity, category, status, declared_by, escalation_policy, declared_at, updated_at) values ('t', 'SEV1', 'model', 'triggered', 'U0', '{}', 0, 0)",
    );
    incident.run();
    incident.run();
    const insert = sqlite.prepare('insert into slack_messages (incident_id, role, channel_id, ts) values (?, ?, ?, ?)');
    insert.run(1, 'summary', 'C1', '1.1');
    insert.run(1, 'checklist:triage', 'C1', '1.2');
    insert.run(1, 'page:7:U1:primary', 'D1', '2.1');
    insert.run(1, 'page:8:U2:SEV1 step 2: manager', 'D2', '2.2');
    insert.run(2, 'page:9:U3:', 'D3', '2.3');

    migrateToToday();

    expect(sqlite.prepare('select role from slack_messages order by role').pluck().all()).toEqual(['checklist:triage', 'summary']);
    expect(sqlite.prepare('select * from page_messages order by effect_id').all()).toEqual([
      { incident_id: 1, effect_id: 7, user_id: 'U1', step_label: 'primary', channel_id: 'D1', ts: '2.1' },
      { incident_id: 1, effect_id: 8, user_id: 'U2', step_label: 'SEV1 step 2: manager', channel_id: 'D2', ts: '2.2' },
      { incident_id: 2, effect_id: 9, user_id: 'U3', step_label: '', channel_id: 'D3', ts: '2.3' },
    ]);
    sqlite.close();
  });
});
