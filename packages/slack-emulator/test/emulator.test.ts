import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode, WebClient } from '@slack/web-api';
import { quiet } from './quietLogger.js';
import { createSlackEmulator, type SlackEmulator } from '../src/index.js';


let emu: SlackEmulator;
let client: WebClient;
let printed: string[];

beforeEach(async () => {
  printed = [];
  emu = createSlackEmulator({
    users: [{ id: 'U01', name: 'alice', realName: 'Alice Doe', tz: 'Europe/Paris' }],
    usergroups: [{ id: 'S01', handle: 'ml-oncall', users: ['U01'] }],
    print: (line) => printed.push(line),
  });
  await emu.start(0);
  client = new WebClient(emu.token, { slackApiUrl: emu.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, logger: quiet });
});

afterEach(async () => {
  await emu.stop();
});

/** The error a failed call rejects with. */
async function failure(p: Promise<unknown>): Promise<{ code?: string; data?: { error?: string }; retryAfter?: number; message: string }> {
  try {
    await p;
  } catch (err) {
    return err as { code?: string; data?: { error?: string }; retryAfter?: number; message: string };
  }
  throw new Error('expected the call to fail');
}

const section = (text: string) => ({ type: 'section' as const, text: { type: 'mrkdwn' as const, text } });

describe('slack emulator', () => {
  it('answers auth.test and refuses a wrong token', async () => {
    const me = await client.auth.test();
    expect(me).toMatchObject({ ok: true, user_id: 'UVIGILBOT', team_id: 'T0VIGIL' });
    const stranger = new WebClient('xoxb-wrong', { slackApiUrl: emu.apiUrl, retryConfig: { retries: 0 }, logger: quiet });
    expect((await failure(stranger.auth.test())).data?.error).toBe('invalid_auth');
    const anonymous = new WebClient(undefined, { slackApiUrl: emu.apiUrl, retryConfig: { retries: 0 }, logger: quiet });
    expect((await failure(anonymous.auth.test())).data?.error).toBe('not_authed');
    expect((await failure(client.apiCall('nope.nothing'))).data?.error).toBe('unknown_method');
  });

  it('creates a channel, refuses a taken or invalid name', async () => {
    const res = await client.conversations.create({ name: 'inc-1-fraud-detector-accuracy', is_private: false });
    expect(res.channel?.id).toMatch(/^C/);
    expect(res.channel?.name).toBe('inc-1-fraud-detector-accuracy');
    const ch = emu.channelByName('inc-1-fraud-detector-accuracy');
    expect(ch?.members).toContain(emu.botUserId);
    expect(ch?.creator).toBe(emu.botUserId);

    expect((await failure(client.conversations.create({ name: 'inc-1-fraud-detector-accuracy' }))).data?.error).toBe('name_taken');
    expect((await failure(client.conversations.create({ name: 'Has Spaces' }))).data?.error).toBe('invalid_name_specials');
    expect((await failure(client.conversations.create({ name: 'x'.repeat(81) }))).data?.error).toBe('invalid_name_maxlength');
    expect((await failure(client.conversations.create({ name: '' }))).data?.error).toBe('invalid_name_required');

    await client.conversations.archive({ channel: res.channel?.id ?? '' });
    expect((await failure(client.conversations.create({ name: 'inc-1-fraud-detector-accuracy' }))).data?.error).toBe('name_taken');
    expect(printed.some((l) => l.includes('#inc-1-fraud-detector-accuracy') && l.includes('created (private: no)'))).toBe(true);
  });

  it('sets topic, invites, and says already_in_channel the second time', async () => {
    const { channel } = await client.conversations.create({ name: 'inc-2' });
    const id = channel?.id ?? '';
    await client.conversations.setTopic({ channel: id, topic: 'SEV1 · triggered · fraud-detector' });
    await client.conversations.invite({ channel: id, users: 'U01,U777' });
    expect(emu.channelByName('inc-2')?.topic).toBe('SEV1 · triggered · fraud-detector');
    expect(emu.channelByName('inc-2')?.members).toEqual(['UVIGILBOT', 'U01', 'U777']);
    expect((await failure(client.conversations.invite({ channel: id, users: 'U01' }))).data?.error).toBe('already_in_channel');
    expect((await failure(client.conversations.setTopic({ channel: 'CNOPE', topic: 'x' }))).data?.error).toBe('channel_not_found');
    expect(printed).toContain('[slack] #inc-2  invited @alice, @U777');
  });

  it('posts with metadata and reads it back from history, newest first', async () => {
    const { channel } = await client.conversations.create({ name: 'inc-3' });
    const id = channel?.id ?? '';
    const first = await client.chat.postMessage({
      channel: id,
      text: 'Incident declared',
      blocks: [{ type: 'header', text: { type: 'plain_text', text: 'SEV1 fraud-detector' } }, section('*Status:* triggered')],
      metadata: { event_type: 'vigil_incident', event_payload: { incident_id: 1 } },
    });
    const second = await client.chat.postMessage({ channel: id, text: 'second' });
    expect(Number(second.ts)).toBeGreaterThan(Number(first.ts));

    const plain = await client.conversations.history({ channel: id });
    expect(plain.messages?.map((m) => m.text)).toEqual(['second', 'Incident declared']);
    expect(plain.messages?.[1]?.metadata).toBeUndefined();

    const withMeta = await client.conversations.history({ channel: id, include_all_metadata: true, limit: 10 });
    expect(withMeta.messages?.[1]?.metadata).toEqual({ event_type: 'vigil_incident', event_payload: { incident_id: 1 } });
    expect(emu.messages(id)[0]?.blocks).toHaveLength(2);

    await client.pins.add({ channel: id, timestamp: first.ts ?? '' });
    expect((await failure(client.pins.add({ channel: id, timestamp: first.ts ?? '' }))).data?.error).toBe('already_pinned');
    expect(emu.channelByName('inc-3')?.pins).toEqual([first.ts]);

    await client.chat.update({ channel: id, ts: first.ts ?? '', text: 'Incident resolved' });
    expect(emu.messages(id)[0]?.history[0]?.text).toBe('Incident declared');
    const link = await client.chat.getPermalink({ channel: id, message_ts: first.ts ?? '' });
    expect(link.permalink).toBe(`${emu.baseUrl}/archives/${id}/p${(first.ts ?? '').replace('.', '')}`);

    expect(printed).toContain(`[slack] #inc-3 <- message ${first.ts}`);
    expect(printed).toContain('    ══ SEV1 fraud-detector ══');
  });

  it('pages conversations.list, history and replies with limit and next_cursor, as Slack does', async () => {
    for (let i = 0; i < 5; i++) emu.addChannel({ name: `page-${i}` });
    const names: string[] = [];
    let cursor: string | undefined;
    let calls = 0;
    do {
      const page = await client.conversations.list({ limit: 2, ...(cursor ? { cursor } : {}) });
      calls++;
      expect(page.channels?.length).toBeLessThanOrEqual(2);
      names.push(...(page.channels ?? []).map((c) => c.name ?? ''));
      cursor = page.response_metadata?.next_cursor;
    } while (cursor);
    expect(calls).toBe(3);
    expect(names.filter((n) => n.startsWith('page-'))).toEqual(['page-0', 'page-1', 'page-2', 'page-3', 'page-4']);
    expect((await client.conversations.list({ limit: 1000 })).response_metadata?.next_cursor).toBe('');
    expect((await failure(client.conversations.list({ cursor: 'bm9wZQ==' }))).data?.error).toBe('invalid_cursor');

    const { channel } = await client.conversations.create({ name: 'paged' });
    const id = channel?.id ?? '';
    const parent = await client.chat.postMessage({ channel: id, text: 'm0' });
    for (let i = 1; i < 5; i++) await client.chat.postMessage({ channel: id, text: `m${i}` });
    for (let i = 1; i < 4; i++) await client.chat.postMessage({ channel: id, text: `r${i}`, thread_ts: parent.ts ?? '' });
    const first = await client.conversations.history({ channel: id, limit: 3 });
    expect(first.messages?.map((m) => m.text)).toEqual(['m4', 'm3', 'm2']);
    expect(first.has_more).toBe(true);
    const second = await client.conversations.history({ channel: id, limit: 3, cursor: first.response_metadata?.next_cursor ?? '' });
    expect(second.messages?.map((m) => m.text)).toEqual(['m1', 'm0']);
    expect(second.has_more).toBe(false);
    expect(second.response_metadata?.next_cursor).toBe('');
    const thread = await client.conversations.replies({ channel: id, ts: parent.ts ?? '', limit: 2 });
    expect(thread.messages?.map((m) => m.text)).toEqual(['m0', 'r1']);
    const rest = await client.conversations.replies({ channel: id, ts: parent.ts ?? '', limit: 2, cursor: thread.response_metadata?.next_cursor ?? '' });
    expect(rest.messages?.map((m) => m.text)).toEqual(['r2', 'r3']);
    expect(rest.response_metadata?.next_cursor).toBe('');
  });

  it('refuses invalid blocks: 51 blocks, long texts, duplicate ids', async () => {
    const { channel } = await client.conversations.create({ name: 'inc-4' });
    const id = channel?.id ?? '';
    const tooMany = Array.from({ length: 51 }, (_, i) => section(`line ${i}`));
    expect((await failure(client.chat.postMessage({ channel: id, text: 't', blocks: tooMany }))).data?.error).toBe('invalid_blocks');
    expect((await failure(client.chat.postMessage({ channel: id, text: 't', blocks: [section('x'.repeat(3001))] }))).data?.error).toBe('invalid_blocks');
    const button = (action_id: string, text = 'Go') => ({ type: 'button' as const, action_id, text: { type: 'plain_text' as const, text } });
    const dup = [{ type: 'actions', elements: [button('ack'), button('ack')] }];
    expect((await failure(client.chat.postMessage({ channel: id, text: 't', blocks: dup }))).data?.error).toBe('invalid_blocks');
    const longButton = [{ type: 'actions', elements: [button('ack', 'y'.repeat(76))] }];
    expect((await failure(client.chat.postMessage({ channel: id, text: 't', blocks: longButton }))).data?.error).toBe('invalid_blocks');
    expect((await failure(client.apiCall('chat.postMessage', { channel: id }))).data?.error).toBe('no_text');
    expect((await failure(client.chat.postMessage({ channel: 'CNOPE', text: 'x' }))).data?.error).toBe('channel_not_found');
    expect(emu.messages(id)).toHaveLength(0);

    const ok = await client.chat.postMessage({ channel: id, text: 't', blocks: [section('fine'), { type: 'actions', elements: [button('ack', 'Acknowledge')] }] });
    expect(ok.ok).toBe(true);
    expect(printed).toContain('    [ Acknowledge ]');
  });

  it('refuses posting into a private channel the bot is not in', async () => {
    emu.addChannel({ name: 'secret', isPrivate: true, members: ['U01'] });
    const id = emu.channelByName('secret')?.id ?? '';
    expect((await failure(client.chat.postMessage({ channel: id, text: 'hi' }))).data?.error).toBe('not_in_channel');
    emu.addChannel({ name: 'general', members: ['U01'] });
    const pub = await client.chat.postMessage({ channel: emu.channelByName('general')?.id ?? '', text: 'hi' });
    expect(pub.ok).toBe(true);
  });

  it('turns a rateLimited fault into a 429 the client reports with retryAfter', async () => {
    const { channel } = await client.conversations.create({ name: 'inc-5' });
    emu.injectFault('chat.postMessage', { rateLimited: 2 });
    const err = await failure(client.chat.postMessage({ channel: channel?.id ?? '', text: 'x' }));
    expect(err.code).toBe(ErrorCode.RateLimitedError);
    expect(err.retryAfter).toBe(2);
    expect(emu.messages(channel?.id ?? '')).toHaveLength(0);
    expect(emu.callsTo('chat.postMessage')[0]?.status).toBe(429);
    // the fault is used up: the next call goes through
    await client.chat.postMessage({ channel: channel?.id ?? '', text: 'x' });
    expect(emu.messages(channel?.id ?? '')).toHaveLength(1);
  });

  it('error and status faults answer without applying', async () => {
    emu.injectFault('conversations.create', { error: 'restricted_action' });
    expect((await failure(client.conversations.create({ name: 'inc-6' }))).data?.error).toBe('restricted_action');
    emu.injectFault('conversations.create', { status: 500 });
    expect((await failure(client.conversations.create({ name: 'inc-6' }))).code).toBe(ErrorCode.HTTPError);
    expect(emu.channels()).toHaveLength(0);
  });

  it('a hang fault stores the message but never answers', async () => {
    const { channel } = await client.conversations.create({ name: 'inc-7' });
    const id = channel?.id ?? '';
    emu.injectFault('chat.postMessage', { hang: true });
    const impatient = new WebClient(emu.token, { slackApiUrl: emu.apiUrl, retryConfig: { retries: 0 }, timeout: 300, logger: quiet });
    const err = await failure(impatient.chat.postMessage({ channel: id, text: 'did it land?' }));
    expect(err.code).toBe(ErrorCode.RequestError);
    const stored = await emu.waitFor(() => emu.messages(id).find((m) => m.text === 'did it land?'));
    expect(stored.user).toBe(emu.botUserId);
    expect(emu.callsTo('chat.postMessage')[0]?.response).toMatchObject({ ok: true, ts: stored.ts });
  });

  it('opens the same DM channel for a user and files messages under it', async () => {
    const a = await client.conversations.open({ users: 'U01' });
    const b = await client.conversations.open({ users: 'U01' });
    expect(a.channel?.id).toMatch(/^D/);
    expect(b.channel?.id).toBe(a.channel?.id);
    await client.chat.postMessage({ channel: a.channel?.id ?? '', text: 'You are on call' });
    await client.chat.postMessage({ channel: 'U01', text: 'Still on call' });
    expect(emu.dmsTo('U01').map((m) => m.text)).toEqual(['You are on call', 'Still on call']);
    expect(printed.some((l) => l.startsWith('[slack] DM @alice <- message'))).toBe(true);
  });

  it('views.open: expired trigger, title limit, and a good modal', async () => {
    const modal = { type: 'modal' as const, title: { type: 'plain_text' as const, text: 'Declare incident' }, blocks: [] };
    expect((await failure(client.views.open({ trigger_id: '123.expired.abc', view: modal }))).data?.error).toBe('expired_trigger_id');
    const longTitle = { ...modal, title: { type: 'plain_text' as const, text: 'x'.repeat(25) } };
    expect((await failure(client.views.open({ trigger_id: '1.2', view: longTitle }))).data?.error).toBe('invalid_arguments');
    const trigger = emu.newTriggerId('U01');
    const opened = await client.views.open({ trigger_id: trigger, view: modal });
    expect(opened.view?.id).toMatch(/^V/);
    expect(emu.views[0]).toMatchObject({ id: opened.view?.id, triggerId: trigger, userId: 'U01', type: 'modal', via: 'open' });
    await client.views.update({ view_id: opened.view?.id ?? '', view: { ...modal, title: { type: 'plain_text', text: 'Updated' } } });
    expect(emu.currentView(opened.view?.id ?? '')?.via).toBe('update');
    expect(printed.some((l) => l.startsWith('[slack] modal opened for @alice : Declare incident'))).toBe(true);
  });

  it('users and usergroups', async () => {
    const info = await client.users.info({ user: 'U01' });
    expect(info.user).toMatchObject({ id: 'U01', name: 'alice', real_name: 'Alice Doe', tz: 'Europe/Paris', profile: { display_name: 'alice' } });
    const group = await client.usergroups.users.list({ usergroup: 'S01' });
    expect(group.users).toEqual(['U01']);
    expect((await failure(client.usergroups.users.list({ usergroup: 'S404' }))).data?.error).toBe('no_such_subteam');
  });

  it('uploads a file with files.uploadV2 and keeps its content', async () => {
    const { channel } = await client.conversations.create({ name: 'inc-8' });
    const id = channel?.id ?? '';
    await client.files.uploadV2({ channel_id: id, content: '# Postmortem\n\nAll good.', filename: 'postmortem.md', title: 'Postmortem' });
    const files = emu.files();
    expect(files).toHaveLength(1);
    expect(files[0]).toMatchObject({ title: 'Postmortem', channel: id, content: '# Postmortem\n\nAll good.' });
    expect(emu.messages(id)[0]?.files).toEqual([files[0]?.id]);
  });

  it('records response_url posts', async () => {
    const url = emu.responseUrl('abc');
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'Done', replace_original: true }) });
    expect(await res.json()).toEqual({ ok: true });
    expect(emu.responses).toEqual([{ path: '/response/abc', body: { text: 'Done', replace_original: true } }]);
  });

  it('strictUsers refuses unknown users', async () => {
    const strict = createSlackEmulator({ strictUsers: true, users: [{ id: 'U01', name: 'alice' }] });
    await strict.start();
    try {
      const c = new WebClient(strict.token, { slackApiUrl: strict.apiUrl, retryConfig: { retries: 0 }, logger: quiet });
      const { channel } = await c.conversations.create({ name: 'inc-10', is_private: true });
      expect((await failure(c.conversations.invite({ channel: channel?.id ?? '', users: 'U01,U404' }))).data?.error).toBe('user_not_found');
      expect((await failure(c.users.info({ user: 'U404' }))).data?.error).toBe('user_not_found');
    } finally {
      await strict.stop();
    }
  });

  it('stop() ends calls left hanging', async () => {
    emu.injectFault('auth.test', { hang: true });
    const pending = failure(client.auth.test());
    await emu.waitFor(() => emu.callsTo('auth.test').length === 1);
    await emu.stop();
    expect((await pending).code).toBe(ErrorCode.RequestError);
  });

  it('waitFor rejects with a helpful message on timeout', async () => {
    await expect(emu.waitFor(() => false, 50)).rejects.toThrow(/within 50 ms/);
  });

  it('reset forgets channels and calls but keeps users', async () => {
    await client.conversations.create({ name: 'inc-9' });
    emu.reset();
    expect(emu.channels()).toHaveLength(0);
    expect(emu.calls).toHaveLength(0);
    expect((await client.users.info({ user: 'U01' })).user?.name).toBe('alice');
  });
});
