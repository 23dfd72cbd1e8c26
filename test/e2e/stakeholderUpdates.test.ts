import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness, messageText } from '../support/harness.js';
import { PEOPLE } from '../support/testPolicy.js';
import { checks, lastModal, radio, select, submitView, text, timelineOf, type FieldState } from '../support/surfacePayloads.js';
import { openIncident, postUpdate, pushedView, startWithUpdateChannels, updateForm } from '../support/updates.js';

// Stakeholder updates end to end: the Draft update button opens the form prefilled for the
// incident's moment, submitting it pushes a preview of exactly what will be posted, and the
// preview posts it (or, for clients, sends it to the commander for approval).

const MINUTE = 60_000;

/** Draft update from the summary, submit the form, return the preview (or the refusal). */
async function draft(h: Harness, summary: { ts: string; channel: string; blocks?: unknown[] }, fields: Record<string, FieldState>, user = PEOPLE.responder) {
  const clicked = await h.click(summary, 'update:draft', { user });
  expect(clicked.status).toBe(200);
  await h.settle();
  const form = lastModal(h);
  expect(form.view['callback_id']).toBe('incident:update-form');
  return { form, answer: await submitView(h, form, fields, { user }) };
}

const updatesRows = (h: Harness) =>
  h.vigil.store.sqlite.prepare('select id, audience, status, approved_by, slack_text from stakeholder_updates order by id').all() as {
    id: number;
    audience: string;
    status: string;
    approved_by: string | null;
    slack_text: string;
  }[];

describe('stakeholder updates', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startWithUpdateChannels();
  });
  afterAll(async () => {
    await h.close();
  });

  it('Draft update -> form prefilled -> preview of exactly the text -> posted in the audience channel with the values given', async () => {
    const { incidentId, summary } = await openIncident(h);
    expect(JSON.stringify(summary.blocks)).toContain('update:draft');
    const { form, answer } = await draft(h, summary, updateForm('executive'));
    // Prefilled: a first draft, never a blank page.
    const prefilled = JSON.stringify(form.view['blocks']);
    expect(prefilled).toContain('Degraded results from fraud-detector');
    expect(prefilled).toContain('less accurate than usual');

    const preview = pushedView(answer, PEOPLE.responder);
    expect(preview.view['callback_id']).toBe('incident:update-preview');
    const previewText = JSON.stringify(preview.view['blocks']);
    const [row] = updatesRows(h);
    expect(row).toMatchObject({ audience: 'executive', status: 'draft' });
    expect(row!.slack_text).toContain('Review queue doubled');
    expect(previewText).toContain(JSON.stringify(row!.slack_text).slice(1, 60));

    const sent = await submitView(h, preview, {});
    expect(sent.body).toEqual({ response_action: 'clear' });
    await h.settle();
    const posted = h.emulator.messages('C0EXEC');
    expect(posted).toHaveLength(1);
    expect(posted[0]!.text).toBe(row!.slack_text);
    expect(posted[0]!.text).toContain('Some transactions are flagged for review');
    expect(posted[0]!.text).toMatch(/[Nn]ext update/);
    expect(updatesRows(h)[0]!.status).toBe('posted');

    const [event] = timelineOf(h, 'update.posted', incidentId);
    expect(event).toBeDefined();
    // Submitting the preview again (a double submit) posts nothing more.
    await submitView(h, preview, {});
    await h.settle();
    expect(h.emulator.messages('C0EXEC')).toHaveLength(1);
    // The summary says when stakeholders hear next.
    expect(messageText(h.channelMessages(incidentId)[0]!)).toContain('Next stakeholder update due');
  });

  it('refuses a missing required field beside it, and stores nothing', async () => {
    const { summary } = await openIncident(h);
    const before = updatesRows(h).length;
    const { answer } = await draft(h, summary, updateForm('client', { userImpact: text(null) }));
    expect(answer.body).toMatchObject({ response_action: 'errors', errors: { userImpact: expect.stringContaining('What users see') } });
    expect(updatesRows(h)).toHaveLength(before);
  });

  it('a client update waits for the commander: others are refused, approval posts once however often it is clicked', async () => {
    const { incidentId, summary } = await openIncident(h);
    const { answer } = await draft(h, summary, updateForm('client', { headline: text('<!channel> {{x}} [click](https://evil.example)') }));
    await submitView(h, pushedView(answer, PEOPLE.responder), {});
    await h.settle();
    expect(h.emulator.messages('C0CLIENTS')).toHaveLength(0);
    const approval = h.channelMessages(incidentId).find((m) => JSON.stringify(m.blocks ?? []).includes('update:approve'))!;
    expect(approval).toBeDefined();
    // Hostile words stay words.
    expect(messageText(approval)).not.toContain('<!channel>');
    expect(messageText(approval)).toContain('&lt;!channel&gt;');

    const refused = await h.click(approval, 'update:approve', { user: PEOPLE.lead });
    expect(refused.status).toBe(200);
    await h.settle();
    expect(h.emulator.messages('C0CLIENTS')).toHaveLength(0);
    expect(h.emulator.ephemerals.at(-1)?.text).toMatch(/commander/i);
    expect(timelineOf(h, 'permission.refused', incidentId).length).toBeGreaterThan(0);

    await h.type(`role commander <@${PEOPLE.lead}>`, { user: PEOPLE.lead, channel: approval.channel });
    await Promise.all([h.click(approval, 'update:approve', { user: PEOPLE.lead }), h.click(approval, 'update:approve', { user: PEOPLE.lead })]);
    await h.settle();
    const posted = h.emulator.messages('C0CLIENTS');
    expect(posted).toHaveLength(1);
    expect(posted[0]!.text).toContain('&lt;!channel&gt; {{x}}');
    const row = updatesRows(h).find((u) => u.audience === 'client')!;
    expect(row).toMatchObject({ status: 'posted', approved_by: PEOPLE.lead });
    // The approval message now says who approved it, and has no buttons left.
    const refreshed = h.channelMessages(incidentId).find((m) => m.ts === approval.ts)!;
    expect(messageText(refreshed)).toContain('approved by');
    expect(JSON.stringify(refreshed.blocks)).not.toContain('update:approve');
  });

  it('/incident update opens the same form; an unknown audience is a usage error', async () => {
    const { incidentId } = await openIncident(h);
    const channel = h.incidentChannel(incidentId)!.id;
    const reply = await h.command('update internal', { channel });
    expect(reply.status).toBe(200);
    await h.settle();
    const form = lastModal(h);
    expect(form.view['callback_id']).toBe('incident:update-form');
    expect(JSON.stringify(form.view['blocks'])).toContain('"value":"internal"');
    expect(await h.type('update investors', { channel })).toContain('Name one audience');
  });

  it('also posts in the incident channel when asked', async () => {
    const { incidentId, summary } = await openIncident(h);
    const before = h.emulator.messages('C0EXEC').length;
    const { answer } = await draft(h, summary, updateForm('executive', { alsoInIncidentChannel: checks('also-in-incident-channel'), headline: text('Twice posted') }));
    await submitView(h, pushedView(answer, PEOPLE.responder), {});
    await h.settle();
    expect(h.emulator.messages('C0EXEC')).toHaveLength(before + 1);
    expect(h.channelMessages(incidentId).some((m) => (m.text ?? '').includes('Twice posted'))).toBe(true);
  });
});

describe('resolution notification and report', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startWithUpdateChannels();
  });
  afterAll(async () => {
    await h.close();
  });

  it('resolving prompts the resolution notification; it must say whether data was lost, and tells clients the duration and the review', async () => {
    const { incidentId, summary } = await openIncident(h);
    await postUpdate(h, incidentId, 'client');
    h.clock.advance(47 * MINUTE);
    await h.click(summary, 'incident:resolve');
    await h.settle();
    await submitView(h, lastModal(h), { summary: text('Rolled back to 2026-10-20'), modelRolledBack: radio('yes') });
    await h.settle();
    const prompt = h.channelMessages(incidentId).findLast((m) => (m.text ?? '').includes('Stakeholders should hear'))!;
    expect(prompt.text).toContain('resolution notification');

    // The resolved summary still offers Draft update; the form is the resolution's.
    const resolvedSummary = h.channelMessages(incidentId)[0]!;
    await h.click(resolvedSummary, 'update:draft');
    await h.settle();
    const form = lastModal(h);
    expect(JSON.stringify(form.view['blocks'])).toContain('"block_id":"dataImpact"');
    const refused = await submitView(h, form, updateForm('client', { state: select('resolved') }));
    expect(refused.body).toMatchObject({ response_action: 'errors', errors: { dataImpact: expect.stringContaining('lost or wrong') } });

    const answer = await submitView(h, form, updateForm('client', { state: select('resolved'), dataImpact: text('None: no scores were lost.') }));
    await submitView(h, pushedView(answer, PEOPLE.responder), {});
    await h.settle();
    const approval = h.channelMessages(incidentId).findLast((m) => JSON.stringify(m.blocks ?? []).includes('update:approve'))!;
    await h.click(approval, 'update:approve', { user: PEOPLE.lead });
    await h.settle();
    const resolution = h.emulator.messages('C0CLIENTS').at(-1)!;
    expect(resolution.text).toMatch(/resolved/i);
    expect(resolution.text).toContain('None: no scores were lost.');
    expect(resolution.text).toMatch(/47 min/);
    expect(resolution.text).toMatch(/review/i);
    // No clock after resolution: nothing more is due.
    const cadence = h.vigil.store.sqlite.prepare('select next_due_at from update_cadence where incident_id = ?').get(incidentId) as { next_due_at: number | null };
    expect(cadence.next_due_at).toBeNull();
  });

  it('/incident report posts the full report for an audience as a Markdown file', async () => {
    const channel = h.incidentChannel(1)!.id;
    const reply = await h.type('report internal', { channel });
    expect(reply).toContain('INC-1-report-internal.md');
    const file = await h.emulator.waitFor(() => h.emulator.files().find((f) => f.filename === 'INC-1-report-internal.md' && f.channel === channel));
    expect(file.content).toMatch(/^# INC-1/);
    expect(file.content).toContain('## Timeline');
    expect(file.content).toContain('None: no scores were lost.');
    expect(await h.type('report board', { channel })).toContain('Name one audience');
  });
});

describe('update cadence', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startWithUpdateChannels();
  });
  afterAll(async () => {
    await h.close();
  });

  const reminders = (incidentId: number) => h.channelMessages(incidentId).filter((m) => JSON.stringify(m.blocks ?? []).includes('update:snooze'));

  it('reminds the comms lead before and when due, stops after an update, and a snooze holds it', async () => {
    const { incidentId, summary } = await openIncident(h);
    await h.type(`role comms <@${PEOPLE.responder}>`, { channel: summary.channel });
    // SEV1: the first update is due within 5 minutes; reminded when it is due soon...
    await h.advance(1 * MINUTE);
    expect(reminders(incidentId)).toHaveLength(1);
    expect(messageText(reminders(incidentId)[0]!)).toContain(`<@${PEOPLE.responder}>`);
    expect(messageText(reminders(incidentId)[0]!)).toContain('Stakeholder update due');
    await h.advance(1 * MINUTE);
    expect(reminders(incidentId)).toHaveLength(1);
    // ...and when overdue.
    await h.advance(4 * MINUTE);
    expect(reminders(incidentId)).toHaveLength(2);
    expect(messageText(reminders(incidentId)[1]!)).toContain('overdue');

    // Snooze 30 min from the overdue reminder: nothing for 30 minutes, then reminded again.
    const snoozed = await h.click(reminders(incidentId)[1]!, 'update:snooze:30');
    expect(snoozed.status).toBe(200);
    await h.settle();
    expect(timelineOf(h, 'update.snoozed', incidentId)).toHaveLength(1);
    await h.advance(15 * MINUTE);
    await h.advance(14 * MINUTE);
    expect(reminders(incidentId)).toHaveLength(2);
    await h.advance(2 * MINUTE);
    expect(reminders(incidentId)).toHaveLength(3);

    // An update posted: the next is due 20 minutes later (SEV1), and nothing is said before.
    const { answer } = await draft(h, summary, updateForm('executive'));
    await submitView(h, pushedView(answer, PEOPLE.responder), {});
    await h.settle();
    await h.advance(10 * MINUTE);
    expect(reminders(incidentId)).toHaveLength(3);
    await h.advance(6 * MINUTE);
    expect(reminders(incidentId)).toHaveLength(4);
    expect(messageText(reminders(incidentId)[3]!)).toContain('Stakeholder update due');
  });

  it('a severity change prompts an update at once', async () => {
    const { incidentId, summary } = await openIncident(h);
    const before = reminders(incidentId).length;
    await h.type('severity SEV2 blast radius smaller than feared', { channel: summary.channel });
    expect(reminders(incidentId)).toHaveLength(before + 1);
    expect(messageText(reminders(incidentId).at(-1)!)).toContain('severity SEV1 → SEV2');
  });
});
