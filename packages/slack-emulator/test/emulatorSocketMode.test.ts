import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebClient } from '@slack/web-api';
import { WebSocket } from 'ws';
import { quiet } from './quietLogger.js';
import { createSlackEmulator, type SlackEmulator } from '../src/index.js';

// Socket Mode as Slack speaks it, checked at the protocol: an app opens a connection with its
// app-level token, is greeted with hello, receives each request as an envelope and acks it; the
// ack's payload is the answer the person sees. (Vigil's end-to-end test drives it with Bolt.)

const ALICE = 'U0ALICE';
let emu: SlackEmulator;

beforeEach(async () => {
  emu = createSlackEmulator({ users: [{ id: ALICE, name: 'alice' }], appToken: 'xapp-test', scopes: ['chat:write', 'commands'] });
  await emu.start(0);
  emu.addChannel({ name: 'general', id: 'C0GENERAL' });
  emu.connectApp({ socketMode: true });
});
afterEach(async () => {
  await emu.stop();
});

async function openConnection(token: string): Promise<{ ok: boolean; url?: string; error?: string }> {
  const res = await fetch(`${emu.apiUrl}apps.connections.open`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
  return (await res.json()) as { ok: boolean; url?: string; error?: string };
}

/** A minimal Socket Mode app: answers every envelope with `answer(envelope)`. */
async function connect(answer: (envelope: { type: string; payload: Record<string, unknown> }) => unknown): Promise<{ socket: WebSocket; received: Array<Record<string, unknown>> }> {
  const opened = await openConnection(emu.appToken);
  const socket = new WebSocket(opened.url!);
  const received: Array<Record<string, unknown>> = [];
  await new Promise<void>((resolve, reject) => {
    socket.on('error', reject);
    socket.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString()) as Record<string, unknown>;
      received.push(message);
      if (message['type'] === 'hello') return resolve();
      const payload = answer(message as { type: string; payload: Record<string, unknown> });
      socket.send(JSON.stringify({ envelope_id: message['envelope_id'], ...(payload === undefined ? {} : { payload }) }));
    });
  });
  return { socket, received };
}

const ui = async (path: string, body: unknown) => {
  const res = await fetch(`${emu.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

describe('Socket Mode', () => {
  it('opens a connection only for the app-level token', async () => {
    expect(await openConnection('xoxb-emulator')).toEqual({ ok: false, error: 'not_allowed_token_type' });
    expect(await openConnection('xapp-wrong')).toEqual({ ok: false, error: 'invalid_auth' });
    const opened = await openConnection('xapp-test');
    expect(opened.ok).toBe(true);
    expect(opened.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/socket-mode\//);
  });

  it('refuses a connection URL that was not handed out, or is used twice', async () => {
    const refused = new WebSocket(`${emu.baseUrl.replace('http', 'ws')}/socket-mode/made-up`);
    await expect(new Promise((resolve, reject) => {
      refused.on('open', resolve);
      refused.on('error', reject);
    })).rejects.toThrow(/401/);
    const { url } = await openConnection('xapp-test');
    const first = new WebSocket(url!);
    await new Promise((resolve) => first.on('message', resolve));
    const again = new WebSocket(url!);
    await expect(new Promise((resolve, reject) => {
      again.on('open', resolve);
      again.on('error', reject);
    })).rejects.toThrow(/401/);
    first.close();
  });

  it('sends a slash command as an envelope, and the ack payload is the reply the person sees', async () => {
    const { socket } = await connect((envelope) => ({ text: `you said: ${String(envelope.payload['text'])}` }));
    const res = await ui('/ui/command', { user: ALICE, channel: 'C0GENERAL', text: '/incident role scribe @alice & <b>' });
    expect(res).toEqual({ status: 200, body: { text: 'you said: role scribe <@U0ALICE|alice> &amp; &lt;b&gt;' } });
    const sent = emu.socketMode.sent.at(-1)!;
    expect(sent.type).toBe('slash_commands');
    expect(sent.acked).toBe(true);
    expect(sent.payload).toMatchObject({ command: '/incident', user_id: ALICE, channel_id: 'C0GENERAL' });
    expect(emu.socketMode.connected).toBe(true);
    socket.close();
  });

  it('sends interactions and events as their own envelope types', async () => {
    const { socket } = await connect(() => undefined);
    const message = await ui('/ui/message', { user: ALICE, channel: 'C0GENERAL', text: 'the fraud model is down, @alice' });
    expect(message.status).toBe(200);
    const ts = String(message.body['ts']);
    expect(emu.messages('C0GENERAL').at(-1)).toMatchObject({ user: ALICE, text: 'the fraud model is down, <@U0ALICE>' });

    emu.connectApp({ socketMode: true }, { shortcuts: [{ callbackId: 'add_to_timeline', name: 'Add to incident timeline' }] });
    expect((await ui('/ui/shortcut', { user: ALICE, channel: 'C0GENERAL', ts, callbackId: 'add_to_timeline' })).status).toBe(200);
    expect((await ui('/ui/react', { user: ALICE, channel: 'C0GENERAL', ts, name: 'pushpin' })).status).toBe(200);
    expect((await ui('/ui/pin', { user: ALICE, channel: 'C0GENERAL', ts })).status).toBe(200);
    expect((await ui('/ui/home', { user: ALICE })).status).toBe(200);

    const [shortcut, reaction, pin, home] = emu.socketMode.sent.slice(-4);
    expect(shortcut).toMatchObject({ type: 'interactive', payload: { type: 'message_action', callback_id: 'add_to_timeline', message_ts: ts, user: { id: ALICE } } });
    expect(reaction).toMatchObject({ type: 'events_api', payload: { type: 'event_callback', event: { type: 'reaction_added', reaction: 'pushpin', user: ALICE, item: { channel: 'C0GENERAL', ts } } } });
    expect(pin).toMatchObject({ type: 'events_api', payload: { event: { type: 'pin_added', channel_id: 'C0GENERAL', item: { message: { ts, text: 'the fraud model is down, <@U0ALICE>' } } } } });
    expect(home).toMatchObject({ type: 'events_api', payload: { event: { type: 'app_home_opened', user: ALICE, tab: 'home' } } });
    expect(emu.messages('C0GENERAL').at(-1)!.reactions).toEqual([{ name: 'pushpin', users: [ALICE] }]);
    expect(emu.channelByName('general')!.pins).toEqual([ts]);

    // Taking the reaction back and unpinning change the workspace; Vigil subscribes to neither event.
    const before = emu.socketMode.sent.length;
    await ui('/ui/react', { user: ALICE, channel: 'C0GENERAL', ts, name: 'pushpin' });
    await ui('/ui/pin', { user: ALICE, channel: 'C0GENERAL', ts });
    expect(emu.socketMode.sent.length).toBe(before);
    expect(emu.messages('C0GENERAL').at(-1)!.reactions).toEqual([]);
    socket.close();
  });

  it('answers the page 502 when the app is not connected, instead of waiting', async () => {
    const res = await ui('/ui/command', { user: ALICE, channel: 'C0GENERAL', text: '/incident help' });
    expect(res.status).toBe(502);
    expect(res.body['message']).toMatch(/Socket Mode: no app is connected over Socket Mode/);
  });
});

describe('granted scopes', () => {
  it('are sent as x-oauth-scopes, which the Web API client reads from auth.test', async () => {
    const client = new WebClient(emu.token, { slackApiUrl: emu.apiUrl, retryConfig: { retries: 0 }, logger: quiet });
    const answer = await client.auth.test();
    expect(answer.response_metadata?.scopes).toEqual(['chat:write', 'commands']);
  });
});
