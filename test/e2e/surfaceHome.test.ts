import { afterEach, describe, expect, it } from 'vitest';
import { Harness, fixture } from '../support/harness.js';
import { PEOPLE } from '../support/testPolicy.js';
import { checks, lastModal, radio, select, slackEvent, submitView, text } from '../support/surfacePayloads.js';

const homeOpened = (user: string) => ({ type: 'app_home_opened', user, channel: 'D0HOME', tab: 'home' });

/** The Home view most recently published for a user, as text. */
const homeOf = (h: Harness, user: string) =>
  h.emulator.waitFor(() => {
    const published = h.emulator.views.filter((v) => v.type === 'home' && v.userId === user).at(-1);
    return published ? JSON.stringify(h.emulator.currentView(published.id)!.view['blocks']) : undefined;
  });

describe('the Home tab', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it('opening it publishes open incidents by severity with channel and state, and the pages waiting on you', async () => {
    h = await Harness.start();
    await h.webhook('alertmanager', fixture('alertmanager-firing.json'));
    await h.webhook('detector', {
      source: 'evidently-prod', status: 'firing', dedupKey: 'fraud:psi:age', title: 'PSI on feature age is 0.31', signal: 'data_drift',
      model: { name: 'churn-model' }, severity: 'SEV3', observedAt: '2026-11-22T10:00:00Z',
    });
    await h.settle();
    const res = await slackEvent(h, homeOpened(PEOPLE.mlPrimary), 'Ev0HOME1');
    expect(res.status).toBe(200);
    await h.settle();

    const home = await homeOf(h, PEOPLE.mlPrimary);
    const channel1 = h.incidentChannel(1)!.id;
    const channel2 = h.incidentChannel(2)!.id;
    expect(home).toContain('Waiting for your acknowledgement');
    expect(home).toContain('Open incidents (2)');
    expect(home).toContain(`<#${channel1}>`);
    expect(home).toContain(`<#${channel2}>`);
    expect(home).toContain('triggered');
    // SEV1 before SEV3.
    expect(home.lastIndexOf('INC-1')).toBeLessThan(home.lastIndexOf('INC-2'));

    // Someone not paged sees the incidents but nothing waiting on them.
    await slackEvent(h, homeOpened(PEOPLE.lead), 'Ev0HOME2');
    await h.settle();
    const leadHome = await homeOf(h, PEOPLE.lead);
    expect(leadHome).not.toContain('Waiting for your acknowledgement');
    expect(leadHome).toContain('INC-1');
  });

  it('lists your roles, and shows a private incident only to the people in it', async () => {
    h = await Harness.start();
    await h.command('declare');
    await submitView(h, lastModal(h), {
      title: text('PII in answers'), severity: select('SEV2'), category: select('safety'), customerImpact: radio('yes'), isPrivate: checks('private'),
    });
    await h.settle();
    h.vigil.store.sqlite
      .prepare('insert into incident_roles (incident_id, role, user_id, assigned_by, assigned_at) values (1, ?, ?, ?, ?)')
      .run('scribe', PEOPLE.lead, PEOPLE.responder, h.clock.now().getTime());

    await slackEvent(h, homeOpened(PEOPLE.lead), 'Ev0HOME3');
    await slackEvent(h, homeOpened(PEOPLE.executive), 'Ev0HOME4');
    await h.settle();

    const leadHome = await homeOf(h, PEOPLE.lead);
    expect(leadHome).toContain('Your roles');
    expect(leadHome).toContain('*scribe* in');
    expect(leadHome).toContain('PII in answers');
    const outsider = await homeOf(h, PEOPLE.executive);
    expect(outsider).not.toContain('PII in answers');
    expect(outsider).toContain('Open incidents (0)');
  });

  it('is pushed without being opened when a page waits on you, and again once someone acknowledges', async () => {
    h = await Harness.start();
    await h.webhook('alertmanager', fixture('alertmanager-firing.json'));
    await h.settle();
    expect(await homeOf(h, PEOPLE.mlPrimary)).toContain('Waiting for your acknowledgement');
    await h.command('ack', { channel: h.incidentChannel(1)!.id, user: PEOPLE.mlSecondary });
    await h.settle();
    const after = await homeOf(h, PEOPLE.mlPrimary);
    expect(after).not.toContain('Waiting for your acknowledgement');
    expect(after).toContain('Open incidents (1)');
  });

  it('ignores the Messages tab', async () => {
    h = await Harness.start();
    await slackEvent(h, { ...homeOpened(PEOPLE.lead), tab: 'messages' }, 'Ev0MSGTAB');
    await h.settle();
    expect(h.emulator.callsTo('views.publish')).toHaveLength(0);
  });
});
