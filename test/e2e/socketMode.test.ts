import { describe, it } from 'vitest';
import { createSlackEmulator } from '@vigil/slack-emulator';
import { Harness, fixture, messageText } from '../support/harness.js';
import { timelineOf } from '../support/surfacePayloads.js';
import { PEOPLE } from '../support/testPolicy.js';
import { VigilProcess } from '../support/vigilProcess.js';
import { ACTIONS } from '../../src/slack/blocks/actionIds.js';

// Socket Mode end to end: Vigil opens a WebSocket to the emulator with its app-level token (Bolt's
// SocketModeReceiver), and every slash command, click, form and event arrives as an envelope the
// emulator sends over it, exactly as the emulator's web page sends them. Webhooks stay on HTTP.

/** Vigil on Socket Mode for one test, closed after it. */
const overTheSocket = (story: (h: Harness) => Promise<void>) => Harness.run({ socketMode: true }, story);

/** What the emulator's web page sends: it goes to Vigil over the socket. */
async function ui(h: Harness, path: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${h.emulator.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

// Side by side: a reconnect and a process start are mostly waiting.
describe.concurrent('Socket Mode', () => {
  it('runs an incident with no HTTP route for Slack: commands, buttons, a form, a 📌 and the Home tab over the socket', ({ expect }) => overTheSocket(async (h) => {
    expect(h.emulator.socketMode.connected).toBe(true);
    expect(h.emulator.callsTo('apps.connections.open')).toHaveLength(1);

    // Webhooks are still HTTP; Slack's own route is not served at all.
    const alert = await h.webhook('alertmanager', fixture('alertmanager-firing.json'));
    expect(alert.status).toBe(202);
    await h.settle();
    expect((await fetch(`${h.url}/slack/events`, { method: 'POST', body: '{}' })).status).toBe(404);
    const channel = h.incidentChannel(1)!;

    // A click on Acknowledge in the page DM.
    const page = h.emulator.dmsTo(PEOPLE.mlPrimary)[0]!;
    expect((await ui(h, '/ui/click', { user: PEOPLE.mlPrimary, channel: page.channel, ts: page.ts, actionId: ACTIONS.acknowledge })).status).toBe(200);
    await h.settle();
    expect(timelineOf(h, 'incident.acknowledged')).toHaveLength(1);

    // A slash command: its ephemeral answer is the ack's payload; the @mention reached Vigil as an id.
    const role = await ui(h, '/ui/command', { user: PEOPLE.mlPrimary, channel: channel.id, text: '/incident role scribe @u0leader' });
    expect(role.status).toBe(200);
    expect(String(role.body['text'])).toContain(`<@${PEOPLE.lead}>`);
    await h.settle();
    expect(timelineOf(h, 'role.assigned').at(-1)?.data).toMatchObject({ role: 'scribe', userId: PEOPLE.lead });

    // 📌 on a person's message puts it on the timeline (an events_api envelope).
    const said = await ui(h, '/ui/message', { user: PEOPLE.mlPrimary, channel: channel.id, text: 'rolled back to 2026-11-02' });
    expect((await ui(h, '/ui/react', { user: PEOPLE.lead, channel: channel.id, ts: said.body['ts'], name: 'pushpin' })).status).toBe(200);
    await h.emulator.waitFor(() => timelineOf(h!, 'message.captured').length === 1);
    await h.settle();

    // The Home tab is published when opened.
    expect((await ui(h, '/ui/home', { user: PEOPLE.lead })).status).toBe(200);
    await h.emulator.waitFor(() => h.emulator.callsTo('views.publish').some((c) => c.args['user_id'] === PEOPLE.lead));

    // Resolve through the form: the button opens it (views.open), submitting resolves.
    const summary = h.emulator.messages(channel.id)[0]!;
    expect((await ui(h, '/ui/click', { user: PEOPLE.mlPrimary, channel: channel.id, ts: summary.ts, actionId: ACTIONS.resolve })).status).toBe(200);
    const form = await h.emulator.waitFor(() => h.emulator.views.find((v) => v.view['callback_id'] === 'incident:resolve-form'));
    const submitted = await ui(h, '/ui/submit', {
      user: PEOPLE.mlPrimary,
      viewId: form.id,
      values: { summary: { summary: 'Rolled back the model' }, modelRolledBack: { modelRolledBack: 'yes' } },
    });
    expect(submitted.status).toBe(200);
    await h.settle();
    expect(timelineOf(h, 'incident.resolved')).toHaveLength(1);
    expect(messageText(h.emulator.messages(channel.id)[0]!)).toContain('Rolled back the model');

    // Every envelope was acked, and nothing reached Vigil any other way.
    const sent = h.emulator.socketMode.sent;
    expect(sent.map((s) => s.type)).toEqual(expect.arrayContaining(['interactive', 'slash_commands', 'events_api']));
    expect(sent.every((s) => s.acked)).toBe(true);
  }));

  it('reconnects when Slack recycles the connection, and keeps answering', ({ expect }) => overTheSocket(async (h) => {
    await h.webhook('alertmanager', fixture('alertmanager-firing.json'));
    await h.settle();
    h.emulator.socketMode.disconnectAll();
    await h.emulator.waitFor(() => h.emulator.callsTo('apps.connections.open').length === 2 && h.emulator.socketMode.connected, 15_000);
    const status = await ui(h, '/ui/command', { user: PEOPLE.mlPrimary, channel: h.incidentChannel(1)!.id, text: '/incident status' });
    expect(status.status).toBe(200);
    expect(String(status.body['text'])).toContain('INC-1');
  }));

  it('in a real process (npm start with SLACK_APP_TOKEN): connects with the app token from the environment and serves no /slack/events', async ({ expect }) => {
    const emulator = createSlackEmulator({ users: [{ id: 'U0ALICE', name: 'alice' }] });
    await emulator.start(0);
    const general = emulator.addChannel({ name: 'general' });
    const vigil = new VigilProcess({
      SLACK_BOT_TOKEN: emulator.token,
      SLACK_APP_TOKEN: emulator.appToken,
      SLACK_API_URL: emulator.apiUrl,
      DATABASE_PATH: ':memory:',
      VIGIL_CONFIG: 'vigil.config.example.yaml',
    });
    try {
      await vigil.start();
      expect(vigil.output).toContain('Socket Mode');
      emulator.connectApp({ socketMode: true });
      const res = await fetch(`${emulator.baseUrl}/ui/command`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ user: 'U0ALICE', channel: general.id, text: '/incident help' }),
      });
      expect(res.status).toBe(200);
      expect(JSON.stringify(await res.json())).toContain('/incident declare');
      expect((await fetch(`${vigil.url}/slack/events`, { method: 'POST', body: '{}' })).status).toBe(404);
    } finally {
      await vigil.kill();
      await emulator.stop();
    }
  });
});
