import { afterEach, describe, expect, it } from 'vitest';
import { Harness, messageText } from '../support/harness.js';
import { PEOPLE } from '../support/testPolicy.js';
import { checks, lastModal, radio, select, submitView, text, timelineOf } from '../support/surfacePayloads.js';

const validForm = {
  title: text('Fraud model flags nothing since 14:00'),
  description: text('Approval rate jumped to 100% after the 13:50 deploy'),
  severity: select('SEV2'),
  category: select('model'),
  modelName: text('fraud-detector'),
  modelVersion: text('2026-11-02'),
  customerImpact: radio('yes'),
  isPrivate: checks(),
};

const incidentCount = (h: Harness) => (h.vigil.store.sqlite.prepare('select count(*) as n from incidents').get() as { n: number }).n;

describe('/incident declare', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it('opens the declare form with the typed title filled in', async () => {
    h = await Harness.start();
    const res = await h.command('declare Fraud model down');
    expect(res.status).toBe(200);
    expect(h.emulator.callsTo('views.open')).toHaveLength(1);
    const modal = lastModal(h);
    expect(modal.userId).toBe(PEOPLE.responder);
    expect(modal.view['callback_id']).toBe('incident:declare-form');
    const blocks = JSON.stringify(modal.view['blocks']);
    expect(blocks).toContain('"initial_value":"Fraud model down"');
    for (const field of ['title', 'description', 'severity', 'category', 'modelName', 'modelVersion', 'customerImpact', 'isPrivate']) {
      expect(blocks).toContain(`"block_id":"${field}"`);
    }
    for (const severity of ['SEV1', 'SEV2', 'SEV3', 'SEV4']) expect(blocks).toContain(severity);
    for (const category of ['data', 'model', 'integration', 'infrastructure', 'safety', 'retrieval']) expect(blocks).toContain(`"value":"${category}"`);
  });

  it('answers field errors next to the fields and opens nothing', async () => {
    h = await Harness.start();
    await h.command('declare');
    const res = await submitView(h, lastModal(h), { ...validForm, title: text('   '), severity: select(null), modelName: text(null) });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      response_action: 'errors',
      errors: {
        title: 'Give the incident a title.',
        severity: 'Choose a severity.',
        modelVersion: 'Name the model this version belongs to.',
      },
    });
    expect(incidentCount(h)).toBe(0);
  });

  it('refuses SEV1 from someone the policy does not allow, next to the severity, and logs it', async () => {
    h = await Harness.start({ policy: `permissions:\n  declareSev1: [${PEOPLE.lead}]\n` });
    await h.command('declare Harmful output');
    const res = await submitView(h, lastModal(h), { ...validForm, severity: select('SEV1') });
    const body = res.body as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe('errors');
    expect(Object.keys(body.errors)).toEqual(['severity']);
    expect(body.errors['severity']).toContain('You may not declare a SEV1 incident');
    expect(incidentCount(h)).toBe(0);
  });

  it('lets a member of an allowed user group declare SEV1', async () => {
    h = await Harness.start({ policy: `permissions:\n  declareSev1: [S0INCLEADS]\n` });
    h.emulator.addUsergroup({ id: 'S0INCLEADS', handle: 'incident-leads', users: [PEOPLE.responder] });
    await h.command('declare Harmful output');
    const res = await submitView(h, lastModal(h), { ...validForm, severity: select('SEV1') });
    expect(res.text).toBe('');
    expect(incidentCount(h)).toBe(1);
    expect(h.emulator.callsTo('usergroups.users.list')[0]!.args['usergroup']).toBe('S0INCLEADS');
  });

  it('a valid submission opens the incident as a webhook would: channel, summary, checklist, page, announcement', async () => {
    h = await Harness.start();
    const general = h.emulator.channelByName('general')!.id;
    await h.command('declare');
    const res = await submitView(h, lastModal(h), validForm);
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    await h.settle();

    const channel = h.incidentChannel(1)!;
    expect(channel.name).toBe('inc-1-fraud-model-flags-nothing-since-14-00');
    expect(channel.isPrivate).toBe(false);
    expect(channel.members).toEqual(expect.arrayContaining([PEOPLE.mlPrimary, PEOPLE.responder]));
    const [summary, checklist] = h.channelMessages(1);
    const summaryText = messageText(summary!);
    expect(summaryText).toContain('Fraud model flags nothing since 14:00');
    expect(summaryText).toContain('SEV2');
    expect(summaryText).toContain('fraud-detector @ 2026-11-02');
    expect(summaryText).toContain('Approval rate jumped');
    expect(summaryText).toContain(`<@${PEOPLE.responder}>`);
    expect(messageText(checklist!)).toContain('Triage checklist');
    expect(messageText(h.emulator.dmsTo(PEOPLE.mlPrimary)[0]!)).toContain('You are paged');
    expect(h.emulator.messages('C0ANNOUNCE')).toHaveLength(1);

    const row = h.vigil.store.sqlite.prepare('select declared_by, customer_impact, is_private, category from incidents where id = 1').get();
    expect(row).toEqual({ declared_by: PEOPLE.responder, customer_impact: 1, is_private: 0, category: 'model' });
    const classified = timelineOf(h, 'incident.classified')[0]!;
    expect(classified.data['reasons']).toEqual(['declared by a person']);

    const confirmation = await h.emulator.waitFor(() => h.emulator.ephemerals.find((e) => e.user === PEOPLE.responder));
    expect(confirmation.channel).toBe(general);
    expect(confirmation.text).toContain('INC-1');
    expect(confirmation.text).toContain(`<#${channel.id}>`);
  });

  it('a private incident gets a private channel and is announced nowhere else', async () => {
    h = await Harness.start();
    await h.command('declare');
    await submitView(h, lastModal(h), { ...validForm, title: text('PII in model answers'), category: select('safety'), isPrivate: checks('private') });
    await h.settle();

    const channel = h.incidentChannel(1)!;
    expect(channel.isPrivate).toBe(true);
    expect(String(h.emulator.callsTo('conversations.create')[0]!.args['is_private'])).toBe('true');
    expect(channel.members).toEqual(expect.arrayContaining([PEOPLE.mlPrimary, PEOPLE.responder]));
    expect(h.channelMessages(1).length).toBeGreaterThanOrEqual(2);
    expect(h.emulator.messages('C0ANNOUNCE')).toHaveLength(0);
    const everywhere = h.emulator.callsTo('chat.postMessage').filter((c) => c.args['channel'] !== channel.id);
    // Only the page to the on-call person goes outside the channel, by direct message.
    expect(everywhere.every((c) => String(c.args['text']).startsWith('You are paged'))).toBe(true);
    const confirmation = await h.emulator.waitFor(() => h.emulator.ephemerals.find((e) => e.user === PEOPLE.responder));
    expect(confirmation.text).toContain('private');
  });
});
