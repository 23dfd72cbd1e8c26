import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness, fixture, messageText } from '../support/harness.js';
import { TOKENS } from '../support/testPolicy.js';
import { grafana, integrationPolicy, row, rows } from '../support/integrations.js';

// Grafana alerting's webhook contact point into Vigil, with bodies real Grafana sent
// (test/fixtures/grafana/: Grafana's docs, deliveries captured from Grafana 9 and 11).

type Body = Record<string, unknown>;
const body = (name: string): Body => fixture<Body>(`grafana/${name}.json`);

interface AlertFacts {
  incident_id: number;
  source: string;
  source_kind: string;
  status: string;
  title: string;
  metric_name: string | null;
  metric_value: number | null;
  links: string;
  annotations: string;
}

const alertOf = (h: Harness, fingerprint: string) => row<AlertFacts>(h, 'select * from alerts where dedup_key = ?', fingerprint)!;

describe('Grafana webhook contact point in', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start({ policyFile: integrationPolicy() });
  });
  afterAll(async () => {
    await h.close();
  });

  it("Grafana's documented example: two firing alerts of one group open one incident", async () => {
    const res = await grafana(h, body('webhook-docs-firing'));
    expect(res.status).toBe(202);
    const answer = res.body as { incidentId: number; alertIds: number[]; deduplicated: boolean };
    expect(answer.alertIds).toHaveLength(2);
    expect(answer.deduplicated).toBe(false);
    await h.settle();
    const memory = alertOf(h, 'c6eadffa33fcdf37');
    const cpu = alertOf(h, 'bc97ff14869b13e3');
    expect(memory.incident_id).toBe(answer.incidentId);
    expect(cpu.incident_id).toBe(answer.incidentId);
    expect(memory).toMatchObject({ source: 'grafana', source_kind: 'grafana', status: 'firing', title: 'This alert was triggered for zone us-1' });
    // values {B, C}: which is the value is not said, so no metric is guessed
    expect(memory.metric_value).toBeNull();
    const links = JSON.parse(memory.links) as Array<{ title: string; url: string }>;
    expect(links.map((l) => l.title)).toEqual(['Alert rule', 'Runbook', 'Silence', 'Grafana']);
    const channel = h.incidentChannel(answer.incidentId)!;
    expect(h.emulator.messages(channel.id).map(messageText).join('\n')).toContain('This alert was triggered for zone us-1');
  });

  it('Grafana 11 with values and valueString: the evaluated value is the metric; dashboard, panel and image are links', async () => {
    const res = await grafana(h, body('webhook-v11-values'));
    expect(res.status).toBe(202);
    const alert = alertOf(h, 'e6349a25f5ef0e9e');
    expect(alert).toMatchObject({ title: 'High memory usage', metric_name: 'Memory (copy) A', metric_value: 2473545728 });
    const links = JSON.parse(alert.links) as Array<{ title: string; url: string }>;
    expect(links.map((l) => l.title)).toEqual(['Alert rule', 'Dashboard', 'Panel', 'Panel image', 'Silence', 'Grafana']);
    expect(links.find((l) => l.title === 'Panel')!.url).toBe('https://play.grafana.org/d/ece9fb32-7f71-4be9-bd94-2f23608ae5b9?orgId=1&viewPanel=2');
    expect(JSON.parse(alert.annotations)).toMatchObject({ value_string: expect.stringContaining("var='A'") });
    await h.settle();
  });

  it('Grafana 9: the same alert firing, then resolved, clears its signal', async () => {
    const firing = await grafana(h, body('webhook-v9-firing'));
    expect(firing.status).toBe(202);
    const incidentId = (firing.body as { incidentId: number }).incidentId;
    // untyped valueString (before Grafana 11): the first expression, with its metric name
    expect(alertOf(h, 'd8a21484c9c25a60')).toMatchObject({ metric_name: 'Value', metric_value: 24, status: 'firing' });
    await h.settle();

    const resolved = await grafana(h, body('webhook-v9-resolved'));
    expect(resolved.status).toBe(202);
    expect((resolved.body as { incidentId: number }).incidentId).toBe(incidentId);
    await h.settle();
    expect(alertOf(h, 'd8a21484c9c25a60').status).toBe('resolved');
    const cleared = rows<{ data: string }>(h, "select data from timeline_events where incident_id = ? and kind = 'alert.resolved'", incidentId);
    expect(JSON.parse(cleared[0]!.data)).toMatchObject({ endedAt: '2022-06-17T00:51:24.067Z' });
    // "failure on <no value>" from Grafana's template stays text, never markup
    const text = h.emulator.messages(h.incidentChannel(incidentId)!.id).map(messageText).join('\n');
    expect(text).not.toContain('<no value>');
  });

  it('401 without the bearer token of a grafana source; 400 naming the bad field of a Grafana body', async () => {
    const incidents = () => row<{ n: number }>(h, 'select count(*) as n from incidents')!.n;
    const before = incidents();
    expect((await grafana(h, body('webhook-v9-firing'), null)).status).toBe(401);
    expect((await grafana(h, body('webhook-v9-firing'), TOKENS.alertmanager)).status).toBe(401);
    const alerts = body('webhook-v11-values')['alerts'] as Body[];
    const bad = await grafana(h, { ...body('webhook-v11-values'), alerts: [{ ...alerts[0], values: { A: 'lots' } }] });
    expect(bad.status).toBe(400);
    expect((bad.body as { issues: Array<{ path: string }> }).issues.map((i) => i.path)).toEqual(['alerts[0].values.A']);
    expect(incidents()).toBe(before);
  });
});
