import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Harness, fixture, messageText } from '../support/harness.js';
import { PEOPLE } from '../support/testPolicy.js';

const MINUTE = 60_000;

describe('paging and escalation with a moved clock', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await Harness.start();
    await h.webhook('alertmanager', fixture('alertmanager-firing.json')); // SEV1, model -> ml rotation
    await h.settle();
  });
  afterEach(async () => {
    await h.close();
  });

  const dms = (user: string) => h.emulator.dmsTo(user);
  const channelText = () => h.channelMessages(1).map((m) => m.text).join('\n');
  const timelineKinds = () =>
    h.vigil.store.sqlite.prepare('select kind from timeline_events where incident_id = 1 order by id').all().map((r) => (r as { kind: string }).kind);

  it('an unacknowledged incident pages L1 at once, L2 at 15 minutes, L3 at 30 and executives at 60', async () => {
    expect(dms(PEOPLE.mlPrimary)).toHaveLength(1);
    expect(messageText(dms(PEOPLE.mlPrimary)[0]!)).toContain('You are paged (L1)');
    expect(messageText(dms(PEOPLE.mlPrimary)[0]!)).toContain('incident:acknowledge');

    await h.advance(14 * MINUTE + 59_000);
    expect(dms(PEOPLE.mlSecondary)).toHaveLength(0);
    await h.advance(1000);
    expect(dms(PEOPLE.mlSecondary)).toHaveLength(1);
    expect(messageText(dms(PEOPLE.mlSecondary)[0]!)).toContain('unacknowledged for 15m');
    expect(channelText()).toContain(`L2: paged <@${PEOPLE.mlSecondary}>`);
    expect(channelText()).toContain('Unacknowledged for 15m');
    // The paged person is invited to the channel.
    expect(h.incidentChannel(1)!.members).toContain(PEOPLE.mlSecondary);

    await h.advance(15 * MINUTE);
    expect(dms(PEOPLE.lead)).toHaveLength(1);
    await h.advance(30 * MINUTE);
    expect(dms(PEOPLE.executive)).toHaveLength(1);
    // Nothing is paged twice by later ticks.
    await h.advance(30 * MINUTE);
    expect([PEOPLE.mlPrimary, PEOPLE.mlSecondary, PEOPLE.lead, PEOPLE.executive].map((u) => dms(u).length)).toEqual([1, 1, 1, 1]);
    expect(timelineKinds().filter((k) => k === 'page.sent')).toHaveLength(4);
  });

  it('an acknowledgement at minute 7 stops L2 but not L3, which runs until resolved', async () => {
    await h.advance(7 * MINUTE);
    const res = await h.command('ack', { channel: h.incidentChannel(1)!.id, user: PEOPLE.mlPrimary });
    expect((res.body as { text: string }).text).toContain('You acknowledged INC-1');
    await h.settle();
    expect(channelText()).toContain(`<@${PEOPLE.mlPrimary}> acknowledged`);
    expect(h.incidentChannel(1)!.topic).toContain('acknowledged');
    const summary = h.channelMessages(1)[0]!;
    expect(messageText(summary)).not.toContain('incident:acknowledge');
    expect(messageText(summary)).toContain(`<@${PEOPLE.mlPrimary}>`);

    await h.advance(8 * MINUTE); // minute 15
    expect(dms(PEOPLE.mlSecondary)).toHaveLength(0);
    await h.advance(15 * MINUTE); // minute 30
    expect(dms(PEOPLE.lead)).toHaveLength(1);

    const ack = h.vigil.store.sqlite.prepare('select acknowledged_by, acknowledged_at, declared_at from incidents where id = 1').get() as Record<string, number | string>;
    expect(ack['acknowledged_by']).toBe(PEOPLE.mlPrimary);
    expect(Number(ack['acknowledged_at']) - Number(ack['declared_at'])).toBe(7 * MINUTE);
  });

  it('two acknowledgements at the same moment record exactly one; the second person hears who was first', async () => {
    const summary = h.channelMessages(1)[0]!;
    const [first, second] = await Promise.all([
      h.click(summary, 'incident:acknowledge', { user: PEOPLE.mlPrimary }),
      h.click(summary, 'incident:acknowledge', { user: PEOPLE.mlSecondary }),
    ]);
    expect([first.status, second.status]).toEqual([200, 200]);
    await h.settle();
    expect(timelineKinds().filter((k) => k === 'incident.acknowledged')).toHaveLength(1);
    const replies = h.emulator.ephemerals.map((e) => e.text);
    expect(replies.filter((t) => t.includes('You acknowledged'))).toHaveLength(1);
    expect(replies.filter((t) => t.includes('was already acknowledged by'))).toHaveLength(1);
    expect(h.channelMessages(1).filter((m) => m.text.includes('acknowledged <!date'))).toHaveLength(1);
  });

  it('the Acknowledge button in the page DM acknowledges the incident', async () => {
    const page = dms(PEOPLE.mlPrimary)[0]!;
    const res = await h.click(page, 'incident:acknowledge', { user: PEOPLE.mlPrimary });
    expect(res.status).toBe(200);
    await h.settle();
    expect(channelText()).toContain(`<@${PEOPLE.mlPrimary}> acknowledged`);
    expect(h.emulator.ephemerals.at(-1)!.text).toContain('You acknowledged INC-1');
    // The page itself is brought up to date: who took it, and no button left to press.
    const updated = dms(PEOPLE.mlPrimary)[0]!;
    expect(messageText(updated)).toContain(`acknowledged by <@${PEOPLE.mlPrimary}>`);
    expect(messageText(updated)).not.toContain('incident:acknowledge');
    // Who was paged, by which effect and for which step, is kept as columns, not packed in a string.
    const kept = h.vigil.store.sqlite.prepare('select effect_id as effectId, user_id as userId, step_label as stepLabel, ts from page_messages where incident_id = 1').all();
    expect(kept).toEqual([{ effectId: expect.any(Number), userId: PEOPLE.mlPrimary, stepLabel: expect.any(String), ts: page.ts }]);
    expect(h.vigil.store.sqlite.prepare("select count(*) from slack_messages where role like 'page:%'").pluck().get()).toBe(0);
    await h.advance(20 * MINUTE);
    expect(dms(PEOPLE.mlSecondary)).toHaveLength(0);
  });

  it('reminds the channel while nobody acknowledges', async () => {
    await h.advance(5 * MINUTE);
    expect(channelText()).toContain('Still unacknowledged after 5m');
    expect(channelText()).toContain('Next: L2 in 10m');
  });

  it('Escalate jumps to the next step at once and records who asked', async () => {
    const summary = h.channelMessages(1)[0]!;
    await h.click(summary, 'incident:escalate', { user: PEOPLE.responder });
    await h.settle();
    expect(dms(PEOPLE.mlSecondary)).toHaveLength(1);
    expect(channelText()).toContain(`escalated by <@${PEOPLE.responder}>`);
    // The step is used up: the 15-minute timer does not page again.
    await h.advance(16 * MINUTE);
    expect(dms(PEOPLE.mlSecondary)).toHaveLength(1);
    const manual = h.vigil.store.sqlite.prepare("select actor from timeline_events where kind = 'escalation.manual'").get() as { actor: string };
    expect(manual.actor).toBe(PEOPLE.responder);
  });

  it('/incident escalate names a person or a rotation, and explains misuse', async () => {
    const channel = h.incidentChannel(1)!.id;
    const named = await h.command(`escalate <@${PEOPLE.infraPrimary}|erin>`, { channel });
    expect((named.body as { text: string }).text).toContain(`paging <@${PEOPLE.infraPrimary}>`);
    const rotation = await h.command('escalate data', { channel });
    expect((rotation.body as { text: string }).text).toContain(`<@${PEOPLE.dataPrimary}>`);
    const wrong = await h.command('escalate nobody-here', { channel });
    expect((wrong.body as { text: string }).text).toContain('Usage: `/incident escalate');
    await h.settle();
    expect(dms(PEOPLE.infraPrimary)).toHaveLength(1);
    expect(dms(PEOPLE.dataPrimary)).toHaveLength(1);
  });

  it('/incident ack outside an incident channel explains where it works', async () => {
    const res = await h.command('ack');
    expect((res.body as { text: string }).text).toContain('works inside an incident channel');
  });
});

describe('severity changes re-plan the remaining steps', () => {
  it('raising a SEV3 to SEV1 after an hour pages the executive step at once', async () => {
    const h = await Harness.start();
    try {
      await h.webhook('detector', { dedupKey: 'drift-1', title: 'PSI drift on income', signal: 'data_drift', severity: 'SEV3', model: { name: 'credit' } });
      await h.settle();
      await h.command('ack', { channel: h.incidentChannel(1)!.id, user: PEOPLE.dataPrimary });
      await h.advance(61 * MINUTE);
      expect(h.emulator.dmsTo(PEOPLE.lead)).toHaveLength(1); // L3 ran at 30 (until resolved)
      expect(h.emulator.dmsTo(PEOPLE.executive)).toHaveLength(0); // SEV3 has no executive step
      const { changeSeverity } = await import('../../src/incidents/changeSeverity.js');
      changeSeverity(h.vigil.ctx, { incidentId: 1, severity: 'SEV1', reason: 'customers affected', actor: { userId: PEOPLE.responder } });
      await h.settle();
      expect(h.emulator.dmsTo(PEOPLE.executive)).toHaveLength(1);
      // L2 was cancelled by the acknowledgement and stays cancelled.
      expect(h.emulator.dmsTo(PEOPLE.dataSecondary)).toHaveLength(0);
    } finally {
      await h.close();
    }
  });
});

describe('on-call overrides', () => {
  it('/incident oncall shows who is on call; an override changes who is paged', async () => {
    const h = await Harness.start();
    try {
      const shown = await h.command('oncall');
      expect((shown.body as { text: string }).text).toContain(`*ml*: primary <@${PEOPLE.mlPrimary}>`);
      const override = await h.command(`oncall override <@${PEOPLE.responder}|resp> ml 8h`);
      expect((override.body as { text: string }).text).toContain(`<@${PEOPLE.responder}> is primary on call for *ml*`);
      const bad = await h.command(`oncall override <@${PEOPLE.responder}|resp> ml soon`);
      expect((bad.body as { text: string }).text).toContain('"soon" is not a duration');
      await h.webhook('alertmanager', fixture('alertmanager-firing.json'));
      await h.settle();
      expect(h.emulator.dmsTo(PEOPLE.responder)).toHaveLength(1);
      expect(h.emulator.dmsTo(PEOPLE.mlPrimary)).toHaveLength(0);
      await h.advance(15 * MINUTE);
      // The scheduled primary becomes secondary while the override runs.
      expect(h.emulator.dmsTo(PEOPLE.mlPrimary)).toHaveLength(1);
    } finally {
      await h.close();
    }
  });
});
