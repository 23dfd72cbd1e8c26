// Stats across incidents, end to end: four incidents driven over HTTP with a moved clock (alerts
// with a known startedAt, acknowledgement, mitigation, resolution through the form, a person's
// private incident), then GET /api/stats and /incident stats checked against what the script
// implies, medians and p90s worked out by hand below.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness, type HttpAnswer } from '../support/harness.js';
import { DETECTOR_ALERT } from '../support/samples.js';
import { BASE_POLICY, PEOPLE, TOKENS } from '../support/testPolicy.js';
import { checks, lastModal, radio, select, submitView, text } from '../support/surfacePayloads.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const API_TOKEN = 'test-api-token-0123456789abcdef';
const POLICY = BASE_POLICY.replace('sources:\n', `sources:\n  - { name: grafana, kind: api, token: "${API_TOKEN}" }\n`);

let h: Harness;
/** When each incident was declared. */
const declared: Date[] = [];

async function alert(fields: Record<string, unknown>, startedMinutesAgo: number): Promise<{ id: number; channel: string }> {
  const now = h.clock.now();
  const res = await h.webhook('detector', {
    ...DETECTOR_ALERT,
    ...fields,
    observedAt: now.toISOString(),
    startedAt: new Date(now.getTime() - startedMinutesAgo * MINUTE).toISOString(),
  });
  expect(res.status).toBe(202);
  await h.settle();
  declared.push(now);
  const id = (res.body as { incidentId: number }).incidentId;
  return { id, channel: h.incidentChannel(id)!.id };
}

/** Resolve through the form, choosing contributing factors (a multi-select, read like checkboxes). */
async function resolve(channel: string, factors: string[]): Promise<void> {
  await h.command('resolve', { channel });
  const submitted = await submitView(h, lastModal(h), { summary: text('Rolled back'), modelRolledBack: radio('yes'), contributingFactors: checks(...factors) });
  expect(submitted.text).toBe('');
  await h.settle();
}

async function getStats(query = '', token: string | null = API_TOKEN): Promise<HttpAnswer & { json: Stats }> {
  const headers: Record<string, string> = token === null ? {} : { authorization: `Bearer ${token}` };
  const res = await fetch(`${h.url}/api/stats${query}`, { headers });
  const body = await res.text();
  return { status: res.status, headers: res.headers, text: body, body: JSON.parse(body), json: JSON.parse(body) as Stats };
}

interface Metric {
  n: number;
  median: number | null;
  p90: number | null;
  mean: number | null;
}
interface Group {
  count: number;
  ttd: Metric;
  tta: Metric;
  ttm: Metric;
  ttr: Metric;
  detectedByDetector: number;
  detectorShare: number | null;
  topFactors: Array<{ factor: string; count: number }>;
}
interface Stats {
  from: string;
  to: string;
  unit: string;
  definitions: Record<string, string>;
  overall: Group;
  bySeverity: Array<Group & { severity: string }>;
  byCategory: Array<Group & { category: string }>;
  byModel: Array<Group & { model: string | null }>;
}

beforeAll(async () => {
  h = await Harness.start({ policyFile: POLICY });

  // 1. SEV3 data drift on fraud-detector, impact 30 minutes before the alert; acknowledged after
  //    4 minutes, mitigated at 20, resolved at 50. TTD 30m, TTA 4m, TTM 50m, TTR 80m.
  const first = await alert({ dedupKey: 'stats-1', signal: 'data_drift', severity: 'SEV3', model: { name: 'fraud-detector', version: 'v1' } }, 30);
  h.clock.advance(4 * MINUTE);
  await h.type('ack', { channel: first.channel });
  h.clock.advance(16 * MINUTE);
  await h.type('state mitigated rolled back', { channel: first.channel });
  h.clock.advance(30 * MINUTE);
  await resolve(first.channel, ['monitoring gap', 'data pipeline']);

  // 2. SEV2 accuracy drop on churn-model, impact 10 minutes before; acknowledged after 2, mitigated
  //    at 15, resolved at 40. TTD 10m, TTA 2m, TTM 25m, TTR 50m. Both name "monitoring gap".
  h.clock.advance(2 * HOUR);
  const second = await alert({ dedupKey: 'stats-2', signal: 'accuracy_drop', severity: 'SEV2', model: { name: 'churn-model', version: 'v7' }, metric: { name: 'accuracy', value: 0.8, threshold: 0.85 } }, 10);
  h.clock.advance(2 * MINUTE);
  await h.type('ack', { channel: second.channel });
  h.clock.advance(13 * MINUTE);
  await h.type('state mitigated', { channel: second.channel });
  h.clock.advance(25 * MINUTE);
  await resolve(second.channel, ['monitoring gap']);

  // 3. SEV2 pipeline failure on feature-pipeline, impact 5 minutes before; acknowledged after 6,
  //    still open. TTD 5m, TTA 6m, no TTM, no TTR.
  h.clock.advance(HOUR);
  const third = await alert({ dedupKey: 'stats-3', signal: 'pipeline_failure', severity: 'SEV2', model: { name: 'feature-pipeline', version: 'v2' } }, 5);
  h.clock.advance(6 * MINUTE);
  await h.type('ack', { channel: third.channel });

  // 4. A person declares a private SEV3 on ranker and acknowledges it 3 minutes later. No alert,
  //    so no impact start: no TTD, TTM or TTR (never 0). TTA 3m.
  h.clock.advance(HOUR);
  await h.command('declare Ranker serves stale results');
  const form = await submitView(h, lastModal(h), {
    title: text('Ranker serves stale results'),
    description: text('Rankings frozen since the 10:00 deploy'),
    severity: select('SEV3'),
    category: select('model'),
    modelName: text('ranker'),
    modelVersion: text('r9'),
    customerImpact: radio('yes'),
    isPrivate: checks('private'),
  });
  expect(form.status).toBe(200);
  await h.settle();
  declared.push(h.clock.now());
  h.clock.advance(3 * MINUTE);
  await h.type('ack', { channel: h.incidentChannel(4)!.id });
  h.clock.advance(10 * MINUTE);
}, 60_000);

afterAll(async () => {
  await h.close();
});

describe('GET /api/stats', () => {
  it('needs the bearer token of an api source: none, a wrong one and a webhook token get 401', async () => {
    for (const token of [null, 'not-the-token-0123456789', TOKENS.detector]) {
      const res = await getStats('', token);
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ error: 'missing or invalid bearer token for the API' });
    }
    const unknownRoute = await fetch(`${h.url}/api/nothing`);
    expect(unknownRoute.status).toBe(401);
  });

  it('answers the numbers of the script in seconds, missing times left out of n', async () => {
    const res = await getStats();
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const stats = res.json;
    expect(stats.unit).toBe('seconds');
    expect(stats.to).toBe(h.clock.now().toISOString());
    expect(stats.from).toBe(new Date(h.clock.now().getTime() - 90 * 24 * HOUR).toISOString());
    expect(stats.definitions['ttr']).toBe('Time to resolve: last resolved − impact started');

    const overall = stats.overall;
    expect(overall.count).toBe(4);
    expect(overall.detectedByDetector).toBe(3);
    expect(overall.detectorShare).toBe(0.75);
    // TTD 30, 10, 5 minutes (the person's incident has no impact start): sorted 5, 10, 30;
    // median 10m; p90 at index (3-1)*0.9 = 1.8: 10 + 0.8 * (30 - 10) = 26m; mean 15m.
    expect(overall.ttd).toEqual({ n: 3, median: 600, p90: 1560, mean: 900 });
    // TTA 4, 2, 6, 3: sorted 2, 3, 4, 6; median (3 + 4) / 2 = 3.5m; p90 at 2.7: 4 + 0.7 * 2 = 5.4m; mean 3.75m.
    expect(overall.tta).toEqual({ n: 4, median: 210, p90: 324, mean: 225 });
    // TTM 50, 25: median 37.5m; p90 at 0.9: 25 + 0.9 * 25 = 47.5m; mean 37.5m.
    expect(overall.ttm).toEqual({ n: 2, median: 2250, p90: 2850, mean: 2250 });
    // TTR 80, 50: median 65m; p90 50 + 0.9 * 30 = 77m; mean 65m.
    expect(overall.ttr).toEqual({ n: 2, median: 3900, p90: 4620, mean: 3900 });
    expect(overall.topFactors).toEqual([
      { factor: 'monitoring gap', count: 2 },
      { factor: 'data pipeline', count: 1 },
    ]);

    expect(stats.bySeverity.map((g) => [g.severity, g.count])).toEqual([
      ['SEV2', 2],
      ['SEV3', 2],
    ]);
    const sev2 = stats.bySeverity[0]!;
    // SEV2: incidents 2 and 3. TTA 2 and 6: median 4m, p90 2 + 0.9 * 4 = 5.6m; TTR only incident 2.
    expect(sev2.tta).toEqual({ n: 2, median: 240, p90: 336, mean: 240 });
    expect(sev2.ttr).toEqual({ n: 1, median: 3000, p90: 3000, mean: 3000 });
    expect(sev2.detectorShare).toBe(1);
    const sev3 = stats.bySeverity[1]!;
    expect(sev3.detectorShare).toBe(0.5);
    expect(sev3.ttd).toEqual({ n: 1, median: 1800, p90: 1800, mean: 1800 });

    // Equal counts keep the order first seen: incident 1 was data drift.
    expect(stats.byCategory.map((g) => [g.category, g.count])).toEqual([
      ['data', 2],
      ['model', 2],
    ]);
    // The private incident counts, without its model.
    expect(stats.byModel.map((g) => [g.model, g.count]).sort()).toEqual([
      ['churn-model', 1],
      ['feature-pipeline', 1],
      ['fraud-detector', 1],
      [null, 1],
    ].sort());
    expect(res.text).not.toContain('ranker');
    const pipeline = stats.byModel.find((g) => g.model === 'feature-pipeline')!;
    expect(pipeline.ttr).toEqual({ n: 0, median: null, p90: null, mean: null });
  });

  it('counts incidents declared in [from, to)', async () => {
    const afterFirst = new Date(declared[0]!.getTime() + 1000).toISOString();
    const res = await getStats(`?from=${encodeURIComponent(afterFirst)}`);
    expect(res.status).toBe(200);
    expect(res.json.overall.count).toBe(3);
    expect(res.json.overall.ttr).toEqual({ n: 1, median: 3000, p90: 3000, mean: 3000 });

    // `to` is exclusive: an incident declared exactly then is left out.
    const upToSecond = await getStats(`?to=${encodeURIComponent(declared[1]!.toISOString())}`);
    expect(upToSecond.json.overall.count).toBe(1);

    const before = await getStats(`?from=2020-01-01T00:00:00Z&to=2020-02-01T00:00:00Z`);
    expect(before.json.overall).toMatchObject({ count: 0, detectorShare: null, ttr: { n: 0, median: null } });
  });

  it('answers 400 with issues for a bad date or from >= to', async () => {
    const bad = await getStats('?from=yesterday');
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ error: 'invalid query', issues: [{ path: 'from', message: expect.stringContaining('ISO 8601') }] });
    const reversed = await getStats('?from=2026-11-22T00:00:00Z&to=2026-11-01T00:00:00Z');
    expect(reversed.status).toBe(400);
    expect((reversed.body as { issues: Array<{ path: string }> }).issues[0]!.path).toBe('from');
    const equal = await getStats('?from=2026-11-22T00:00:00Z&to=2026-11-22T00:00:00Z');
    expect(equal.status).toBe(400);
  });
});

describe('/incident stats', () => {
  it('answers the tables privately and posts a PNG chart of TTR to the channel', async () => {
    const general = h.emulator.channelByName('general')!.id;
    const reply = await h.type('stats', { user: PEOPLE.lead, channel: general });
    expect(reply).toContain('*Incident stats, last 90d*');
    expect(reply).toContain('All incidents · 4 incidents · 3 by a detector (75%)');
    // The overall TTR row: n 2, median 1h 5m, p90 1h 17m, mean 1h 5m.
    expect(reply).toMatch(/TTR\s+2\s+1h 5m\s+1h 17m\s+1h 5m/);
    // feature-pipeline has no TTR: a dash beside n 0, never 0s.
    expect(reply).toMatch(/feature-pipeline · 1 incident · 1 by a detector \(100%\)\n.*\n.*\n.*\n.*\n\s+TTR\s+0\s+—\s+—\s+—/);
    expect(reply).not.toContain('ranker');
    expect(reply).toContain('*Top contributing factors:* monitoring gap (2), data pipeline (1)');
    expect(reply).toContain('chart of TTR over time');

    const file = await h.emulator.waitFor(() => h.emulator.files().find((f) => f.filename.startsWith('ttr-') && f.channel === general));
    expect(file.filename).toMatch(/^ttr-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.png$/);
    // The emulator keeps uploads as text: the PNG signature's first byte (0x89) is not UTF-8.
    expect(file.content.startsWith('\uFFFDPNG\r\n\u001a\n')).toBe(true);
  });

  it('takes a period; a short one without resolved incidents posts no chart, a wrong one shows the usage', async () => {
    const filesBefore = h.emulator.files().length;
    // Only the person's incident was declared in the last 30 minutes.
    const lastHours = await h.type('stats 30m');
    expect(lastHours).toContain('last 30m');
    expect(lastHours).toContain('All incidents · 1 incident · 0 by a detector (0%)');
    expect(lastHours).toContain('no TTR chart');
    const none = await h.type('stats 1m');
    expect(none).toContain('No incident was declared in this period.');
    expect(h.emulator.files()).toHaveLength(filesBefore);

    expect(await h.type('stats soon')).toContain('"soon" is not a period');
    expect(await h.type('stats 0')).toContain('Usage: `/incident stats [period]`');
  });
});
