import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../src/domain/duration.js';
import { asTimelineEvent, isLegacy, type TimelineEvent } from '../../src/incidents/timeline.js';
import { eventMrkdwnWhole, eventPlainText } from '../../src/slack/blocks/timelineText.js';
import { escapeKeepingMentions } from '../../src/slack/format/slackText.js';
import { databaseAt } from '../support/migrationsUpTo.js';

// The migration that made the timeline data: rows written with a Slack-formatted `summary` are
// filled in from it (and from the alerts and incidents) so the renderer shows them as before.

const DECLARED = Date.parse('2026-11-22T10:00:00Z');
const MIN = 60_000;

/** How the timeline showed an old summary in Slack before it was structured. */
const shownBefore = (summary: string): string => escapeKeepingMentions(summary.replace(/<!subteam\^([A-Z0-9]+)(?:\|[^>]*)?>/g, '@$1'));

type OldRow = [kind: string, actor: string, summary: string, data: Record<string, unknown>];

const ROWS: OldRow[] = [
  ['incident.declared', 'prometheus', 'Incident 1 declared: PSI ‹b› on age', { title: 'PSI <b> on age', private: false }],
  ['incident.classified', 'vigil', 'Classified SEV2 data', { severity: 'SEV2', category: 'data', reasons: ['signal data_drift -> data'] }],
  ['alert.attached', 'prometheus', 'Alert attached: PSI ‹b› on age', { alertId: 1, dedupKey: 'k1', signal: 'data_drift', metric: null }],
  ['alert.attached', 'prometheus', 'Alert fired again: PSI ‹b› on age', { alertId: 1, dedupKey: 'k1', refired: true }],
  ['alert.resolved', 'prometheus', 'Signal cleared: PSI ‹b› on age', { alertId: 1, dedupKey: 'k1', endedAt: '2026-11-22T11:00:00.000Z' }],
  ['alert.attached', 'prometheus', 'Alert attached: gone', { alertId: 99, dedupKey: 'k9' }],
  ['oncall.invited', 'vigil', 'Invited <@U0A>, primary on call for data', { users: ['U0A'], rotation: 'data' }],
  ['checklist.checked', 'U0A', 'Done: Confirm which alert fired & why', { itemId: 'triage-1', list: 'triage' }],
  ['checklist.unchecked', 'U0A', 'Reopened: Confirm which alert fired & why', { itemId: 'triage-1', list: 'triage' }],
  ['escalation.planned', 'vigil', `Escalation planned: L1 at +${formatDuration(0)}, L2 at +${formatDuration(15 * MIN)}`, {
    steps: [
      { key: 'l1', label: 'L1', dueAt: new Date(DECLARED).toISOString(), until: 'acknowledged' },
      { key: 'l2', label: 'L2', dueAt: new Date(DECLARED + 15 * MIN).toISOString(), until: 'acknowledged' },
    ],
  }],
  ['page.sent', 'vigil', 'L1: paged <@U0A>, <!subteam^S0G> (primary on call for data)', { step: 'L1', users: ['U0A'], usergroups: ['S0G'], target: 'primary on call for data', reason: 'scheduled' }],
  ['page.sent', 'vigil', 'L2: paged <@U0B> (secondary on call for data)', { step: 'L2', users: ['U0B'], target: 'secondary on call for data' }],
  ['escalation.manual', 'U0A', '<@U0A> escalated: Manual (on call for ml)', { step: 'Manual', target: 'on call for ml' }],
  ['incident.acknowledged', 'U0A', 'Acknowledged by <@U0A>', { via: 'button', sinceDeclaredMs: 60_000 }],
  ['escalation.cancelled', 'vigil', 'Cancelled L2 secondary, L3 (acknowledged)', { steps: ['l2', 'l3'], because: 'acknowledged' }],
  ['severity.changed', 'U0A', 'Severity SEV2 → SEV1: losses < 1% & rising', { from: 'SEV2', to: 'SEV1', reason: 'losses < 1% & rising' }],
  ['escalation.planned', 'vigil', 'Escalation re-planned for SEV1: L3', { steps: [{ key: 'l3', label: 'L3', dueAt: new Date(DECLARED + 30 * MIN).toISOString() }] }],
  ['role.assigned', 'U0A', 'Commander: <@U0B> (set by <@U0A>, replacing <@U0C>)', { role: 'commander', userId: 'U0B', previous: 'U0C', by: 'U0A' }],
  ['note.added', 'U0A', 'Note: rolled back & watching, ask <@U0B> @channel', { text: 'rolled back & watching, ask <@U0B> @channel' }],
  ['message.captured', 'U0B', 'Message from <@U0A> kept (pin): we see &lt;5% drift', { ts: '1.2', channelId: 'C1', author: 'U0A', text: 'we see &lt;5% drift', via: 'pin' }],
  ['status.changed', 'U0A', 'Status investigating → mitigated', { from: 'investigating', to: 'mitigated' }],
  ['permission.refused', 'U0C', '<@U0C> was refused: may not resolve incidents', { permission: 'resolve' }],
  ['incident.resolved', 'U0A', 'Resolved by <@U0A>: rolled back', { summary: 'rolled back', rootCause: null, modelRolledBack: true, customerImpactEndedAt: null, from: 'mitigated', sinceDeclaredMs: 1 }],
  ['update.posted', 'U0A', 'Update posted to <@U0B>', { audience: 'execs' }],
];

function migrated(): { db: Database.Database; events: TimelineEvent[] } {
  // Rows as the release before the structured timeline wrote them, then every migration since.
  const { sqlite: db, migrateToToday } = databaseAt('0002_storm_indexes_and_effect_priority');
  db.prepare(
    `insert into incidents (id, title, severity, category, status, declared_by, escalation_policy, declared_at, updated_at)
     values (1, 'PSI <b> on age', 'SEV2', 'data', 'resolved', 'prometheus', '[]', ?, ?)`,
  ).run(DECLARED, DECLARED);
  db.prepare(
    `insert into alerts (id, incident_id, source, source_kind, dedup_key, status, title, signal, labels, annotations, links, raw, observed_at, first_received_at, last_received_at)
     values (1, 1, 'prometheus', 'alertmanager', 'k1', 'resolved', 'PSI <b> on age', 'data_drift', '{}', '{}', '[]', '{}', ?, ?, ?)`,
  ).run(DECLARED, DECLARED, DECLARED);
  const insert = db.prepare('insert into timeline_events (incident_id, at, kind, actor, summary, data) values (1, ?, ?, ?, ?, ?)');
  ROWS.forEach(([kind, actor, summary, data], i) => insert.run(DECLARED + i * MIN, kind, actor, summary, JSON.stringify(data)));
  migrateToToday();
  const rows = db.prepare('select * from timeline_events order by id').all() as Array<{ id: number; incident_id: number; at: number; kind: string; actor: string; data: string }>;
  const events = rows.map((row) =>
    asTimelineEvent({ id: row.id, incidentId: row.incident_id, at: new Date(row.at), kind: row.kind, actor: row.actor, data: JSON.parse(row.data) as unknown }),
  );
  return { db, events };
}

describe('the structured-timeline migration', () => {
  const { db, events } = migrated();

  it('drops the Slack-formatted summary column', () => {
    const columns = (db.prepare('pragma table_info(timeline_events)').all() as Array<{ name: string }>).map((c) => c.name);
    // Later migrations add where an event came from and whether it is starred.
    expect(columns).toEqual(['id', 'incident_id', 'at', 'kind', 'actor', 'data', 'source', 'starred', 'starred_by']);
  });

  it('shows every old row in Slack as it was shown before, alert titles now with their own angle brackets', () => {
    ROWS.forEach(([, , summary], i) => {
      const expected = shownBefore(summary).replace(/‹b›/g, '&lt;b&gt;');
      expect(eventMrkdwnWhole(events[i]!), summary).toBe(expected);
    });
  });

  it('recovers the facts from the alerts, the incident and the summaries, and keeps the old text only where it cannot', () => {
    const legacy = events.filter((event) => isLegacy(event.data)).map((event) => event.kind);
    expect(legacy).toEqual(['alert.attached', 'update.posted']);
    expect(events[2]!.data).toMatchObject({ title: 'PSI <b> on age' });
    expect(events[7]!.data).toMatchObject({ text: 'Confirm which alert fired & why' });
    expect(events[9]!.data).toMatchObject({ steps: [{ label: 'L1', afterMs: 0 }, { label: 'L2', afterMs: 15 * MIN }] });
    expect(events[11]!.data).toMatchObject({ usergroups: [] });
    expect(events[14]!.data).toMatchObject({ labels: ['L2 secondary, L3'] });
    expect(events[16]!.data).toMatchObject({ severity: 'SEV1' });
    expect(events[20]!.data).toMatchObject({ reason: null });
  });

  it('writes the plain-text file form without markup', () => {
    expect(eventPlainText(events[10]!)).toBe('L1: paged @U0A, @S0G (primary on call for data)');
    expect(eventPlainText(events[5]!)).toBe('Alert attached: gone');
    expect(eventPlainText(events[17]!)).toBe('Commander: @U0B (set by @U0A, replacing @U0C)');
  });
});
