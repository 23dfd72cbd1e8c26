import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from '../support/harness.js';
import { PEOPLE, BASE_POLICY } from '../support/testPolicy.js';
import { checks, lastModal, radio, select, submitView, text } from '../support/surfacePayloads.js';
import { UPDATES_POLICY, openIncident, postUpdate, startWithUpdateChannels, updateForm } from '../support/updates.js';
import { runVigilOnce } from '../support/vigilProcess.js';

// The public status page shows what clients were told, and nothing else: no internal updates,
// no responder, no detector title, never a private incident. And teams can replace templates.

const DAY = 24 * 3600_000;

async function declarePrivate(h: Harness): Promise<number> {
  await h.command('declare Customer PII in model answers');
  await h.settle();
  await submitView(h, lastModal(h), {
    title: text('Customer PII in model answers'),
    severity: select('SEV2'),
    category: select('safety'),
    isPrivate: checks('private'),
  });
  await h.settle();
  return (h.vigil.store.sqlite.prepare('select max(id) as id from incidents').get() as { id: number }).id;
}

const get = async (h: Harness, route: string) => {
  const res = await fetch(`${h.url}${route}`);
  return { status: res.status, type: res.headers.get('content-type') ?? '', csp: res.headers.get('content-security-policy') ?? '', body: await res.text() };
};

describe('status page', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startWithUpdateChannels();
  });
  afterAll(async () => {
    await h.close();
  });

  it('says all is well before any client update, even with an incident open', async () => {
    await openIncident(h);
    const page = await get(h, '/status');
    expect(page.status).toBe(200);
    expect(page.type).toContain('text/html');
    expect(page.body).toContain('Acme ML status');
    expect(page.body).toMatch(/operational/i);
    expect(page.body).not.toContain('fraud-detector accuracy');
    expect(page.body).not.toContain('<script');
    expect(page.csp).toContain("default-src 'none'");
    const json = JSON.parse((await get(h, '/status.json')).body) as { open: unknown[]; resolved: unknown[] };
    expect(json).toMatchObject({ title: 'Acme ML status', open: [], resolved: [] });
  });

  it('shows client updates only, newest first, escaped, with nothing internal; never a private incident', async () => {
    const incidentId = 1;
    await postUpdate(h, incidentId, 'internal', updateForm('internal', { headline: text('INTERNAL ONLY headline'), rootCause: text('feature store lag on host ml-17') }));
    await postUpdate(h, incidentId, 'client', updateForm('client', { headline: text('Fraud scores <script>alert(1)</script>'), userImpact: text('First client words') }));
    h.clock.advance(10 * 60_000);
    await postUpdate(h, incidentId, 'client', updateForm('client', { state: select('monitoring'), headline: text('Fraud scores back to normal'), userImpact: text('Second client words') }));
    const privateId = await declarePrivate(h);
    await postUpdate(h, privateId, 'client', updateForm('client', { headline: text('PRIVATE headline') }));

    const page = (await get(h, '/status')).body;
    expect(page).toContain('Fraud scores back to normal');
    expect(page).toContain('Second client words');
    expect(page).toContain('First client words');
    expect(page.indexOf('Second client words')).toBeLessThan(page.indexOf('First client words'));
    for (const internal of ['INTERNAL ONLY', 'ml-17', 'PRIVATE headline', PEOPLE.lead, PEOPLE.responder, 'fraud-detector accuracy']) {
      expect(page).not.toContain(internal);
    }
    expect(page).not.toContain('<script>alert(1)</script>');

    const json = JSON.parse((await get(h, '/status.json')).body) as { open: Array<{ id: number; headline: string; state: string; updates: Array<{ userImpact: string }> }> };
    expect(json.open).toHaveLength(1);
    expect(json.open[0]).toMatchObject({ id: incidentId, headline: 'Fraud scores back to normal', state: 'monitoring' });
    expect(json.open[0]!.updates.map((u) => u.userImpact)).toEqual(['Second client words', 'First client words']);
    expect(JSON.stringify(json)).not.toContain('PRIVATE');
    expect(JSON.stringify(json)).not.toContain('ml-17');
  });

  it('keeps a resolved incident for 14 days, then drops it', async () => {
    await h.click(h.channelMessages(1)[0]!, 'incident:resolve');
    await h.settle();
    await submitView(h, lastModal(h), { summary: text('Rolled back; scores normal'), modelRolledBack: radio('yes') });
    await h.settle();
    let json = JSON.parse((await get(h, '/status.json')).body) as { open: unknown[]; resolved: Array<{ id: number }> };
    expect(json.open).toHaveLength(0);
    expect(json.resolved.map((i) => i.id)).toEqual([1]);
    h.clock.advance(15 * DAY);
    json = JSON.parse((await get(h, '/status.json')).body) as { open: unknown[]; resolved: Array<{ id: number }> };
    expect(json.resolved).toHaveLength(0);
  });
});

describe('templates a team overrides', () => {
  let folder: string;
  beforeAll(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'vigil-templates-'));
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  /** UPDATES_POLICY with `stakeholders.templates` set (an absolute path: relative ones are from the working directory). */
  const withTemplates = (templates: string) => UPDATES_POLICY.replace('stakeholders:\n', `stakeholders:\n  templates: ${templates}\n`);

  it('a file of the same name in the policy folder replaces the built-in one', async () => {
    const ours = path.join(folder, 'ours');
    mkdirSync(ours);
    writeFileSync(path.join(ours, 'initial.executive.slack.hbs'), 'ACME EXEC NOTE: {{update.fields.headline}} (next: {{time update.nextUpdateAt}})\n');
    const h = await startWithUpdateChannels(withTemplates(ours));
    try {
      const { incidentId } = await openIncident(h);
      await postUpdate(h, incidentId, 'executive', updateForm('executive', { headline: text('<!here> scores off') }));
      const [posted] = h.emulator.messages('C0EXEC');
      expect(posted!.text).toMatch(/^ACME EXEC NOTE: &lt;!here&gt; scores off \(next: \d\d:\d\d UTC\)$/);
      // Only that one: the client template is still ours as shipped.
      expect(h.vigil.ctx.templates.overridden).toEqual(['initial.executive.slack.hbs']);
    } finally {
      await h.close();
    }
  });

  it('a broken template stops the start with its file name and line, no stack trace', async () => {
    const broken = path.join(folder, 'broken');
    mkdirSync(broken);
    writeFileSync(path.join(broken, 'update.client.slack.hbs'), 'Fine first line\n{{#if update}}\nnever closed\n');
    const config = path.join(folder, 'broken.yaml');
    writeFileSync(config, BASE_POLICY + withTemplates(broken));
    const result = await runVigilOnce({ VIGIL_CONFIG: config, DATABASE_PATH: path.join(folder, 'broken.db'), VIGIL_EMULATOR_PORT: '0' });
    expect(result.code).toBe(1);
    expect(result.output).toMatch(/update\.client\.slack\.hbs line \d+/);
    expect(result.output).not.toMatch(/^\s+at /m);
  });
});
