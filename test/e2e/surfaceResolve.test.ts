import { afterEach, describe, expect, it } from 'vitest';
import { Harness, fixture, messageText } from '../support/harness.js';
import { PEOPLE } from '../support/testPolicy.js';
import { dateTime, lastModal, radio, submitView, text, timelineOf } from '../support/surfacePayloads.js';

const MINUTE = 60_000;

async function openIncident(h: Harness) {
  await h.webhook('alertmanager', fixture('alertmanager-firing.json'));
  await h.settle();
  return h.channelMessages(1)[0]!;
}

const summaryOf = (h: Harness) => h.channelMessages(1)[0]!;
const row = (h: Harness) =>
  h.vigil.store.sqlite.prepare('select status, resolved_by, resolved_at, resolution from incidents where id = 1').get() as {
    status: string;
    resolved_by: string | null;
    resolved_at: number | null;
    resolution: string | null;
  };

describe('resolving an incident', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it('the Resolve button opens the form; submitting resolves, stops escalation and tells the channel', async () => {
    h = await Harness.start();
    const summary = await openIncident(h);
    const res = await h.click(summary, 'incident:resolve');
    expect(res.status).toBe(200);
    await h.settle();
    const modal = lastModal(h);
    expect(modal.view['callback_id']).toBe('incident:resolve-form');
    expect(JSON.parse(String(modal.view['private_metadata']))).toMatchObject({ incidentId: 1 });
    expect(JSON.stringify(modal.view['blocks'])).toContain('datetimepicker');

    h.clock.advance(20 * MINUTE);
    const impactEnded = new Date(h.clock.now().getTime() - 5 * MINUTE);
    const submitted = await submitView(h, modal, {
      summary: text('Rolled back to 2026-10-20; accuracy back to 0.91'),
      rootCause: text('Retrain on a week of mislabelled data'),
      modelRolledBack: radio('yes'),
      customerImpactEndedAt: dateTime(impactEnded),
    });
    expect(submitted.text).toBe('');
    await h.settle();

    const resolved = row(h);
    expect(resolved.status).toBe('resolved');
    expect(resolved.resolved_by).toBe(PEOPLE.responder);
    expect(resolved.resolved_at).toBe(h.clock.now().getTime());
    expect(JSON.parse(resolved.resolution!)).toEqual({
      summary: 'Rolled back to 2026-10-20; accuracy back to 0.91',
      rootCause: 'Retrain on a week of mislabelled data',
      modelRolledBack: true,
      customerImpactEndedAt: new Date(Math.floor(impactEnded.getTime() / 1000) * 1000).toISOString(),
      harmLevel: null,
      contributingFactors: [],
    });
    const event = timelineOf(h, 'incident.resolved')[0]!;
    expect(event.actor).toBe(PEOPLE.responder);
    expect(event.data).toMatchObject({ modelRolledBack: true, rootCause: 'Retrain on a week of mislabelled data' });
    expect(timelineOf(h, 'escalation.cancelled').at(-1)!.data['because']).toBe('resolved');

    expect(h.channelMessages(1).map((m) => m.text).join('\n')).toContain('Resolved by');
    expect(messageText(summaryOf(h))).not.toContain('incident:resolve');
    expect(h.incidentChannel(1)!.topic).toContain('resolved');

    // Nothing pages any more: the 30 and 60 minute steps were cancelled.
    const dmsBefore = h.emulator.callsTo('chat.postMessage').length;
    await h.advance(60 * MINUTE);
    expect(h.emulator.callsTo('chat.postMessage')).toHaveLength(dmsBefore);
    const pending = h.vigil.store.sqlite.prepare("select count(*) as n from escalation_steps where status = 'pending'").get();
    expect(pending).toEqual({ n: 0 });
  });

  it('/incident resolve in the channel opens the same form; a missing summary and a future end time come back as field errors', async () => {
    h = await Harness.start();
    await openIncident(h);
    const channel = h.incidentChannel(1)!.id;
    await h.command('resolve', { channel });
    const modal = lastModal(h);
    expect(modal.view['callback_id']).toBe('incident:resolve-form');

    const empty = await submitView(h, modal, { summary: text(''), rootCause: text(null), modelRolledBack: radio(null), customerImpactEndedAt: dateTime(null) });
    expect(empty.body).toEqual({
      response_action: 'errors',
      errors: { summary: 'Say in a sentence what resolved it.', modelRolledBack: 'Say whether the model was rolled back.' },
    });

    const future = await submitView(h, modal, {
      summary: text('Fixed'),
      modelRolledBack: radio('no'),
      customerImpactEndedAt: dateTime(new Date(h.clock.now().getTime() + 60 * MINUTE)),
    });
    expect((future.body as { errors: Record<string, string> }).errors['customerImpactEndedAt']).toContain('in the future');
    expect(row(h).status).toBe('triggered');
  });

  it('refuses someone the policy does not allow: a private reason, no form, and a line on the timeline', async () => {
    h = await Harness.start({ policy: `permissions:\n  resolve: [${PEOPLE.lead}]\n` });
    const summary = await openIncident(h);
    await h.click(summary, 'incident:resolve', { user: PEOPLE.responder });
    const reason = await h.emulator.waitFor(() => h.emulator.ephemerals.find((e) => e.user === PEOPLE.responder));
    expect(reason.text).toContain('You may not resolve incidents');
    expect(h.emulator.callsTo('views.open')).toHaveLength(0);
    expect(timelineOf(h, 'permission.refused')[0]).toMatchObject({ actor: PEOPLE.responder, data: { permission: 'resolve' } });

    const command = await h.command('resolve', { channel: h.incidentChannel(1)!.id, user: PEOPLE.responder });
    expect((command.body as { text: string }).text).toContain('You may not resolve incidents');

    await h.click(summary, 'incident:resolve', { user: PEOPLE.lead });
    await h.settle();
    expect(row(h).status).toBe('triggered');
  });

  it('says so when the incident is already resolved, and refuses outside an incident channel', async () => {
    h = await Harness.start();
    await openIncident(h);
    const channel = h.incidentChannel(1)!.id;
    await h.command('resolve', { channel });
    await submitView(h, lastModal(h), { summary: text('Fixed'), modelRolledBack: radio('no') });
    await h.settle();
    const again = await h.command('resolve', { channel });
    expect((again.body as { text: string }).text).toContain('already resolved');
    const elsewhere = await h.command('resolve');
    expect((elsewhere.body as { text: string }).text).toContain('works inside an incident channel');
  });
});
