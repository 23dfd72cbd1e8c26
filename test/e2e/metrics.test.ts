import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness, fixture } from '../support/harness.js';
import { INTEGRATION_TOKENS, integrationPolicy, pagerduty, postJson, row } from '../support/integrations.js';
import { Scrape, hasPromtool, promtoolCheck } from '../support/prometheusText.js';

// GET /metrics scraped over HTTP and read by a Prometheus text-format parser (and by Prometheus'
// own promtool where Debian's package is installed), with counters moving as alerts arrive.

const METRICS_TOKEN = 'test-metrics-token-0123456789abcdef';
const MINUTE = 60_000;

async function scrape(h: Harness, token: string | null = METRICS_TOKEN): Promise<Scrape> {
  const response = await fetch(`${h.url}/metrics`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return new Scrape(await response.text());
}

/** A PagerDuty trigger; each model is its own incident (alerts of one model and category group together). */
const trigger = (dedupKey: string, severity = 'critical', model = 'fraud') => ({
  event_action: 'trigger',
  dedup_key: dedupKey,
  payload: { summary: `${model} model accuracy collapsed (${dedupKey})`, source: 'evidently', severity, custom_details: { model, signal: 'accuracy_drop' } },
});

describe('GET /metrics', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start({ policyFile: integrationPolicy(`metrics: { token: "${METRICS_TOKEN}" }\n`) });
  });
  afterAll(async () => {
    await h.close();
  });

  it('answers 401 without the metrics token, and the text format with it', async () => {
    const attempts: Array<Record<string, string>> = [{}, { authorization: 'Bearer wrong-token-wrong-token' }, { authorization: `Bearer ${INTEGRATION_TOKENS.pagerduty}` }];
    for (const headers of attempts) {
      const res = await fetch(`${h.url}/metrics`, { headers });
      expect(res.status).toBe(401);
    }
    // Parsed strictly: a line a Prometheus server would refuse throws.
    const first = await scrape(h);
    for (const name of ['vigil_webhook_requests_total', 'vigil_alerts_received_total', 'vigil_incidents_open', 'vigil_effects_pending', 'vigil_effects_dead', 'vigil_effects_oldest_pending_age_seconds', 'vigil_pages_sent_total', 'vigil_page_delay_seconds', 'vigil_time_to_acknowledge_seconds', 'vigil_webhook_duration_seconds', 'vigil_slack_api_calls_total', 'vigil_slack_api_duration_seconds', 'nodejs_eventloop_lag_seconds', 'process_cpu_seconds_total']) {
      expect(first.family(name), name).toBeDefined();
    }
    expect(first.family('vigil_page_delay_seconds')!.type).toBe('histogram');
    expect(first.family('vigil_alerts_received_total')!.type).toBe('counter');
    expect(first.family('vigil_incidents_open')!.type).toBe('gauge');
    expect(first.value('vigil_incidents_open', { severity: 'SEV1' })).toBe(0);
  });

  it('counters move as alerts arrive: webhooks by route and status, alerts by source and outcome, pages, open incidents', async () => {
    const before = await scrape(h);
    const am = await h.webhook('alertmanager', fixture('alertmanager-firing.json'));
    expect(am.status).toBe(202);
    expect((await pagerduty(h, trigger('fraud/1'))).status).toBe(202);
    expect((await pagerduty(h, trigger('fraud/1'))).status).toBe(202); // the same alert again
    expect((await pagerduty(h, { event_action: 'trigger', payload: { summary: '' } })).status).toBe(400);
    expect((await pagerduty(h, trigger('fraud/2'), 'not-a-routing-key-at-all')).status).toBe(401);
    await h.settle();
    const after = await scrape(h);
    const moved = (name: string, labels: Record<string, string>) => after.value(name, labels) - before.value(name, labels);

    expect(moved('vigil_webhook_requests_total', { route: '/webhooks/alertmanager', status: '202' })).toBe(1);
    expect(moved('vigil_webhook_requests_total', { route: '/webhooks/pagerduty', status: '202' })).toBe(2);
    expect(moved('vigil_webhook_requests_total', { route: '/webhooks/pagerduty', status: '400' })).toBe(1);
    expect(moved('vigil_webhook_requests_total', { route: '/webhooks/pagerduty', status: '401' })).toBe(1);
    const firingAlerts = (fixture<{ alerts: unknown[] }>('alertmanager-firing.json')).alerts.length;
    expect(moved('vigil_alerts_received_total', { source: 'prometheus', outcome: 'accepted' })).toBe(firingAlerts);
    expect(moved('vigil_alerts_received_total', { source: 'datadog', outcome: 'accepted' })).toBe(1);
    expect(moved('vigil_alerts_received_total', { source: 'datadog', outcome: 'deduplicated' })).toBe(1);
    expect(moved('vigil_alerts_received_total', { source: 'datadog', outcome: 'invalid' })).toBe(1);
    expect(after.histogram('vigil_webhook_duration_seconds', { route: '/webhooks/pagerduty' }).count - before.histogram('vigil_webhook_duration_seconds', { route: '/webhooks/pagerduty' }).count).toBe(4);
    // Every stored delivery went through a group commit: the batches hold at least the 202s.
    const batched = after.histogram('vigil_group_commit_batch_size', {});
    expect(batched.sum - before.histogram('vigil_group_commit_batch_size', {}).sum).toBeGreaterThanOrEqual(4);

    const open = row<{ n: number }>(h, "select count(*) as n from incidents where status != 'resolved' and severity = 'SEV1'")!.n;
    expect(open).toBeGreaterThan(0);
    expect(after.value('vigil_incidents_open', { severity: 'SEV1' })).toBe(open);
    // Each new incident paged its primary by DM at once: delivered, with the delay from due to sent.
    expect(moved('vigil_pages_sent_total', { channel: 'slack_dm' })).toBe(2);
    expect(after.histogram('vigil_page_delay_seconds', { channel: 'slack_dm' }).count).toBe(2);
    expect(after.value('vigil_slack_api_calls_total', { method: 'chat.postMessage' })).toBeGreaterThan(before.value('vigil_slack_api_calls_total', { method: 'chat.postMessage' }));
    expect(after.value('vigil_effects_pending', { class: 'core' })).toBe(0);
    expect(after.value('vigil_effects_oldest_pending_age_seconds')).toBe(0);
  });

  it('a page due while the scheduler was late counts its delay; time to acknowledge is a histogram by severity', async () => {
    expect((await pagerduty(h, trigger('churn/late', 'error', 'churn'))).status).toBe(202);
    await h.settle();
    const id = row<{ incident_id: number }>(h, "select incident_id from alerts where dedup_key = 'churn/late'")!.incident_id;
    expect(row<{ severity: string }>(h, 'select severity from incidents where id = ?', id)!.severity).toBe('SEV2');
    const before = await scrape(h);
    // L2 (the secondary) is due at 15m for every incident still unacknowledged; the tick comes 45 s after it.
    await h.advance(15 * MINUTE + 45_000);
    const after = await scrape(h);
    const delay = (s: Scrape) => s.histogram('vigil_page_delay_seconds', { channel: 'slack_dm' });
    const late = delay(after).count - delay(before).count;
    expect(late).toBeGreaterThanOrEqual(1);
    expect(delay(after).buckets['30']! - delay(before).buckets['30']!).toBe(0);
    expect(delay(after).buckets['60']! - delay(before).buckets['60']!).toBe(late);

    expect((await pagerduty(h, { event_action: 'acknowledge', dedup_key: 'churn/late' })).status).toBe(202);
    await h.settle();
    const acked = await scrape(h);
    const tta = acked.histogram('vigil_time_to_acknowledge_seconds', { severity: 'SEV2' });
    expect(tta.count).toBe(1);
    expect(tta.buckets['900']).toBe(0);
    expect(tta.buckets['1800']).toBe(1);
  });

  it('Slack API errors by method and error, and failed deliveries by kind and verdict', async () => {
    const before = await scrape(h);
    h.emulator.injectFault('chat.postMessage', { error: 'internal_error' }, 1);
    expect((await pagerduty(h, trigger('ranker/fault', 'critical', 'ranker'))).status).toBe(202);
    await h.settle();
    const after = await scrape(h);
    expect(after.value('vigil_slack_api_errors_total', { method: 'chat.postMessage', error: 'internal_error' }) - before.value('vigil_slack_api_errors_total', { method: 'chat.postMessage', error: 'internal_error' })).toBe(1);
    const failures = (s: Scrape) => s.value('vigil_effect_delivery_failures_total', { verdict: 'transient' });
    expect(failures(after) - failures(before)).toBe(1);
  });

  it.skipIf(!hasPromtool)("passes Prometheus' own promtool check metrics", async () => {
    const { output } = promtoolCheck((await scrape(h)).text);
    // promtool parses the scrape, then lints names. Its only remarks are on three gauges prom-client's
    // default process metrics name with _total (nodejs_active_handles_total...), not ours to rename.
    const remarks = output.split('\n').filter((line) => line !== '');
    expect(remarks.filter((line) => !/^nodejs_active_(handles|requests|resources)_total non-counter metrics should not have "_total" suffix$/.test(line))).toEqual([]);
    // A scrape it could not parse says so, whatever the lint.
    expect(output).not.toMatch(/error|parsing/i);
  });
});

describe('GET /metrics without a metrics token in the policy', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start({ policyFile: integrationPolicy() });
  });
  afterAll(async () => {
    await h.close();
  });

  it('is open, and webhooks count from zero in a fresh process', async () => {
    const first = await scrape(h, null);
    expect(first.value('vigil_webhook_requests_total', { route: '/webhooks/pagerduty', status: '202' })).toBe(0);
    expect((await postJson(h, '/webhooks/pagerduty', { ...trigger('x/1'), routing_key: INTEGRATION_TOKENS.pagerduty })).status).toBe(202);
    await h.settle();
    expect((await scrape(h, null)).value('vigil_webhook_requests_total', { route: '/webhooks/pagerduty', status: '202' })).toBe(1);
  });
});
