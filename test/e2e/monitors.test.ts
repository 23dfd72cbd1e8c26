// Built-in drift monitors end to end (issue 16), over HTTP against the emulator with a moved clock:
// a baseline and shifted samples posted, two checks (one asked for, one scheduled) open one
// incident through the intake with the KS p-value as its metric and a chart in its channel; two
// recoveries clear the signal; bad batches are refused with the path of the first bad value.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { Harness, messageText, type HttpAnswer } from '../support/harness.js';
import { BASE_POLICY } from '../support/testPolicy.js';
import { alerts, incidents, sampleBatches } from '../../src/db/schema/index.js';
import { seededNormal } from '../support/seededNormal.js';

const MINUTE = 60_000;
const SAMPLES_TOKEN = 'test-samples-token-0123456789abcdef';
const API_TOKEN = 'test-api-token-0123456789abcdef0';
const POLICY =
  BASE_POLICY.replace('sources:\n', `sources:\n  - { name: telemetry, kind: samples, token: "${SAMPLES_TOKEN}" }\n  - { name: reporting, kind: api, token: "${API_TOKEN}" }\n`) +
  `
monitors:
  - name: churn-tenure
    model: churn-predictor
    feature: tenure_months
    test: ks
    baseline: churn-training
    window: 1h
    every: 10m
    threshold: 0.05
    minSamples: 100
    consecutive: 2
    severity: SEV3
    category: data
  - name: plan-mix
    model: churn-predictor
    feature: plan
    baseline: { rolling: 1d }
    window: 1h
    every: 30m
`;

/** Normal samples from a seeded generator, rounded to 0.1 month. */
const normalSample = (count: number, mean: number, sd: number, seed: number): number[] =>
  seededNormal(count, mean, sd, seed).map((value) => Math.round(value * 10) / 10);

let h: Harness;

async function post(path: string, body: unknown, token: string, raw?: string): Promise<HttpAnswer> {
  const response = await fetch(`${h.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: raw ?? JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: text ? JSON.parse(text) : undefined };
}

const samples = (values: unknown[], extra: Record<string, unknown> = {}) =>
  post('/webhooks/samples', { model: { name: 'churn-predictor', version: 'v7' }, feature: 'tenure_months', values, ...extra }, SAMPLES_TOKEN);

const check = () => post('/api/monitors/churn-tenure/check', {}, API_TOKEN);

async function getJson(path: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${h.url}${path}`, { headers: { authorization: `Bearer ${API_TOKEN}` } });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const batchCount = () => h.vigil.ctx.db.select().from(sampleBatches).all().length;

beforeAll(async () => {
  h = await Harness.start({ policyFile: POLICY });
}, 60_000);

afterAll(async () => {
  await h.close();
});

describe('drift monitors', () => {
  it('refuses bad batches with the path of the first bad value, and stores nothing of them', async () => {
    const before = batchCount();
    const cases: Array<[string, string]> = [
      ['{"model":{"name":"churn-predictor"},"feature":"tenure_months","values":[1,2,3,null,5]}', 'values[3]'],
      ['{"model":{"name":"churn-predictor"},"feature":"tenure_months","values":[1,2,3,NaN,NaN]}', 'values[3]'],
      ['{"model":{"name":"churn-predictor"},"feature":"tenure_months","values":[1,2,3,1e999]}', 'values[3]'],
      ['{"model":{"name":"churn-predictor"},"feature":"tenure_months","values":[1,2,3,"4"]}', 'values[3]'],
      ['{"model":{"name":"churn-predictor"},"feature":"tenure_months","values":[]}', 'values'],
    ];
    for (const [raw, path] of cases) {
      const res = await post('/webhooks/samples', undefined, SAMPLES_TOKEN, raw);
      expect(res.status, raw).toBe(400);
      const issues = (res.body as { issues: Array<{ path: string; message: string }> }).issues;
      expect(issues[0]!.path, raw).toBe(path);
    }
    const nan = await post('/webhooks/samples', undefined, SAMPLES_TOKEN, '{"model":{"name":"m"},"feature":"f","values":[0.5,NaN]}');
    expect((nan.body as { issues: Array<{ message: string }> }).issues[0]!.message).toBe('must be a finite number, got NaN');
    const tooMany = await samples(new Array(100_001).fill(1));
    expect(tooMany.status).toBe(400);
    expect((await post('/webhooks/samples', { model: { name: 'm' }, feature: 'f', values: [1] }, API_TOKEN)).status).toBe(401);
    expect(batchCount()).toBe(before);
  });

  it('takes a baseline and lists it with its size', async () => {
    const stored = await post('/api/baselines', { name: 'churn-training', model: 'churn-predictor', feature: 'tenure_months', values: normalSample(500, 24, 6, 1) }, API_TOKEN);
    expect(stored.status).toBe(201);
    expect(stored.body).toMatchObject({ name: 'churn-training', size: 500, replaced: false });
    const again = await post('/api/baselines', { name: 'churn-training', model: 'churn-predictor', feature: 'tenure_months', values: normalSample(500, 24, 6, 2) }, API_TOKEN);
    expect(again.body).toMatchObject({ replaced: true });
    const bad = await post('/api/baselines', { name: 'x', model: 'm', feature: 'f', values: [1, 'two'] }, API_TOKEN);
    expect(bad.status).toBe(400);
    expect((bad.body as { issues: Array<{ path: string }> }).issues[0]!.path).toBe('values[1]');
    const listed = await getJson('/api/baselines');
    expect(listed.body['baselines']).toEqual([expect.objectContaining({ name: 'churn-training', model: 'churn-predictor', feature: 'tenure_months', kind: 'numeric', size: 500 })]);
    expect((await fetch(`${h.url}/api/baselines`)).status).toBe(401);
  });

  it('opens one incident after two breaching checks, with the p-value as its metric and a chart in the channel', async () => {
    const accepted = await samples(normalSample(400, 34, 6, 3));
    expect(accepted.status).toBe(202);
    expect(accepted.body).toEqual({ accepted: 400 });

    const first = await check();
    expect(first.status).toBe(200);
    const answer = first.body as Record<string, unknown>;
    expect(answer).toMatchObject({ monitor: 'churn-tenure', test: 'ks', n: 500, m: 400, breached: true, unseen: [], state: 'breaching', signal: 'none', incidentId: null });
    expect(answer['pValue'] as number).toBeLessThan(1e-10);
    expect(answer['statistic'] as number).toBeGreaterThan(0.4);
    expect(answer['window']).toEqual({ from: new Date(h.clock.now().getTime() - 60 * MINUTE).toISOString(), to: h.clock.now().toISOString() });
    expect(h.emulator.channels().filter((c) => c.name.startsWith('inc-'))).toHaveLength(0);

    // Ten minutes on, the scheduler checks again: the second breach in a row raises the signal.
    const fired = await h.advance(10 * MINUTE);
    // Both monitors were due: churn-tenure ten minutes after its last check, plan-mix never checked.
    expect(fired['monitors']).toBe(2);
    const incident = h.vigil.ctx.db.select().from(incidents).all();
    expect(incident).toHaveLength(1);
    expect(incident[0]).toMatchObject({ severity: 'SEV3', category: 'data', modelName: 'churn-predictor', modelVersion: 'v7', declaredBy: 'monitor:churn-tenure' });
    expect(incident[0]!.metric?.name).toMatch(/^ks p-value \(statistic 0\.\d+\)$/);
    expect(incident[0]!.metric?.threshold).toBe(0.05);
    expect(incident[0]!.metric?.value).toBeLessThan(1e-10);
    const alert = h.vigil.ctx.db.select().from(alerts).where(eq(alerts.incidentId, incident[0]!.id)).get()!;
    expect(alert).toMatchObject({ sourceKind: 'monitor', dedupKey: 'churn-tenure', signal: 'data_drift', status: 'firing' });
    expect(alert.labels).toMatchObject({ monitor: 'churn-tenure', test: 'ks', n: '500', m: '400' });

    const channel = h.incidentChannel(incident[0]!.id)!;
    const summary = h.emulator.messages(channel.id).map(messageText).join('\n');
    expect(summary).toContain('Kolmogorov-Smirnov');
    expect(summary).toContain('n = 500');
    expect(summary).toContain('m = 400');
    expect(summary).toContain('Most moved bins');
    const charts = h.emulator.files().filter((f) => f.channel === channel.id);
    expect(charts).toHaveLength(1);
    expect(charts[0]!.filename).toMatch(/^drift-churn-tenure-.*\.png$/);
    expect(charts[0]!.title).toBe('churn-predictor tenure_months: reference vs current');

    // A third breach while it fires is quiet: same incident, no second chart.
    await h.advance(10 * MINUTE);
    expect(h.vigil.ctx.db.select().from(incidents).all()).toHaveLength(1);
    expect(h.emulator.files().filter((f) => f.channel === channel.id)).toHaveLength(1);
  });

  it('lists monitors with their state and recent checks, over the API and in Slack', async () => {
    const listed = await getJson('/api/monitors');
    const monitors = listed.body['monitors'] as Array<Record<string, unknown>>;
    expect(monitors.map((m) => m['name'])).toEqual(['churn-tenure', 'plan-mix']);
    expect(monitors[0]).toMatchObject({ state: 'drifting', firing: true, breachStreak: 3, window: '1h', every: '10m', baseline: 'churn-training' });
    expect((monitors[0]!['recentChecks'] as unknown[]).length).toBe(3);
    expect(monitors[1]).toMatchObject({ baseline: { rolling: '1d' } });
    const reply = await h.type('monitors');
    expect(reply).toContain('churn-tenure');
    expect(reply).toContain('drifting');
    expect((await check()).status).toBe(200);
    expect((await post('/api/monitors/nope/check', {}, API_TOKEN)).status).toBe(404);
  });

  it('clears the signal after two checks in a row without drift', async () => {
    // An hour later the shifted samples have left the window; the new ones match the baseline.
    h.clock.advance(60 * MINUTE);
    expect((await samples(normalSample(400, 24, 6, 4))).status).toBe(202);
    await h.advance(0);
    const incident = h.vigil.ctx.db.select().from(incidents).get()!;
    expect(h.vigil.ctx.db.select().from(alerts).where(eq(alerts.incidentId, incident.id)).get()!.status).toBe('firing');
    await h.advance(10 * MINUTE);
    expect(h.vigil.ctx.db.select().from(alerts).where(eq(alerts.incidentId, incident.id)).get()!.status).toBe('resolved');
    const channel = h.incidentChannel(incident.id)!;
    expect(h.emulator.messages(channel.id).map(messageText).join('\n')).toContain('Signal cleared');
    const listed = await getJson('/api/monitors');
    expect((listed.body['monitors'] as Array<Record<string, unknown>>)[0]).toMatchObject({ state: 'ok', firing: false });
  });
});
