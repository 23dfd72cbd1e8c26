import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness, fixture } from '../support/harness.js';
import { TOKENS } from '../support/testPolicy.js';
import { DETECTOR_ALERT } from '../support/samples.js';
import { alertsOf } from '../../src/incidents/queries.js';

const validDetector = { dedupKey: 'k1', title: 'Confidence collapsed', signal: 'confidence_drop', status: 'firing' };

function incidentCount(h: Harness): number {
  return (h.vigil.store.sqlite.prepare('select count(*) as n from incidents').get() as { n: number }).n;
}

describe('webhook contract: bad input gets a clear 4xx and leaves nothing behind', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start();
  });
  afterAll(async () => {
    await h.close();
  });

  it('401 without a token, with a wrong token, and with a token of the other kind of source', async () => {
    const none = await h.webhook('detector', validDetector, { token: null });
    expect(none.status).toBe(401);
    expect(none.body).toMatchObject({ error: expect.stringContaining('bearer token') });
    expect((await h.webhook('detector', validDetector, { token: 'not-the-token-at-all' })).status).toBe(401);
    expect((await h.webhook('detector', validDetector, { token: TOKENS.alertmanager })).status).toBe(401);
    expect(incidentCount(h)).toBe(0);
  });

  it('415 for a body that is not JSON', async () => {
    const res = await h.webhook('detector', undefined, { contentType: 'text/plain', raw: 'title=hello' });
    expect(res.status).toBe(415);
    expect(res.body).toMatchObject({ error: expect.stringContaining('application/json') });
  });

  it('400 with issues naming each bad field', async () => {
    const res = await h.webhook('detector', { ...validDetector, signal: 'vibes', metric: { name: 'psi', value: 'high' }, dedupKey: '' });
    expect(res.status).toBe(400);
    const body = res.body as { error: string; issues: Array<{ path: string; message: string }> };
    expect(body.error).toBe('body failed validation');
    expect(body.issues.map((i) => i.path).sort()).toEqual(['dedupKey', 'metric.value', 'signal']);
    expect(incidentCount(h)).toBe(0);
  });

  it('400 for malformed JSON and for an Alertmanager body without alerts', async () => {
    const broken = await h.webhook('detector', undefined, { raw: '{"title": ' });
    expect(broken.status).toBe(400);
    expect(broken.body).toMatchObject({ error: 'body is not valid JSON' });
    const firing = fixture<Record<string, unknown>>('alertmanager-firing.json');
    const empty = await h.webhook('alertmanager', { ...firing, alerts: [] });
    expect(empty.status).toBe(400);
    expect((empty.body as { issues: Array<{ path: string }> }).issues[0]!.path).toBe('alerts');
    expect(incidentCount(h)).toBe(0);
  });

  it('413 for a body over 1 MB', async () => {
    const res = await h.webhook('detector', { ...validDetector, description: 'x'.repeat(1024 * 1024 + 10) });
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ error: expect.stringContaining('larger than') });
    expect(incidentCount(h)).toBe(0);
  });

  it('503 with Retry-After when the alert cannot be stored, and nothing half-written', async () => {
    const before = incidentCount(h);
    // The database refuses writes, as a full disk or a locked file would.
    h.vigil.store.sqlite.pragma('query_only = ON');
    try {
      const res = await h.webhook('detector', { ...validDetector, dedupKey: 'k-503' });
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({ error: expect.stringContaining('retry later') });
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      h.vigil.store.sqlite.pragma('query_only = OFF');
    }
    expect(incidentCount(h)).toBe(before);
    // Alertmanager retries; the retry lands.
    expect((await h.webhook('detector', { ...validDetector, dedupKey: 'k-503' })).status).toBe(202);
  });

  it('accepts unknown fields and keeps them with the alert', async () => {
    const res = await h.webhook('detector', { ...validDetector, dedupKey: 'k-extra', detectorVersion: '9.1', extra: { a: 1 } });
    expect(res.status).toBe(202);
    const row = h.vigil.store.sqlite.prepare('select raw from alerts where dedup_key = ?').get('k-extra') as { raw: string };
    expect(JSON.parse(row.raw)).toMatchObject({ detectorVersion: '9.1', extra: { a: 1 } });
  });

  it('stores every field as sent, read back through the schema: the alert that opens an incident and one that joins it', async () => {
    const opening = { ...DETECTOR_ALERT, dedupKey: 'contract:psi:age', description: 'Age drifted after the 11-02 retrain', category: 'data' };
    const joining = { ...opening, dedupKey: 'contract:psi:income', title: 'PSI on feature income is 0.4', metric: { name: 'psi', value: 0.4 }, severity: undefined, startedAt: undefined, model: { name: 'fraud-detector' } };
    const first = await h.webhook('detector', opening);
    const second = await h.webhook('detector', joining);
    const incidentId = (first.body as { incidentId: number }).incidentId;
    expect((second.body as { incidentId: number }).incidentId).toBe(incidentId);
    const [opened, joined] = alertsOf(h.vigil.store.db, incidentId);
    expect(opened).toMatchObject({
      source: 'evidently',
      sourceKind: 'detector',
      dedupKey: 'contract:psi:age',
      groupKey: null,
      status: 'firing',
      title: 'PSI on feature age is 0.31',
      description: 'Age drifted after the 11-02 retrain',
      signal: 'data_drift',
      modelName: 'fraud-detector',
      modelVersion: '2026-11-02',
      metricName: 'psi',
      metricValue: 0.31,
      metricThreshold: 0.25,
      severityHint: 'SEV3',
      categoryHint: 'data',
      labels: { team: 'risk', detector: 'evidently-prod' },
      annotations: {},
      links: [{ title: 'dashboard', url: 'https://evidently.example.com/r/1' }],
      raw: expect.objectContaining({ dedupKey: 'contract:psi:age', description: 'Age drifted after the 11-02 retrain' }),
      startedAt: new Date('2026-11-21T22:00:00Z'),
      observedAt: new Date('2026-11-22T10:00:00Z'),
      endedAt: null,
      receiveCount: 1,
    });
    expect(opened!.firstReceivedAt).toBeInstanceOf(Date);
    expect(joined).toMatchObject({
      dedupKey: 'contract:psi:income',
      metricValue: 0.4,
      metricThreshold: null,
      modelVersion: null,
      severityHint: null,
      startedAt: null,
      endedAt: null,
      labels: { team: 'risk', detector: 'evidently-prod' },
    });
    expect(joined!.lastReceivedAt.getTime()).toBe(joined!.firstReceivedAt.getTime());
  });
});
