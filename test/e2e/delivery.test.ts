import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Harness, fixture } from '../support/harness.js';

describe('delivery of Slack effects', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await Harness.start();
  });
  afterEach(async () => {
    await h.close();
  });

  it('honours 429 Retry-After and keeps the incident\'s messages in order', async () => {
    h.emulator.injectFault('chat.postMessage', { rateLimited: 1 });
    const started = Date.now();
    await h.webhook('alertmanager', fixture('alertmanager-firing.json'));
    await h.settle();
    const posts = h.emulator.callsTo('chat.postMessage').filter((c) => (c.args as { channel: string }).channel === h.incidentChannel(1)!.id);
    // The refused summary was retried no sooner than Slack asked, and nothing overtook it.
    expect(posts[0]!.response).toMatchObject({ ok: false, error: 'ratelimited' });
    expect(posts[1]!.at.getTime() - posts[0]!.at.getTime()).toBeGreaterThanOrEqual(1000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    const texts = h.channelMessages(1).map((m) => m.text);
    expect(texts[0]).toMatch(/^INC-1 SEV1/);
    expect(texts[1]).toBe('Triage checklist');
  });

  it('retries a transient Slack failure with backoff until it lands', async () => {
    h.emulator.injectFault('conversations.create', { status: 500 }, 2);
    await h.webhook('alertmanager', fixture('alertmanager-firing.json'));
    await h.settle();
    expect(h.emulator.callsTo('conversations.create')).toHaveLength(3);
    expect(h.channelMessages(1).length).toBeGreaterThanOrEqual(2);
  });

  it('a retry after a partly done effect does not repeat the part Slack already has', async () => {
    // The summary is posted, then pinning it fails for a moment: the retry must pin, not post again.
    h.emulator.injectFault('pins.add', { status: 500 });
    await h.webhook('alertmanager', fixture('alertmanager-firing.json'));
    await h.settle();
    const summaries = h.channelMessages(1).filter((m) => m.text.startsWith('INC-1 SEV1'));
    expect(summaries).toHaveLength(1);
    expect(h.incidentChannel(1)!.pins).toEqual([summaries[0]!.ts]);
  });

  it('takes another channel name when Slack says name_taken', async () => {
    h.emulator.addChannel({ name: 'inc-1-fraud-detector-accuracy-0-71-is-below-the-0-85-sla' });
    await h.webhook('alertmanager', fixture('alertmanager-firing.json'));
    await h.settle();
    expect(h.emulator.channelByName('inc-1-fraud-detector-accuracy-0-71-is-below-the-0-85-sla-2')).toBeDefined();
    const row = h.vigil.store.sqlite.prepare('select channel_name from incidents where id = 1').get() as { channel_name: string };
    expect(row.channel_name).toBe('inc-1-fraud-detector-accuracy-0-71-is-below-the-0-85-sla-2');
  });

  it('gives up on an effect Slack refuses for good, and the rest of the incident still arrives', async () => {
    h.emulator.injectFault('pins.add', { error: 'not_pinnable' });
    await h.webhook('alertmanager', fixture('alertmanager-firing.json'));
    await h.settle();
    const dead = h.vigil.store.sqlite.prepare("select kind, last_error from effects where status = 'dead'").all();
    expect(dead).toEqual([{ kind: 'summary.post', last_error: 'not_pinnable' }]);
    expect(h.channelMessages(1).map((m) => m.text)).toContain('Triage checklist');
  });

  it('gives up on a stored effect whose kind or payload this version does not accept, and delivers the next one', async () => {
    await h.webhook('alertmanager', fixture('alertmanager-firing.json'));
    await h.settle();
    const insert = h.vigil.store.sqlite.prepare(
      "insert into effects (lane, incident_id, kind, payload, next_attempt_at, created_at) values ('incident:1', 1, ?, ?, 0, 0)",
    );
    insert.run('page.dm', JSON.stringify({ userId: 42, stepLabel: 'primary' }));
    insert.run('carrier.pigeon', '{}');
    insert.run('channel.invite', JSON.stringify({ users: ['U_LATE'] }));
    h.vigil.worker!.kick();
    await h.settle();
    const rows = h.vigil.store.sqlite.prepare("select kind, status, last_error as error from effects where incident_id = 1 and created_at = 0 order by id").all() as Array<{ kind: string; status: string; error: string | null }>;
    expect(rows.map((r) => [r.kind, r.status])).toEqual([['page.dm', 'dead'], ['carrier.pigeon', 'dead'], ['channel.invite', 'done']]);
    expect(rows[0]!.error).toMatch(/^effect \d+ \(page\.dm\) cannot be delivered: payload is not of its kind: .*userId/);
    expect(rows[0]!.error).toMatch(/reason/);
    expect(rows[1]!.error).toMatch(/^effect \d+ \(carrier\.pigeon\) cannot be delivered: unknown kind$/);
  });
});

describe('outbox housekeeping', () => {
  it('forgets delivered effects after a week, keeping the timeline', async () => {
    const h = await Harness.start();
    try {
      await h.webhook('alertmanager', fixture('alertmanager-firing.json'));
      await h.settle();
      const count = (sql: string) => (h.vigil.store.sqlite.prepare(sql).get() as { n: number }).n;
      const delivered = count("select count(*) as n from effects where status = 'done'");
      expect(delivered).toBeGreaterThan(5);
      const lastId = count('select max(id) as n from effects');
      h.clock.set(new Date(Date.now() + 8 * 24 * 3600_000));
      const ran = h.vigil.scheduler.tick();
      expect(ran['outbox-pruning']).toBe(delivered);
      // Everything delivered before is gone; what the same tick queued (later pages) is not.
      expect(count(`select count(*) as n from effects where id <= ${lastId}`)).toBe(0);
      expect(count('select count(*) as n from timeline_events')).toBeGreaterThan(5);
    } finally {
      await h.close();
    }
  });
});
