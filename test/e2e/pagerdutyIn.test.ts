import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness, fixture, messageText } from '../support/harness.js';
import { TOKENS } from '../support/testPolicy.js';
import { INTEGRATION_TOKENS, integrationPolicy, pagerduty, postJson, row, rows } from '../support/integrations.js';

// PagerDuty Events API v2 into Vigil, over HTTP, with the bodies of PagerDuty's own schema and
// docs and of Grafana's PagerDuty notifier (test/fixtures/pagerduty/).

type Event = Record<string, unknown>;
const event = (name: string): Event => fixture<Event>(`pagerduty/${name}.json`);

interface IncidentFacts {
  id: number;
  title: string;
  severity: string;
  category: string;
  status: string;
  model_name: string | null;
  acknowledged_by: string | null;
  metric: string | null;
}

const incidentOf = (h: Harness, id: number) => row<IncidentFacts>(h, 'select * from incidents where id = ?', id)!;
const incidentCount = (h: Harness) => row<{ n: number }>(h, 'select count(*) as n from incidents')!.n;

describe('PagerDuty Events v2 in: trigger, acknowledge, resolve', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start({ policyFile: integrationPolicy() });
  });
  afterAll(async () => {
    await h.close();
  });

  it("a trigger (PagerDuty's schema example) opens an incident and is answered as PagerDuty answers", async () => {
    const res = await pagerduty(h, event('events-v2-trigger'));
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ status: 'success', message: 'Event processed', dedup_key: 'srv01/mysql' });
    await h.settle();
    const alert = row<{ incident_id: number; source: string; source_kind: string; labels: string; links: string; started_at: number }>(
      h,
      "select * from alerts where dedup_key = 'srv01/mysql'",
    )!;
    expect(alert).toMatchObject({ source: 'datadog', source_kind: 'pagerduty' });
    const incident = incidentOf(h, alert.incident_id);
    // critical is SEV1; the summary is the title; "disk" class and summary infer nothing we know: custom -> model
    expect(incident).toMatchObject({ title: 'DISK at 99% on machine prod-datapipe03.example.com', severity: 'SEV1', status: 'triggered' });
    expect(JSON.parse(alert.labels)).toMatchObject({ pagerduty_source: 'prod-datapipe03.example.com', component: 'mysql', group: 'prod-datapipe', class: 'disk' });
    expect(new Date(alert.started_at).toISOString()).toBe('2015-07-17T08:42:58.315Z');
    const links = JSON.parse(alert.links) as Array<{ title: string; url: string }>;
    expect(links.map((l) => l.title)).toEqual(['Sample Monitoring Service', 'An example link.', 'An example link with an image']);
    const channel = h.incidentChannel(incident.id)!;
    expect(h.emulator.messages(channel.id).map(messageText).join('\n')).toContain('DISK at 99%');
  });

  it('a repeated trigger joins the same alert; a trigger without dedup_key gets one back, as PagerDuty makes one', async () => {
    const again = await pagerduty(h, event('events-v2-trigger'));
    expect(again.body).toMatchObject({ status: 'success', dedup_key: 'srv01/mysql' });
    expect(row<{ n: number }>(h, "select receive_count as n from alerts where dedup_key = 'srv01/mysql'")!.n).toBe(2);

    const fresh = await pagerduty(h, event('events-v2-trigger-no-dedup-key'));
    expect(fresh.status).toBe(202);
    const key = (fresh.body as { dedup_key: string }).dedup_key;
    expect(key).toMatch(/^[0-9a-f-]{36}$/);
    const alert = row<{ incident_id: number }>(h, 'select incident_id from alerts where dedup_key = ?', key)!;
    expect(incidentOf(h, alert.incident_id).severity).toBe('SEV4'); // info
    await h.settle();
  });

  it('acknowledge acknowledges the incident holding the alert, as the sender; again changes nothing', async () => {
    const opened = await pagerduty(h, { ...event('events-v2-trigger'), dedup_key: 'fraud/accuracy', payload: { ...(event('events-v2-trigger')['payload'] as Event), summary: 'Fraud accuracy down', custom_details: { model: 'fraud-detector', signal: 'accuracy_drop' } } });
    expect(opened.status).toBe(202);
    await h.settle();
    const incidentId = row<{ incident_id: number }>(h, "select incident_id from alerts where dedup_key = 'fraud/accuracy'")!.incident_id;

    const ack = await pagerduty(h, { ...event('events-v2-acknowledge'), dedup_key: 'fraud/accuracy' });
    expect(ack.status).toBe(202);
    expect(ack.body).toEqual({ status: 'success', message: 'Event processed', dedup_key: 'fraud/accuracy' });
    await h.settle();
    expect(incidentOf(h, incidentId)).toMatchObject({ status: 'acknowledged', acknowledged_by: 'datadog' });
    const ackEvents = rows<{ actor: string; data: string }>(h, "select actor, data from timeline_events where incident_id = ? and kind = 'incident.acknowledged'", incidentId);
    expect(ackEvents).toHaveLength(1);
    expect(ackEvents[0]!.actor).toBe('datadog');
    expect(JSON.parse(ackEvents[0]!.data)).toMatchObject({ via: 'pagerduty' });
    const channel = h.incidentChannel(incidentId)!;
    expect(h.emulator.messages(channel.id).map(messageText).join('\n')).toContain('datadog acknowledged');
    // The topic names the source as it is: only a person is a mention.
    expect(h.incidentChannel(incidentId)!.topic).toContain('ack by datadog');

    const again = await pagerduty(h, { ...event('events-v2-acknowledge'), dedup_key: 'fraud/accuracy' });
    expect(again.status).toBe(202);
    expect(rows(h, "select id from timeline_events where incident_id = ? and kind = 'incident.acknowledged'", incidentId)).toHaveLength(1);
  });

  it('an acknowledge or resolve for a dedup_key nothing open holds is taken and changes nothing (PagerDuty drops those too)', async () => {
    const before = incidentCount(h);
    for (const name of ['events-v2-acknowledge', 'events-v2-resolve']) {
      const res = await pagerduty(h, event(name));
      expect(res.status).toBe(202);
      expect(res.body).toMatchObject({ status: 'success', dedup_key: 'dedupkeyhere' });
    }
    expect(incidentCount(h)).toBe(before);
  });

  it('resolve clears the signal like an Alertmanager resolved alert; the incident stays open for a person to resolve', async () => {
    const res = await pagerduty(h, { ...event('events-v2-resolve'), dedup_key: 'fraud/accuracy' });
    expect(res.status).toBe(202);
    await h.settle();
    const alert = row<{ status: string; incident_id: number }>(h, "select status, incident_id from alerts where dedup_key = 'fraud/accuracy'")!;
    expect(alert.status).toBe('resolved');
    expect(incidentOf(h, alert.incident_id).status).toBe('acknowledged');
    const cleared = rows<{ data: string }>(h, "select data from timeline_events where incident_id = ? and kind = 'alert.resolved'", alert.incident_id);
    expect(cleared).toHaveLength(1);
    const channel = h.incidentChannel(alert.incident_id)!;
    expect(h.emulator.messages(channel.id).map(messageText).join('\n')).toMatch(/cleared/i);
  });

  it('custom_details name the model, version, signal, category and metric (and a metric object works too)', async () => {
    const payload = {
      summary: 'Churn model accuracy 0.61 below 0.85',
      source: 'evidently-prod',
      severity: 'warning',
      custom_details: { model: 'churn', model_version: '2026-11-02', signal: 'accuracy_drop', category: 'model', metric: 'accuracy', value: '0.61', threshold: 0.85, team: 'growth' },
    };
    const res = await pagerduty(h, { event_action: 'trigger', dedup_key: 'churn/accuracy', payload });
    expect(res.status).toBe(202);
    const alert = row<{ incident_id: number; model_name: string; model_version: string; signal: string; metric_name: string; metric_value: number; metric_threshold: number; severity_hint: string; category_hint: string; annotations: string }>(
      h,
      "select * from alerts where dedup_key = 'churn/accuracy'",
    )!;
    expect(alert).toMatchObject({ model_name: 'churn', model_version: '2026-11-02', signal: 'accuracy_drop', metric_name: 'accuracy', metric_value: 0.61, metric_threshold: 0.85, severity_hint: 'SEV3', category_hint: 'model' });
    expect(JSON.parse(alert.annotations)).toMatchObject({ team: 'growth' });

    const nested = await pagerduty(h, { event_action: 'trigger', dedup_key: 'churn/psi', payload: { ...payload, summary: 'PSI high', custom_details: { model: 'churn', metric: { name: 'psi', value: 0.4, threshold: 0.2 } } } });
    expect(nested.status).toBe(202);
    expect(row(h, "select metric_name, metric_value, metric_threshold from alerts where dedup_key = 'churn/psi'")).toEqual({ metric_name: 'psi', metric_value: 0.4, metric_threshold: 0.2 });
    await h.settle();
  });

  it("Grafana's PagerDuty notifier body is taken as it is (extra description, string custom_details)", async () => {
    const res = await pagerduty(h, event('grafana-pagerduty-trigger'));
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ dedup_key: '234edb34441f942f713f3c2ccf58b1d719d921b4cbe34e57a1630f1dee847e3b' });
    const alert = row<{ incident_id: number; title: string; severity_hint: string; annotations: string; description: string }>(
      h,
      'select * from alerts where dedup_key = ?',
      '234edb34441f942f713f3c2ccf58b1d719d921b4cbe34e57a1630f1dee847e3b',
    )!;
    expect(alert).toMatchObject({ title: 'Integration Test [FIRING:1] PagerdutyAlert', severity_hint: 'SEV3', description: '[FIRING:1] PagerdutyAlert' });
    expect(JSON.parse(alert.annotations)).toMatchObject({ num_firing: '1' });
    await h.settle();
  });
});

describe("PagerDuty Events v2 in: refusals in PagerDuty's own shape", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start({ policyFile: integrationPolicy() });
  });
  afterAll(async () => {
    await h.close();
  });

  const errorsOf = (body: unknown) => (body as { errors: string[] }).errors;

  it('400 { status: "invalid event", message, errors } naming each bad field, and nothing stored', async () => {
    const trigger = event('events-v2-trigger');
    const cases: Array<[Event, RegExp]> = [
      [{ ...trigger, payload: { ...(trigger['payload'] as Event), summary: '' } }, /^payload\.summary: is missing or blank$/],
      [{ ...trigger, payload: { ...(trigger['payload'] as Event), severity: 'disaster' } }, /^payload\.severity: must be one of critical, error, warning, info$/],
      [{ ...trigger, payload: { ...(trigger['payload'] as Event), timestamp: 'yesterday' } }, /^payload\.timestamp: must be an ISO 8601/],
      [{ ...trigger, payload: undefined }, /^payload: /],
      [{ ...trigger, event_action: 'snooze' }, /event_action must be one of trigger, acknowledge, resolve/],
      [{ ...event('events-v2-acknowledge'), dedup_key: undefined }, /^dedup_key: /],
      [{ ...trigger, dedup_key: 'k'.repeat(256) }, /^dedup_key: /],
    ];
    for (const [body, error] of cases) {
      const res = await pagerduty(h, body);
      expect(res.status, JSON.stringify(body).slice(0, 200)).toBe(400);
      expect(res.body).toMatchObject({ status: 'invalid event', message: 'Event object is invalid' });
      expect(errorsOf(res.body).some((e) => error.test(e)), errorsOf(res.body).join('; ')).toBe(true);
    }
    expect(incidentCount(h)).toBe(0);
  });

  it('400 for a body that is not JSON, 415 when not sent as JSON, in the same shape', async () => {
    const broken = await postJson(h, '/webhooks/pagerduty', undefined, {}, '{"routing_key": ');
    expect(broken.status).toBe(400);
    expect(broken.body).toMatchObject({ status: 'invalid event', message: 'Event object is invalid', errors: [expect.stringContaining('JSON')] });
    const form = await postJson(h, '/webhooks/pagerduty', undefined, { 'content-type': 'application/x-www-form-urlencoded' }, 'routing_key=x');
    expect(form.status).toBe(415);
    expect(form.body).toMatchObject({ status: 'invalid event', errors: [expect.stringContaining('application/json')] });
  });

  it('401 when routing_key is missing, wrong, or the token of another kind of source (a bearer header does not count)', async () => {
    const trigger = event('events-v2-trigger');
    for (const key of [null, 'e93facc04764012d7bfb002500d5d1a6', TOKENS.alertmanager, INTEGRATION_TOKENS.grafana]) {
      const res = await pagerduty(h, trigger, key);
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ status: 'unauthorized', errors: ['routing_key is not the token of a pagerduty source'] });
    }
    const bearer = await postJson(h, '/webhooks/pagerduty', trigger, { authorization: `Bearer ${INTEGRATION_TOKENS.pagerduty}` });
    expect(bearer.status).toBe(401);
    expect(incidentCount(h)).toBe(0);
  });
});
