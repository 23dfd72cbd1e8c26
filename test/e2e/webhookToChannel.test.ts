import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Harness, fixture, messageText } from '../support/harness.js';
import { PEOPLE } from '../support/testPolicy.js';
import { DETECTOR_ALERT } from '../support/samples.js';

const detectorAlert = DETECTOR_ALERT;

describe('from a webhook to an incident channel', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await Harness.start();
  });
  afterEach(async () => {
    await h.close();
  });

  it('opens an incident from the Alertmanager fixture: channel, topic, invite, pinned summary, checklist, announcement', async () => {
    const res = await h.webhook('alertmanager', fixture('alertmanager-firing.json'));
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ incidentId: 1, alertIds: [1, 2], deduplicated: false });
    await h.settle();

    const channel = h.incidentChannel(1)!;
    expect(channel.name).toBe('inc-1-fraud-detector-accuracy-0-71-is-below-the-0-85-sla');
    expect(channel.topic).toContain('SEV1');
    expect(channel.topic).toContain('triggered');
    expect(channel.topic).toContain('fraud-detector');
    // The fixture's category is model (accuracy), which routes to the ml rotation.
    expect(channel.members).toContain(PEOPLE.mlPrimary);

    const [summary, checklist] = h.channelMessages(1);
    const summaryText = messageText(summary!);
    expect(summaryText).toContain('fraud-detector accuracy 0.71 is below the 0.85 SLA');
    expect(summaryText).toContain('SEV1');
    expect(summaryText).toContain('model');
    expect(summaryText).toContain('fraud-detector @ 2026-11-02');
    expect(summaryText).toContain('segment=card-not-present');
    expect(summaryText).toContain('https://runbooks.example.com/model-quality');
    expect(channel.pins).toEqual([summary!.ts]);

    const checklistText = messageText(checklist!);
    expect(checklistText).toContain('Triage checklist');
    expect(checklistText).toContain('Roll back to the last known-good model version');
    const buttons = JSON.stringify(checklist!.blocks).match(/checklist:toggle:/g) ?? [];
    expect(buttons.length).toBeGreaterThanOrEqual(8 + 3);

    const headline = h.emulator.messages('C0ANNOUNCE');
    expect(headline).toHaveLength(1);
    expect(headline[0]!.text).toContain(`<#${channel.id}>`);
  });

  it('deduplicates a second delivery of the same group: 202 deduplicated, no second channel', async () => {
    await h.webhook('alertmanager', fixture('alertmanager-firing.json'));
    await h.settle();
    const again = await h.webhook('alertmanager', fixture('alertmanager-firing.json'));
    expect(again.status).toBe(202);
    expect(again.body).toEqual({ incidentId: 1, alertIds: [1, 2], deduplicated: true });
    await h.settle();
    expect(h.emulator.callsTo('conversations.create')).toHaveLength(1);
    expect(h.emulator.channels().filter((c) => c.name.startsWith('inc-'))).toHaveLength(1);
  });

  it('posts that the signal cleared when Alertmanager resolves it, and keeps the incident open', async () => {
    await h.webhook('alertmanager', fixture('alertmanager-firing.json'));
    await h.settle();
    const res = await h.webhook('alertmanager', fixture('alertmanager-resolved.json'));
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ incidentId: 1, deduplicated: false });
    await h.settle();
    const last = h.channelMessages(1).at(-1)!;
    expect(last.text).toContain('Signal cleared');
    expect(last.text).toContain('All signals have cleared');
    expect(h.incidentChannel(1)!.topic).toContain('triggered');
    expect(h.vigil.store.sqlite.prepare('select status from incidents where id = 1').get()).toEqual({ status: 'triggered' });
  });

  it('opens an incident from the detector JSON, with severity and category from its hints and rules', async () => {
    const res = await h.webhook('detector', detectorAlert);
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ incidentId: 1, alertIds: [1], deduplicated: false });
    await h.settle();
    const channel = h.incidentChannel(1)!;
    expect(channel.name).toBe('inc-1-psi-on-feature-age-is-0-31');
    // data_drift routes to the data rotation.
    expect(channel.members).toContain(PEOPLE.dataPrimary);
    const summary = messageText(h.channelMessages(1)[0]!);
    expect(summary).toContain('SEV3');
    expect(summary).toContain('psi = *0.31* (threshold 0.25)');
    expect(summary).toContain('<https://evidently.example.com/r/1|dashboard>');
  });

  it('groups a second alert for the same model and category into the open incident', async () => {
    await h.webhook('detector', detectorAlert);
    const second = await h.webhook('detector', { ...detectorAlert, dedupKey: 'fraud:psi:income', title: 'PSI on feature income is 0.4' });
    expect(second.body).toEqual({ incidentId: 1, alertIds: [2], deduplicated: false });
    await h.settle();
    expect(h.emulator.callsTo('conversations.create')).toHaveLength(1);
    expect(h.channelMessages(1).map((m) => m.text).join('\n')).toContain('PSI on feature income is 0.4');
  });

  it('raises the severity when a worse alert joins, never lowers it', async () => {
    await h.webhook('detector', detectorAlert);
    await h.webhook('detector', { ...detectorAlert, dedupKey: 'fraud:psi:all', title: 'PSI on all features', severity: 'SEV1' });
    await h.webhook('detector', { ...detectorAlert, dedupKey: 'fraud:psi:zip', title: 'PSI on zip', severity: 'SEV4' });
    await h.settle();
    const row = h.vigil.store.sqlite.prepare('select severity from incidents where id = 1').get();
    expect(row).toEqual({ severity: 'SEV1' });
    expect(h.channelMessages(1).map((m) => m.text).join('\n')).toContain('Severity SEV3 → *SEV1* by evidently: a more severe alert joined');
    expect(h.incidentChannel(1)!.topic).toContain('SEV1');
  });

  it('escapes detector text so it cannot ping the channel or forge a link', async () => {
    await h.webhook('detector', {
      ...detectorAlert,
      title: '<!channel> drift <@U0MLPRIME> see <https://evil.example|https://bank.example>',
      description: 'hello <!here>',
    });
    await h.settle();
    const everything = h.emulator.calls
      .filter((c) => c.method === 'chat.postMessage' || c.method === 'chat.update')
      .map((c) => JSON.stringify(c.args))
      .join('\n');
    expect(everything).not.toContain('<!channel>');
    expect(everything).not.toContain('<!here>');
    expect(everything).not.toContain('<https://evil.example');
    expect(everything).toContain('&lt;!channel&gt; drift');

    // And on the timeline, the hostile title is quoted inertly, as written: `/incident timeline` shows no mention of U0MLPRIME.
    const timeline = await h.command('timeline', { channel: h.incidentChannel(1)!.id });
    const shown = (timeline.body as { text: string }).text;
    expect(shown).toContain('Alert attached: &lt;!channel&gt; drift &lt;@U0MLPRIME&gt; see &lt;https://evil.example|https://bank.example&gt;');
    expect(shown).not.toContain('<@U0MLPRIME>');
    expect(shown).not.toContain('<!channel>');
  });
});
