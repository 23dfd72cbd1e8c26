import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode, WebClient } from '@slack/web-api';
import { quiet } from './quietLogger.js';
import { createSlackEmulator, type SlackEmulator } from '../src/index.js';
import { mulberry32 } from '../src/faults.js';


let emu: SlackEmulator;
let client: WebClient;

const clientFor = (e: SlackEmulator, timeout = 5_000) =>
  new WebClient(e.token, { slackApiUrl: e.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, timeout, logger: quiet });

beforeEach(async () => {
  emu = createSlackEmulator({ users: [{ id: 'U01', name: 'alice' }] });
  await emu.start(0);
  client = clientFor(emu);
});

afterEach(async () => {
  await emu.stop();
});

/** How each call ended: 'ok', 'http_500', 'ratelimited:<s>', or the error code. */
async function outcome(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (err) {
    const e = err as { code?: string; statusCode?: number; retryAfter?: number; data?: { error?: string } };
    if (e.code === ErrorCode.RateLimitedError) return `ratelimited:${e.retryAfter}`;
    if (e.code === ErrorCode.HTTPError) return `http_${e.statusCode}`;
    if (e.code === ErrorCode.PlatformError) return e.data?.error ?? 'platform';
    return e.code ?? 'unknown';
  }
}

describe('seeded random faults', () => {
  it('mulberry32 repeats its sequence for a seed and differs between seeds', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const c = mulberry32(43);
    const seqA = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(seqA);
    expect(Array.from({ length: 5 }, () => c())).not.toEqual(seqA);
    expect(seqA.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('fails about the asked share of calls, with 500s and 429s that change nothing, and the same fates for the same seed', async () => {
    const run = async (e: SlackEmulator) => {
      const c = clientFor(e);
      e.randomFaults({ seed: 7, rate: 0.3, kinds: ['status500', 'rateLimited'] });
      const fates: string[] = [];
      for (let i = 0; i < 120; i++) fates.push(await outcome(c.conversations.create({ name: `inc-${i}` })));
      return fates;
    };
    const fates = await run(emu);
    const failed = fates.filter((f) => f !== 'ok');
    expect(failed.length).toBeGreaterThan(20);
    expect(failed.length).toBeLessThan(55);
    expect(new Set(failed.map((f) => f.split(':')[0]))).toEqual(new Set(['http_500', 'ratelimited']));
    expect(failed.filter((f) => f.startsWith('ratelimited')).every((f) => ['ratelimited:1', 'ratelimited:2'].includes(f))).toBe(true);
    // A refused call created nothing.
    expect(emu.channels()).toHaveLength(fates.filter((f) => f === 'ok').length);
    const stats = emu.faultStats();
    expect(stats.calls).toBe(120);
    expect(stats.faults.status500 + stats.faults.rateLimited).toBe(failed.length);
    expect(stats.byMethod['conversations.create']).toBe(failed.length);

    const twin = createSlackEmulator();
    await twin.start(0);
    try {
      expect(await run(twin)).toEqual(fates);
    } finally {
      await twin.stop();
    }
  });

  it('only fails the methods asked for, and nothing once healed', async () => {
    emu.randomFaults({ seed: 1, rate: 1, methods: ['chat.postMessage'], kinds: ['status500'] });
    const { channel } = await client.conversations.create({ name: 'inc-1' });
    const id = channel?.id ?? '';
    expect(await outcome(client.chat.postMessage({ channel: id, text: 'hello' }))).toBe('http_500');
    emu.healFaults();
    expect(await outcome(client.chat.postMessage({ channel: id, text: 'hello' }))).toBe('ok');
    expect(emu.messages(id).map((m) => m.text)).toEqual(['hello']);
    expect(emu.faultStats().faults.status500).toBe(1);
    expect(emu.callsTo('chat.postMessage').map((c) => [c.status, c.fault])).toEqual([
      [500, 'HTTP 500'],
      [200, undefined],
    ]);
  });

  it('a late call is done at once but answered after the client gave up', async () => {
    const { channel } = await client.conversations.create({ name: 'inc-2' });
    const id = channel?.id ?? '';
    emu.randomFaults({ seed: 3, rate: 1, kinds: ['late'], lateMs: 1_000 });
    const impatient = clientFor(emu, 300);
    const started = Date.now();
    expect(await outcome(impatient.chat.postMessage({ channel: id, text: 'did it land?' }))).toBe(ErrorCode.RequestError);
    expect(Date.now() - started).toBeLessThan(900);
    expect(emu.messages(id).map((m) => m.text)).toEqual(['did it land?']);
    // A patient client gets Slack's answer, late.
    const patient = clientFor(emu, 5_000);
    const t0 = Date.now();
    const answer = await patient.chat.postMessage({ channel: id, text: 'slow but sure' });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(950);
    expect(answer.ts).toBe(emu.messages(id)[1]?.ts);
    expect(emu.faultStats().faults.late).toBe(2);
  });

  it('an injected late fault, and stop() drops answers still owed', async () => {
    emu.injectFault('auth.test', { late: 60_000 });
    const pending = outcome(client.auth.test());
    await emu.waitFor(() => emu.callsTo('auth.test').length === 1);
    await emu.stop();
    expect(await pending).toBe(ErrorCode.RequestError);
  });
});

describe('history as Slack answers it', () => {
  it('conversations.history: newest first, top-level only, metadata only with include_all_metadata', async () => {
    const { channel } = await client.conversations.create({ name: 'inc-3' });
    const id = channel?.id ?? '';
    const meta = (n: number) => ({ event_type: 'vigil_effect', event_payload: { effect_id: n } });
    const first = await client.chat.postMessage({ channel: id, text: 'one', metadata: meta(1) });
    await client.chat.postMessage({ channel: id, text: 'two', metadata: meta(2) });
    await client.chat.postMessage({ channel: id, text: 'in thread', thread_ts: first.ts ?? '', metadata: meta(3) });

    const plain = await client.conversations.history({ channel: id });
    expect(plain.messages?.map((m) => m.text)).toEqual(['two', 'one']);
    expect(plain.messages?.some((m) => 'metadata' in m)).toBe(false);

    const withMeta = await client.conversations.history({ channel: id, include_all_metadata: true, limit: 1 });
    expect(withMeta.messages).toHaveLength(1);
    expect(withMeta.messages?.[0]).toMatchObject({ text: 'two', metadata: meta(2) });
    expect(withMeta.has_more).toBe(true);

    const thread = await client.conversations.replies({ channel: id, ts: first.ts ?? '', include_all_metadata: true });
    expect(thread.messages?.map((m) => [m.text, (m as { metadata?: unknown }).metadata])).toEqual([
      ['one', meta(1)],
      ['in thread', meta(3)],
    ]);
  });

  it('a DM read back through the channel id conversations.open gave', async () => {
    const { channel } = await client.conversations.open({ users: 'U01' });
    const dm = channel?.id ?? '';
    await client.chat.postMessage({ channel: dm, text: 'You are paged', metadata: { event_type: 'vigil_effect', event_payload: { effect_id: 9 } } });
    const history = await client.conversations.history({ channel: dm, include_all_metadata: true });
    expect(history.messages?.[0]).toMatchObject({ text: 'You are paged', metadata: { event_payload: { effect_id: 9 } } });
  });
});
