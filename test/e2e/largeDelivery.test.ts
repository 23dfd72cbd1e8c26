import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness } from '../support/harness.js';

// Issue 11: one Alertmanager POST of 5,000 alerts (~800 KB) blocked the event loop for 4 s, and a
// slash command sent meanwhile waited past Slack's 3 s. A delivery's synchronous work must come
// in bounded pieces so that the rest of Vigil is served between them.

const ALERTS = 5_000;

function largeDelivery(): { body: string; fingerprints: string[] } {
  const fingerprints: string[] = [];
  const alerts = Array.from({ length: ALERTS }, (_, i) => {
    const fingerprint = i.toString(16).padStart(16, '0');
    fingerprints.push(fingerprint);
    // As small as Alertmanager sends them (about 160 bytes), so 5,000 fit under the 1 MB limit.
    return {
      status: 'firing',
      labels: { alertname: 'FeatureNullRate', feature: `f${i}` },
      startsAt: '2026-11-22T16:00:23Z',
      endsAt: '0001-01-01T00:00:00Z',
      fingerprint,
    };
  });
  const body = JSON.stringify({
    version: '4',
    groupKey: '{}:{alertname="FeatureNullRate", model="fraud-detector"}',
    truncatedAlerts: 0,
    status: 'firing',
    receiver: 'vigil',
    groupLabels: { alertname: 'FeatureNullRate', model: 'fraud-detector' },
    commonLabels: { alertname: 'FeatureNullRate', model: 'fraud-detector', severity: 'warning' },
    commonAnnotations: {},
    externalURL: 'http://alertmanager.example.com',
    alerts,
  });
  return { body, fingerprints };
}

describe('a 5,000-alert delivery does not stall the rest of Vigil', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start();
  });
  afterAll(async () => {
    await h.close();
  });

  it('is stored once as one incident while slash commands sent meanwhile are answered in time', async () => {
    const { body, fingerprints } = largeDelivery();
    expect(body.length).toBeGreaterThan(700_000);
    expect(body.length).toBeLessThan(1024 * 1024);

    // Vigil runs in this process: the event loop measured here is the one it serves requests on.
    const histogram = monitorEventLoopDelay({ resolution: 10 });
    let lastTick = performance.now();
    let worstGap = 0;
    const probe = setInterval(() => {
      const now = performance.now();
      worstGap = Math.max(worstGap, now - lastTick - 10);
      lastTick = now;
    }, 10);
    histogram.enable();

    const started = performance.now();
    let deliveryDone = false;
    const delivery = h.webhook('alertmanager', undefined, { raw: body }).finally(() => {
      deliveryDone = true;
    });
    // A slash command every 150 ms until the delivery is answered (at least one).
    const commandLatencies: number[] = [];
    const commands: Array<Promise<void>> = [];
    do {
      await new Promise((resolve) => setTimeout(resolve, 150));
      const sent = performance.now();
      commands.push(
        h.command('list').then((res) => {
          commandLatencies.push(performance.now() - sent);
          expect(res.status).toBe(200);
          expect((res.body as { response_type?: string }).response_type).toBe('ephemeral');
        }),
      );
    } while (!deliveryDone);
    const res = await delivery;
    const deliveryMs = performance.now() - started;
    await Promise.all(commands);
    histogram.disable();
    clearInterval(probe);

    const worstStallMs = histogram.max / 1e6;
    const worstCommandMs = Math.max(...commandLatencies);
    console.log(
      `5,000-alert delivery (${(body.length / 1024).toFixed(0)} KB): answered ${res.status} in ${deliveryMs.toFixed(0)} ms; ` +
        `worst event-loop stall ${worstStallMs.toFixed(0)} ms (monitorEventLoopDelay max; interval probe ${worstGap.toFixed(0)} ms, ` +
        `p99 ${(histogram.percentile(99) / 1e6).toFixed(0)} ms); ${commandLatencies.length} slash commands meanwhile, ` +
        `slowest answered in ${worstCommandMs.toFixed(0)} ms (all: ${commandLatencies.map((ms) => ms.toFixed(0)).join(', ')})`,
    );

    expect(res.status, res.text.slice(0, 500)).toBe(202);
    const answer = res.body as { incidentId: number; alertIds: number[] };
    expect(answer.alertIds).toHaveLength(ALERTS);
    expect(new Set(answer.alertIds).size).toBe(ALERTS);
    // Slack's deadline for an answer is 3 s; the issue's aim is that nothing waits over 200 ms,
    // which a shared 2-core machine cannot promise every run, so the bound asserted is Slack's.
    expect(worstCommandMs).toBeLessThan(3000);
    expect(worstStallMs).toBeLessThan(1000);

    const sqlite = h.vigil.store.sqlite;
    const rows = sqlite.prepare('select incident_id as incidentId, dedup_key as dedupKey from alerts').all() as Array<{ incidentId: number; dedupKey: string }>;
    expect(rows).toHaveLength(ALERTS);
    expect(new Set(rows.map((r) => r.dedupKey))).toEqual(new Set(fingerprints));
    expect(new Set(rows.map((r) => r.incidentId))).toEqual(new Set([answer.incidentId]));
    expect((sqlite.prepare('select count(*) as n from incidents').get() as { n: number }).n).toBe(1);

    // Alertmanager resends the same group: nothing is stored twice.
    const again = await h.webhook('alertmanager', undefined, { raw: body });
    expect(again.status).toBe(202);
    expect((again.body as { alertIds: number[]; deduplicated: boolean }).deduplicated).toBe(true);
    expect((sqlite.prepare('select count(*) as n from alerts').get() as { n: number }).n).toBe(ALERTS);
    expect((sqlite.prepare('select count(*) as n from incidents').get() as { n: number }).n).toBe(1);
  }, 120_000);

  it('5,000 bad alerts are one 400 listing the first hundred issues by alert, and how many more', async () => {
    const { body } = largeDelivery();
    const bad = body.replaceAll('"startsAt":"2026-11-22T16:00:23Z"', '"startsAt":"2026-13-45T99:99:99Z"').replace('"version":"4"', '"version":4');
    const started = performance.now();
    const res = await h.webhook('alertmanager', undefined, { raw: bad });
    const ms = performance.now() - started;
    expect(res.status).toBe(400);
    const issues = (res.body as { issues: Array<{ path: string; message: string }> }).issues;
    expect(issues).toHaveLength(101);
    expect(issues[0]).toEqual({ path: 'version', message: expect.any(String) });
    expect(issues[1]).toEqual({ path: 'alerts[0].startsAt', message: expect.any(String) });
    expect(issues[99]!.path).toBe('alerts[98].startsAt');
    expect(issues[100]).toEqual({ path: '', message: 'and 4901 more issues like these' });
    expect(ms).toBeLessThan(3000);
  });

  it('a fingerprint repeated within one delivery, across its storage slices, is stored once', async () => {
    const alerts = Array.from({ length: 250 }, (_, i) => ({
      status: 'firing',
      labels: { alertname: 'RepeatedFingerprint', n: String(i) },
      startsAt: '2026-11-22T16:00:23Z',
      fingerprint: `repeat-${i % 200}`,
    }));
    const body = { version: '4', groupKey: '{}:{alertname="RepeatedFingerprint"}', status: 'firing', receiver: 'vigil', alerts };
    const res = await h.webhook('alertmanager', body);
    expect(res.status).toBe(202);
    const { incidentId, alertIds } = res.body as { incidentId: number; alertIds: number[] };
    expect(alertIds).toHaveLength(250);
    expect(new Set(alertIds).size).toBe(200);
    expect(alertIds.slice(200)).toEqual(alertIds.slice(0, 50));
    const stored = h.vigil.store.sqlite.prepare('select count(*) as n from alerts where incident_id = ?').get(incidentId) as { n: number };
    expect(stored.n).toBe(200);
  });
});
