import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Harness, messageText } from '../support/harness.js';
import { PEOPLE } from '../support/testPolicy.js';
import { integrationPolicy, row, rows } from '../support/integrations.js';
import { PagerStandIn } from '../support/pagerStandIn.js';
import { checks, lastModal, radio, select, submitView, text } from '../support/surfacePayloads.js';
import { verifyHookSignature } from '../../src/shared/hookSignature.js';

// Escalation steps paging through PagerDuty and a webhook pager, each a local node:http server
// standing in for the real one (the policy's `pagers.*.url`), recording what arrives and able to
// fail: trigger when the step fires, acknowledge when acknowledged in Slack, resolve when resolved.

const MINUTE = 60_000;
const ROUTING_KEY = 'R0UTINGKEY0123456789abcdef012345';
const WEBHOOK_SECRET = 'test-webhook-pager-secret-0123456789';

/** A SEV1 (a safety signal always is) from the detector webhook; returns the incident id. */
async function openSev1(h: Harness, dedupKey = 'chat:toxicity'): Promise<number> {
  const res = await h.webhook('detector', { dedupKey, title: 'Toxic answers from the support bot', signal: 'safety', model: { name: 'support-bot' } });
  expect(res.status).toBe(202);
  await h.settle();
  return (res.body as { incidentId: number }).incidentId;
}

function policy(pagerduty: PagerStandIn, webhook: PagerStandIn, steps: string): string {
  return integrationPolicy(`
pagers:
  pagerduty: { routingKey: "${ROUTING_KEY}", url: "${pagerduty.url}", timeout: 1s }
  webhook: { url: "${webhook.url}", secret: "${WEBHOOK_SECRET}", timeout: 1s }
escalation:
  SEV1:
${steps}
`);
}

const SEV1_STEPS = `    - { after: 0m, notify: primary, until: acknowledged }
    - { after: 5m, notify: { pager: pagerduty }, until: resolved, label: Phone }`;

describe('an escalation step paging through PagerDuty', () => {
  let pd: PagerStandIn;
  let hook: PagerStandIn;
  let h: Harness;
  beforeEach(async () => {
    pd = await PagerStandIn.start();
    hook = await PagerStandIn.start();
  });
  afterEach(async () => {
    await h.close();
    await pd.close();
    await hook.close();
  });

  it('triggers once when the step fires, acknowledges when acknowledged in Slack, resolves when resolved', async () => {
    h = await Harness.start({ policyFile: policy(pd, hook, SEV1_STEPS) });
    const id = await openSev1(h);
    expect(pd.received).toHaveLength(0);

    await h.advance(5 * MINUTE);
    expect(pd.actions()).toEqual(['trigger']);
    const trigger = pd.received[0]!;
    expect(trigger.path).toBe('/v2/enqueue');
    expect(trigger.headers['content-type']).toBe('application/json');
    expect(trigger.body).toMatchObject({
      routing_key: ROUTING_KEY,
      event_action: 'trigger',
      dedup_key: `vigil-incident-${id}`,
      client: 'Vigil',
      payload: {
        summary: `[SEV1] INC-${id}: Toxic answers from the support bot`,
        source: 'vigil',
        severity: 'critical',
        component: 'support-bot',
        group: 'safety',
        class: 'safety',
        custom_details: { incident: id, severity: 'SEV1', step: 'Phone', reason: 'escalation', model: 'support-bot' },
      },
    });
    const channelId = h.incidentChannel(id)!.id;
    expect(trigger.body['client_url']).toBe(`https://slack.com/app_redirect?channel=${channelId}`);
    const paged = rows<{ data: string }>(h, "select data from timeline_events where incident_id = ? and kind = 'page.sent'", id).map((r) => JSON.parse(r.data) as Record<string, unknown>);
    expect(paged.find((p) => p['step'] === 'Phone')).toMatchObject({ pagers: ['pagerduty'], target: 'PagerDuty', users: [] });
    expect(h.emulator.messages(channelId).map(messageText).join('\n')).toContain('Phone: paged through PagerDuty.');

    // Exactly once per step: later ticks page nobody again.
    await h.advance(5 * MINUTE);
    await h.advance(30 * MINUTE);
    expect(pd.actions()).toEqual(['trigger']);

    expect(await h.type('ack', { channel: channelId, user: PEOPLE.mlPrimary })).toMatch(/acknowledged/i);
    expect(pd.actions()).toEqual(['trigger', 'acknowledge']);
    expect(pd.received[1]!.body).toEqual({ routing_key: ROUTING_KEY, dedup_key: `vigil-incident-${id}`, event_action: 'acknowledge' });

    const summary = h.emulator.messages(channelId)[0]!;
    expect((await h.click(summary, 'incident:resolve')).status).toBe(200);
    await h.settle();
    const submitted = await submitView(h, lastModal(h), { summary: text('Rolled back the prompt template'), modelRolledBack: radio('no') });
    expect(submitted.status).toBe(200);
    await h.settle();
    expect(pd.actions()).toEqual(['trigger', 'acknowledge', 'resolve']);
    expect(pd.received[2]!.body).toEqual({ routing_key: ROUTING_KEY, dedup_key: `vigil-incident-${id}`, event_action: 'resolve' });
    const told = rows<{ data: string }>(h, "select data from timeline_events where incident_id = ? and kind = 'pager.notified' order by id", id).map((r) => JSON.parse(r.data) as unknown);
    expect(told).toEqual([{ pager: 'pagerduty', action: 'acknowledge' }, { pager: 'pagerduty', action: 'resolve' }]);
    // The record, as /incident timeline says it.
    const timeline = await h.type('timeline', { channel: channelId });
    const files = h.emulator.files().map((f) => String((f as { content?: unknown }).content ?? '')).join('\n');
    const record = `${timeline}\n${files}`;
    expect(record).toContain('Phone: paged through PagerDuty');
    expect(record).toContain('PagerDuty told the incident was acknowledged');
    expect(record).toContain('PagerDuty told the incident was resolved');
  });

  it('a step that never fires (acknowledged first) sends PagerDuty nothing, not even an acknowledge', async () => {
    h = await Harness.start({ policyFile: policy(pd, hook, `    - { after: 0m, notify: primary }\n    - { after: 5m, notify: { pager: pagerduty } }`) });
    const id = await openSev1(h);
    await h.type('ack', { channel: h.incidentChannel(id)!.id, user: PEOPLE.mlPrimary });
    await h.advance(10 * MINUTE);
    expect(pd.received).toHaveLength(0);
  });

  it('PagerDuty down (500, 429, no answer in time): the same trigger is retried until taken, once taken never again', async () => {
    h = await Harness.start({ policyFile: policy(pd, hook, `    - { after: 0m, notify: { pager: pagerduty } }`) });
    pd.failNext({ status: 500, body: { status: 'error' } }, { status: 429, body: { status: 'throttled', message: 'Too many requests' } }, 'hang');
    const id = await openSev1(h);
    await h.vigil.settle(20_000);
    expect(pd.actions()).toEqual(['trigger', 'trigger', 'trigger', 'trigger']);
    // Rendered afresh each attempt (the channel may exist by then), always for the same PagerDuty alert.
    expect(new Set(pd.received.map((r) => r.body['dedup_key']))).toEqual(new Set([`vigil-incident-${id}`]));
    expect(new Set(pd.received.map((r) => (r.body['payload'] as { summary: string }).summary)).size).toBe(1);
    const effect = row<{ status: string; attempts: number; result: string }>(h, "select status, attempts, result from effects where kind = 'pager.trigger'")!;
    expect(effect).toMatchObject({ status: 'done', attempts: 4 });
    expect(JSON.parse(effect.result)).toMatchObject({ pager: 'pagerduty', action: 'trigger', dedupKey: `vigil-incident-${id}` });
    // Slack was not held up meanwhile: the channel and the summary were there before PagerDuty took the page.
    expect(h.incidentChannel(id)).toBeDefined();
  }, 30_000);

  it('PagerDuty refusing the event (400) is not retried; the timeline and the channel say the page did not go out', async () => {
    h = await Harness.start({ policyFile: policy(pd, hook, `    - { after: 0m, notify: { pager: pagerduty } }`) });
    pd.failNext({ status: 400, body: { status: 'invalid event', message: 'Event object is invalid', errors: ["Length of 'routing_key' is incorrect (should be 32 characters)"] } });
    const id = await openSev1(h);
    expect(pd.received).toHaveLength(1);
    expect(row<{ status: string }>(h, "select status from effects where kind = 'pager.trigger'")!.status).toBe('dead');
    const failed = rows<{ data: string }>(h, "select data from timeline_events where incident_id = ? and kind = 'pager.failed'", id);
    expect(JSON.parse(failed[0]!.data)).toMatchObject({ pager: 'pagerduty', action: 'trigger', error: expect.stringContaining('answered 400') });
    const said = h.emulator.messages(h.incidentChannel(id)!.id).map(messageText).join('\n');
    expect(said).toContain('PagerDuty refused the page');
    expect(said).toContain('routing_key');
  });
});

describe('an escalation step paging through the webhook pager', () => {
  let pd: PagerStandIn;
  let hook: PagerStandIn;
  let h: Harness;
  beforeEach(async () => {
    pd = await PagerStandIn.start();
    hook = await PagerStandIn.start();
  });
  afterEach(async () => {
    await h.close();
    await pd.close();
    await hook.close();
  });

  it('sends signed requests (X-Vigil-Signature, as the operator actions) with one Idempotency-Key per page, the same on a retry', async () => {
    h = await Harness.start({ policyFile: policy(pd, hook, `    - { after: 0m, notify: { pager: webhook }, until: resolved }`) });
    hook.failNext({ status: 503 });
    const id = await openSev1(h);
    await h.vigil.settle(15_000);
    expect(hook.actions()).toEqual(['trigger', 'trigger']);
    const [first, retry] = hook.received as [(typeof hook.received)[0], (typeof hook.received)[0]];
    expect(retry.body['dedupKey']).toBe(first.body['dedupKey']);
    expect(retry.headers['idempotency-key']).toBe(first.headers['idempotency-key']);
    for (const request of hook.received) {
      const headers = { timestamp: String(request.headers['x-vigil-timestamp']), signature: String(request.headers['x-vigil-signature']) };
      expect(verifyHookSignature(WEBHOOK_SECRET, headers, request.text, new Date())).toBe(true);
      expect(verifyHookSignature('another-secret-another-secret', headers, request.text, new Date())).toBe(false);
    }
    expect(first.body).toMatchObject({
      event: 'trigger',
      dedupKey: `vigil-incident-${id}`,
      incident: { id, title: 'Toxic answers from the support bot', severity: 'SEV1', state: 'triggered', model: { name: 'support-bot' } },
      step: { label: 'L1', reason: 'escalation' },
    });

    await h.type('ack', { channel: h.incidentChannel(id)!.id, user: PEOPLE.mlPrimary });
    expect(hook.actions()).toEqual(['trigger', 'trigger', 'acknowledge']);
    expect(hook.received[2]!.body).toMatchObject({ event: 'acknowledge', incident: { acknowledgedBy: PEOPLE.mlPrimary, state: 'acknowledged' } });
    expect(hook.received[2]!.headers['idempotency-key']).not.toBe(first.headers['idempotency-key']);
    expect(pd.received).toHaveLength(0);
  }, 30_000);

  it('a private incident is paged by its number and severity only', async () => {
    h = await Harness.start({ policyFile: policy(pd, hook, `    - { after: 0m, notify: { pager: pagerduty } }`) });
    expect((await h.command('declare Payroll model leaking salaries')).status).toBe(200);
    await h.settle();
    const modal = lastModal(h);
    const submitted = await submitView(h, modal, {
      title: text('Payroll model leaking salaries'),
      description: text('Answers quote salaries'),
      severity: select('SEV1'),
      category: select('safety'),
      modelName: text('payroll-assistant'),
      modelVersion: text(null),
      customerImpact: radio('yes'),
      isPrivate: checks('private'),
    });
    expect(submitted.status).toBe(200);
    await h.settle();
    const id = row<{ id: number; is_private: number }>(h, 'select id, is_private from incidents order by id desc limit 1')!;
    expect(id.is_private).toBe(1);
    expect(pd.received).toHaveLength(1);
    const sent = pd.received[0]!.text;
    expect(sent).toContain(`Private incident ${id.id}`);
    expect(sent).not.toMatch(/payroll|salar|quote/i);
  });
});
