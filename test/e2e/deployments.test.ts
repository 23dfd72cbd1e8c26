import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness, messageText } from '../support/harness.js';
import { API_TOKEN, DEPLOYMENTS_TOKEN, postDeployment, rollbackPolicy } from '../support/operatorHook.js';
import { DETECTOR_ALERT } from '../support/samples.js';
import { timelineOf } from '../support/surfacePayloads.js';
import { PEOPLE, TOKENS } from '../support/testPolicy.js';

// Deployments in (POST /webhooks/deployments), the history out (GET /api/models), and what an
// incident knows of its model's versions: in the summary, the channel and the timeline.

const MINUTE = 60_000;

const deployment = (version: string, at: string, extra: Record<string, unknown> = {}) => ({
  model: 'fraud-detector',
  version,
  environment: 'production',
  deployedAt: at,
  by: 'ci-bot',
  artifact: `sha256:${version}aaaa`,
  ...extra,
});

function summaryOf(h: Harness, incidentId: number): string {
  const summary = h.channelMessages(incidentId).find((m) => JSON.stringify(m.blocks ?? []).includes('incident-actions'));
  if (!summary) throw new Error(`no summary in incident ${incidentId}`);
  return messageText(summary);
}

async function getModels(h: Harness, query = '', token: string | null = API_TOKEN) {
  const response = await fetch(`${h.url}/api/models${query}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('deployments in, and the versions an incident knows', () => {
  let h: Harness;

  beforeAll(async () => {
    // 16:01 UTC. The first signal starts at 15:00 and is observed at 15:30.
    h = await Harness.start({ policyFile: rollbackPolicy() });
  });
  afterAll(async () => {
    await h.close();
  });

  it('stores a deployment once, answers 202 with its id, and a sender retry is a duplicate', async () => {
    const first = await postDeployment(h.url, deployment('v14', '2026-11-20T09:00:00Z'));
    expect(first).toEqual({ status: 202, body: { deploymentId: 1, duplicate: false, incidentIds: [] } });
    const again = await postDeployment(h.url, deployment('v14', '2026-11-20T09:00:00Z'));
    expect(again).toEqual({ status: 202, body: { deploymentId: 1, duplicate: true, incidentIds: [] } });
    const v15 = await postDeployment(h.url, deployment('v15', '2026-11-22T12:30:00Z', { notes: 'retrained on November data', pipeline: { run: 42 } }));
    expect(v15.body).toMatchObject({ duplicate: false });
    expect(v15.body!['deploymentId']).toBeGreaterThan(1);
  });

  it('refuses what is not a deployment with the webhooks\' answers: 400 with issues, 401, 415, 413', async () => {
    const bad = await postDeployment(h.url, { model: 'fraud-detector', environment: 'production', deployedAt: 'yesterday', by: 'ci-bot' });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: 'body failed validation' });
    const paths = (bad.body!['issues'] as Array<{ path: string }>).map((i) => i.path).sort();
    expect(paths).toEqual(['deployedAt', 'version']);
    expect((await postDeployment(h.url, deployment('v1', '2026-11-20T09:00:00Z'), { token: null })).status).toBe(401);
    // A detector's token does not open the deployments webhook, nor an API reader's.
    expect((await postDeployment(h.url, deployment('v1', '2026-11-20T09:00:00Z'), { token: TOKENS.detector })).status).toBe(401);
    expect((await postDeployment(h.url, deployment('v1', '2026-11-20T09:00:00Z'), { token: API_TOKEN })).status).toBe(401);
    expect((await postDeployment(h.url, undefined, { contentType: 'text/plain', raw: 'v15 is out' })).status).toBe(415);
    const huge = await postDeployment(h.url, undefined, { raw: JSON.stringify(deployment('v1', '2026-11-20T09:00:00Z', { notes: 'x'.repeat(1024 * 1024) })) });
    expect(huge.status).toBe(413);
  });

  it('shows the version live when the first signal started, when it was deployed and by whom, and the one before', async () => {
    const res = await h.webhook('detector', {
      ...DETECTOR_ALERT,
      model: { name: 'fraud-detector' },
      startedAt: '2026-11-22T15:00:00Z',
      observedAt: '2026-11-22T15:30:00Z',
    });
    expect(res.status).toBe(202);
    await h.settle();
    const summary = summaryOf(h, 1);
    expect(summary).toContain('*fraud-detector* *v15*, deployed 3h before detection by ci-bot to production · artifact `sha256:v15aaaa`; previous *v14*');
    expect(summary).not.toContain('Live now');
  });

  it('posts a deployment of the incident\'s model in its channel, puts it on the timeline, and the summary shows it', async () => {
    h.clock.advance(4 * MINUTE);
    const res = await postDeployment(h.url, deployment('v16', '2026-11-22T16:04:00Z', { notes: 'hotfix: <!channel> clip scores' }));
    expect(res.body).toMatchObject({ duplicate: false, incidentIds: [1] });
    await h.settle();
    const notice = h.channelMessages(1).find((m) => (m.text ?? '').startsWith(':package:'));
    expect(notice?.text).toContain('*fraud-detector* *v16* deployed to *production*');
    expect(notice?.text).toContain('by ci-bot · artifact `sha256:v16aaaa`. The incident is about *v15*.');
    // A sender's words never ping anyone.
    expect(notice?.text).toContain('&lt;!channel&gt;');
    const [event] = timelineOf(h, 'deployment.recorded', 1);
    expect(event?.data).toMatchObject({ model: 'fraud-detector', version: 'v16', environment: 'production', by: 'ci-bot', artifact: 'sha256:v16aaaa' });
    expect(event?.shown).toContain('Deployed fraud-detector v16 to production by ci-bot at 2026-11-22 16:04 UTC (artifact sha256:v16aaaa)');
    const summary = summaryOf(h, 1);
    expect(summary).toContain('Deployed since the first signal: *v16* to production');
    expect(summary).toContain('*Live now:* *v16*, deployed');
  });

  it('reads the history in the environment an alert names, and shows where the alert and the history disagree', async () => {
    const churn = (version: string, environment: string, at: string) => ({ model: 'churn', version, environment, deployedAt: at, by: 'mlflow' });
    await postDeployment(h.url, churn('c1', 'production', '2026-11-19T09:00:00Z'));
    await postDeployment(h.url, churn('c2', 'production', '2026-11-21T09:00:00Z'));
    // Newer, but in staging: not what production served.
    await postDeployment(h.url, churn('c9', 'staging', '2026-11-22T14:00:00Z'));
    const res = await h.webhook('detector', {
      ...DETECTOR_ALERT,
      dedupKey: 'churn:accuracy',
      title: 'Churn accuracy 0.71 below 0.85',
      signal: 'accuracy_drop',
      model: { name: 'churn', version: 'c3' },
      metric: { name: 'accuracy', value: 0.71, threshold: 0.85 },
      startedAt: '2026-11-22T15:00:00Z',
      observedAt: '2026-11-22T15:30:00Z',
      labels: { environment: 'production' },
    });
    const incidentId = (res.body as { incidentId: number }).incidentId;
    await h.settle();
    const summary = summaryOf(h, incidentId);
    expect(summary).toContain('*churn* *c3* _(as the alert reports)_; previous *c2*');
    expect(summary).toContain(':warning: The alert reports *c3*, but the deployment history had *c2* live when the first signal started');
    expect(summary).not.toContain('c9');
  });

  it('GET /api/models lists every model with what is live per environment and its deployments, newest first', async () => {
    const { status, body } = await getModels(h);
    expect(status).toBe(200);
    const models = body['models'] as Array<{ model: string; live: unknown[]; deployments: Array<{ version: string }> }>;
    expect(models.map((m) => m.model)).toEqual(['churn', 'fraud-detector']);
    const fraud = models.find((m) => m.model === 'fraud-detector')!;
    expect(fraud.deployments.map((d) => d.version)).toEqual(['v16', 'v15', 'v14']);
    expect(fraud.live).toEqual([{ environment: 'production', version: 'v16', via: 'deployment', since: '2026-11-22T16:04:00.000Z', by: 'ci-bot', artifact: 'sha256:v16aaaa' }]);
    expect(fraud.deployments[1]).toMatchObject({ version: 'v15', notes: 'retrained on November data', source: 'ci', deployedAt: '2026-11-22T12:30:00.000Z' });
    const churn = models.find((m) => m.model === 'churn')!;
    expect(churn.live.map((l) => (l as { environment: string; version: string }).version)).toEqual(['c2', 'c9']);

    const one = await getModels(h, '?model=churn');
    expect((one.body['models'] as unknown[]).length).toBe(1);
    expect((await getModels(h, '', null)).status).toBe(401);
    expect((await getModels(h, '', DEPLOYMENTS_TOKEN)).status).toBe(401);
    expect((await getModels(h, '?model=a&model=b')).status).toBe(400);
  });

  it('offers no Roll back or Disable model without a hook in the policy, and the command says what to add', async () => {
    const blocks = JSON.stringify(h.channelMessages(1).find((m) => JSON.stringify(m.blocks ?? []).includes('incident-actions'))?.blocks ?? []);
    expect(blocks).not.toContain('model:rollback');
    expect(blocks).not.toContain('model:kill-switch');
    const channel = h.incidentChannel(1)!.id;
    expect(await h.type('rollback', { channel, user: PEOPLE.lead })).toBe('No rollback hook is configured: add actions.rollback to the policy file.');
    expect(await h.type('kill-switch', { channel, user: PEOPLE.lead })).toBe('No kill switch hook is configured: add actions.killSwitch to the policy file.');
  });

  it('a deployment of another model says nothing in the channel', async () => {
    const before = h.channelMessages(1).length;
    const other = await postDeployment(h.url, { ...deployment('x1', '2026-11-22T16:06:00Z'), model: 'ranker' });
    expect(other.body).toMatchObject({ incidentIds: [] });
    await h.settle();
    expect(h.channelMessages(1).length).toBe(before);
  });
});
