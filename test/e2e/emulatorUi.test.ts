import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RENDER_PARTS, createSlackEmulator, type UiState } from '@vigil/slack-emulator';
import { DETECTOR_ALERT } from '../support/samples.js';
import { Harness, SIGNING_SECRET, fixture, messageText } from '../support/harness.js';
import { PEOPLE } from '../support/testPolicy.js';

// The emulator's web UI driven over HTTP, as the page's script drives it, against a real Vigil.

const HOSTILE_TITLE = 'PSI <script>alert(1)</script> <!channel> & friends';
const hostileAlert = { ...DETECTOR_ALERT, dedupKey: 'fraud:psi:hostile', title: HOSTILE_TITLE, links: [{ title: 'report', url: 'https://evidently.example.com/r/1' }] };

describe('the emulator web UI', () => {
  let h: Harness;
  let ui: string;

  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${ui}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const state = async () => (await (await fetch(`${ui}/ui/state.json`)).json()) as UiState;

  beforeEach(async () => {
    h = await Harness.start();
    h.emulator.connectApp({ eventsUrl: `${h.url}/slack/events`, signingSecret: SIGNING_SECRET });
    ui = h.emulator.baseUrl;
    await h.webhook('alertmanager', fixture('alertmanager-firing.json'));
    await h.settle();
  });
  afterEach(async () => {
    await h.close();
  });

  it('serves one self-contained page showing the workspace, and its state as JSON', async () => {
    const res = await fetch(`${ui}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'nonce-");
    const html = await res.text();
    const channel = h.incidentChannel(1)!;
    expect(html).toContain(channel.name);
    expect(html).toContain('>announcements<');
    // The harness names people by their ids, so the emulator labels their DMs by id too.
    expect(html).toContain(`DM @${PEOPLE.mlPrimary}`);
    expect(html).not.toMatch(/<(link|img)\b|src="http/);

    const s = await state();
    expect(s.appConnected).toBe(true);
    const inc = s.channels.find((c) => c.id === channel.id)!;
    expect(inc.topic).toContain('SEV1');
    expect(inc.pins).toEqual([h.channelMessages(1)[0]!.ts]);
    expect(inc.members).toContain(PEOPLE.mlPrimary);
    expect(s.messages[channel.id]!.map((m) => m.text)).toContain('Triage checklist');
    expect(s.channels.find((c) => c.isIm && c.user === PEOPLE.mlPrimary)?.label).toBe(`DM @${PEOPLE.mlPrimary}`);
  });

  it('never lets a hostile alert title become markup, on the page or in the rendering of its state', async () => {
    expect((await h.webhook('detector', hostileAlert)).status).toBe(202);
    await h.settle();
    const channel = h.incidentChannel(2)!;

    const html = await (await fetch(`${ui}/`)).text();
    expect(html).not.toContain('<script>alert(1)');
    expect(html.match(/<script/g)).toHaveLength(2);

    // The page renders client-side from the state, with the same renderer: run it here.
    const s = await state();
    expect(JSON.stringify(s.messages[channel.id])).toContain('&lt;script&gt;');
    const kit = RENDER_PARTS.kitFor(s, RENDER_PARTS);
    const pane = RENDER_PARTS.channelHtml(s, { channel: channel.id, user: PEOPLE.dataPrimary, unread: {} }, kit);
    expect(pane).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(pane).toContain('&lt;!channel&gt;');
    expect(pane).not.toContain('<script');
    expect(pane).not.toContain('@channel</span>');
  });

  it('the Acknowledge button in the page DM, clicked as the paged person, acknowledges the incident', async () => {
    const page = h.emulator.dmsTo(PEOPLE.mlPrimary)[0]!;
    const res = await post('/ui/click', { user: PEOPLE.mlPrimary, channel: page.channel, ts: page.ts, actionId: 'incident:acknowledge' });
    expect(res.status).toBe(200);
    await h.settle();
    expect(h.channelMessages(1).some((m) => messageText(m).includes('acknowledged'))).toBe(true);
    expect(h.channelMessages(1).map(messageText).join('\n')).toContain(`<@${PEOPLE.mlPrimary}> acknowledged`);
    // Vigil's ephemeral reply shows for the person who clicked, and only for them.
    const mine = (await state()).ephemerals.filter((e) => e.user === PEOPLE.mlPrimary);
    expect(mine.map((e) => e.text).join('\n')).toContain('You acknowledged INC-1');
  });

  it('ticking a checklist item through a click marks it done', async () => {
    const checklist = h.channelMessages(1).find((m) => m.text === 'Triage checklist')!;
    const res = await post('/ui/click', { user: PEOPLE.mlPrimary, channel: checklist.channel, ts: checklist.ts, actionId: 'checklist:toggle:triage-1' });
    expect(res.status).toBe(200);
    await h.settle();
    const updated = (await state()).messages[checklist.channel]!.find((m) => m.ts === checklist.ts)!;
    expect(updated.edited).toBe(true);
    expect(messageText(updated)).toContain(`done by <@${PEOPLE.mlPrimary}>`);
    expect(messageText(updated)).toContain('1 of 13 done');
  });

  it('a slash command typed in the composer returns Vigil\'s reply, kept as an ephemeral for the typist', async () => {
    const general = h.emulator.channelByName('general')!;
    const res = await post('/ui/command', { user: PEOPLE.responder, channel: general.id, text: '/incident help' });
    expect(res.status).toBe(200);
    expect(String(res.body['text'])).toContain('/incident help');
    const s = await state();
    const reply = s.ephemerals.find((e) => e.channel === general.id && e.user === PEOPLE.responder);
    expect(reply?.text).toContain('/incident help');
    expect((await post('/ui/command', { user: PEOPLE.responder, channel: general.id, text: '/giphy cats' })).status).toBe(400);
  });

  it('a modal opened by Vigil is filled in and submitted: errors under the fields, then closed', async () => {
    const general = h.emulator.channelByName('general')!;
    await post('/ui/command', { user: PEOPLE.responder, channel: general.id, text: 'declare Fraud model down' });
    const modal = (await state()).modals[PEOPLE.responder]!;
    expect(modal.view['callback_id']).toBe('incident:declare-form');

    const refused = await post('/ui/submit', { user: PEOPLE.responder, viewId: modal.id, values: { title: { title: '  ' } } });
    expect(refused.body['response_action']).toBe('errors');
    const errors = (await state()).modals[PEOPLE.responder]!.errors;
    expect(errors['title']).toBe('Give the incident a title.');
    expect(errors['severity']).toBe('Choose a severity.');

    const values = {
      title: { title: 'Fraud model flags nothing' },
      severity: { severity: 'SEV2' },
      category: { category: 'model' },
      customerImpact: { customerImpact: 'yes' },
      isPrivate: { isPrivate: [] },
    };
    const accepted = await post('/ui/submit', { user: PEOPLE.responder, viewId: modal.id, values });
    expect(accepted.status).toBe(200);
    await h.settle();
    expect((await state()).modals[PEOPLE.responder]).toBeUndefined();
    expect(h.incidentChannel(2)?.name).toContain('fraud-model-flags-nothing');
  });

  it('says what is wrong instead of guessing: unknown buttons, bad bodies, a wrong secret, no app', async () => {
    const page = h.emulator.dmsTo(PEOPLE.mlPrimary)[0]!;
    expect((await post('/ui/click', { user: PEOPLE.mlPrimary, channel: page.channel, ts: page.ts, actionId: 'nope' })).status).toBe(404);
    expect((await post('/ui/click', { user: PEOPLE.mlPrimary })).status).toBe(400);

    h.emulator.connectApp({ eventsUrl: `${h.url}/slack/events`, signingSecret: 'not-the-secret' });
    expect((await post('/ui/command', { user: PEOPLE.responder, channel: page.channel, text: 'help' })).status).toBe(401);

    const lonely = createSlackEmulator({ users: [{ id: 'U0ALICE', name: 'alice' }] });
    await lonely.start(0);
    try {
      const general = lonely.addChannel({ name: 'general' });
      const res = await fetch(`${lonely.baseUrl}/ui/command`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ user: 'U0ALICE', channel: general.id, text: 'help' }),
      });
      expect(res.status).toBe(409);
      expect(((await res.json()) as { error: string }).error).toBe('no_app_connected');
    } finally {
      await lonely.stop();
    }
  });
});
