import { request } from 'node:http';
import type { Transform } from 'node:stream';
import { brotliCompressSync, constants as zlibConstants, createBrotliCompress, createDeflate, createGzip, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness, fixture } from '../support/harness.js';
import { DETECTOR_ALERT } from '../support/samples.js';
import { TOKENS } from '../support/testPolicy.js';

// Issue 11: a body that can never succeed is the sender's fault. Alertmanager retries 5xx forever,
// so every such body gets a 4xx at once, a 400 says what was wrong (issues[]), and nothing is stored.

type Kind = 'alertmanager' | 'detector';
const KINDS: Kind[] = ['alertmanager', 'detector'];

interface Answer {
  status: number;
  body: { error?: string; issues?: Array<{ path: string; message: string }>; incidentId?: number; alertIds?: number[] };
  ms: number;
}

/** POST raw bytes with exactly the headers given (fetch would fix up some of them). */
function post(url: string, kind: Kind, body: Buffer | string, headers: Record<string, string | null> = {}): Promise<Answer> {
  const all: Record<string, string> = { 'content-type': 'application/json', authorization: `Bearer ${TOKENS[kind]}` };
  for (const [name, value] of Object.entries(headers)) {
    if (value === null) delete all[name];
    else all[name] = value;
  }
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(`${url}/webhooks/${kind}`, { method: 'POST', headers: { ...all, 'content-length': String(bytes.length) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : {}, ms: performance.now() - started });
      });
      res.on('error', reject);
    });
    // The server may answer (413, 415) and close before taking the whole body.
    req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)));
    req.end(bytes);
  });
}

/**
 * 256 MB of zeros through a compressor, fed a megabyte at a time: the same bytes as compressing one
 * 256 MB buffer (identical for gzip and deflate), without allocating and touching 256 MB, which
 * took seconds on a busy machine.
 */
async function zeroBomb(compressor: Transform): Promise<Buffer> {
  const megabyte = Buffer.alloc(1024 * 1024);
  const chunks: Buffer[] = [];
  compressor.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => compressor.on('end', resolve).on('error', reject));
  for (let i = 0; i < 256; i++) {
    if (!compressor.write(megabyte)) await new Promise((resolve) => compressor.once('drain', resolve));
  }
  compressor.end();
  await ended;
  return Buffer.concat(chunks);
}

const valid = (kind: Kind): Record<string, unknown> =>
  kind === 'alertmanager' ? fixture<Record<string, unknown>>('alertmanager-firing.json') : { ...DETECTOR_ALERT };

function nested(depth: number, open: string, close: string, inner = '1'): string {
  return open.repeat(depth) + inner + close.repeat(depth);
}

/** A valid body with raw bytes put inside its free-text field (title, receiver): only the bytes are wrong. */
function withBytes(kind: Kind, bytes: number[]): Buffer {
  const text = JSON.stringify(valid(kind));
  const at = text.indexOf(kind === 'alertmanager' ? '"receiver":"' : '"title":"') + (kind === 'alertmanager' ? 12 : 9);
  return Buffer.concat([Buffer.from(text.slice(0, at)), Buffer.from(bytes), Buffer.from(text.slice(at))]);
}

function resolvedWithEnd(endsAt: string): Record<string, unknown> {
  const body = fixture<{ alerts: Array<Record<string, unknown>> } & Record<string, unknown>>('alertmanager-firing.json');
  return { ...body, status: 'resolved', alerts: body.alerts.map((a) => ({ ...a, status: 'resolved', endsAt })) };
}

describe('hostile webhook bodies: 4xx at once, a 400 says what was wrong, nothing stored', () => {
  let h: Harness;
  const stored = () =>
    (h.vigil.store.sqlite.prepare('select (select count(*) from alerts) + (select count(*) from incidents) as n').get() as { n: number }).n;

  beforeAll(async () => {
    h = await Harness.start();
  });
  afterAll(async () => {
    await h.close();
  });

  function expect400(res: Answer, what: string, pathMatch?: RegExp): void {
    expect(res.status, `${what}: ${JSON.stringify(res.body)}`).toBe(400);
    expect(res.body.error, what).toEqual(expect.any(String));
    expect(res.body.issues?.length, `${what}: issues`).toBeGreaterThan(0);
    for (const issue of res.body.issues!) {
      expect(typeof issue.path, what).toBe('string');
      expect(issue.message, what).toEqual(expect.any(String));
      expect(issue.message.length, what).toBeGreaterThan(0);
    }
    if (pathMatch) expect(res.body.issues!.map((i) => i.path).join(' '), what).toMatch(pathMatch);
    expect(res.ms, `${what}: answered in ${res.ms.toFixed(0)} ms`).toBeLessThan(1000);
  }

  it('a resolved alert whose endsAt is not a real instant is a 400 naming the field', async () => {
    const before = stored();
    for (const endsAt of ['garbage', '2026-13-45T99:99:99Z', '2026-02-30T10:00:00Z', '2026-11-22T24:00:00Z', '']) {
      const res = await post(h.url, 'alertmanager', JSON.stringify(resolvedWithEnd(endsAt)));
      expect400(res, `endsAt ${JSON.stringify(endsAt)}`, /alerts\[0\]\.endsAt/);
    }
    const badStart = fixture<{ alerts: Array<Record<string, unknown>> } & Record<string, unknown>>('alertmanager-firing.json');
    badStart.alerts[1]!['startsAt'] = '2026-13-45T99:99:99Z';
    expect400(await post(h.url, 'alertmanager', JSON.stringify(badStart)), 'startsAt out of range', /alerts\[1\]\.startsAt/);
    for (const field of ['observedAt', 'startedAt', 'endedAt']) {
      const res = await post(h.url, 'detector', JSON.stringify({ ...DETECTOR_ALERT, [field]: '2026-13-45T99:99:99Z' }));
      expect400(res, `detector ${field}`, new RegExp(field));
    }
    expect(stored()).toBe(before);
  });

  it.each(KINDS)('%s: a body nested 10,000 and 100,000 deep is a 400, not a crash', async (kind) => {
    const start = stored();
    for (const depth of [65, 10_000, 100_000]) {
      for (const [open, close] of [['[', ']'], ['{"a":', '}']] as const) {
        expect400(await post(h.url, kind, nested(depth, open, close)), `${kind} ${open} x ${depth}`);
        // The same depth inside an otherwise valid body, in a field the schema keeps loosely.
        const inside = JSON.stringify({ ...valid(kind), extra: '\u0000' }).replace('"\\u0000"', nested(depth, open, close));
        expect400(await post(h.url, kind, inside), `${kind} ${open} x ${depth} inside a valid body`, /extra/);
      }
    }
    expect(stored()).toBe(start);
    // 64 levels is still accepted: real alerts never come near it.
    const before = stored();
    const ok = await post(h.url, kind, JSON.stringify({ ...valid(kind), extra: JSON.parse(nested(62, '[', ']')) }));
    expect(ok.status).toBe(202);
    expect(stored()).toBeGreaterThan(before);
  });

  it.each(KINDS)('%s: unreadable bodies are 400s with issues', async (kind) => {
    const cases: Array<[string, Buffer | string, Record<string, string | null>?]> = [
      ['gzip header on a plain body', JSON.stringify(valid(kind)), { 'content-encoding': 'gzip' }],
      ['deflate header on a plain body', JSON.stringify(valid(kind)), { 'content-encoding': 'deflate' }],
      ['br header on a plain body', JSON.stringify(valid(kind)), { 'content-encoding': 'br' }],
      ['truncated gzip', gzipSync(JSON.stringify(valid(kind))).subarray(0, 40), { 'content-encoding': 'gzip' }],
      ['truncated JSON', JSON.stringify(valid(kind)).slice(0, 57)],
      ['empty body', ''],
      ['whitespace only', ' \n\t '],
      ['two JSON values', `${JSON.stringify(valid(kind))} {}`],
      ['top-level array', JSON.stringify([valid(kind)])],
      ['top-level number', '42'],
      ['top-level string', '"firing"'],
      ['top-level null', 'null'],
      ['top-level true', 'true'],
      ['invalid UTF-8 in a free-text field', withBytes(kind, [0xff, 0xfe])],
      ['a truncated UTF-8 sequence', withBytes(kind, [0xe2, 0x82])],
      ['an overlong UTF-8 encoding', withBytes(kind, [0xc0, 0xaf])],
      ['a lone surrogate half in UTF-8', withBytes(kind, [0xed, 0xa0, 0x80])],
      ['NaN literal', JSON.stringify(valid(kind)).replace(/^\{/, '{"n":NaN,')],
      ['a JSON with comments', `// alert\n${JSON.stringify(valid(kind))}`],
    ];
    const before = stored();
    for (const [what, body, headers] of cases) expect400(await post(h.url, kind, body, headers), `${kind}: ${what}`);
    // Bad bytes are not turned into U+FFFD and stored: the sender is told where they are.
    const bytes = withBytes(kind, [0xff]);
    const offset = bytes.indexOf(0xff);
    const bad = await post(h.url, kind, bytes);
    expect(bad.body.issues![0]!.message).toBe(`body is not valid UTF-8 (first bad byte at offset ${offset})`);
    expect(stored()).toBe(before);
  });

  it('huge numbers where a number is expected are 400s; elsewhere they are kept as JSON can hold them', async () => {
    const before = stored();
    const detector = JSON.stringify({ ...DETECTOR_ALERT, metric: { name: 'psi', value: 1, threshold: 2 } });
    for (const huge of ['1e400', '-1e400', '9'.repeat(400), `1${'0'.repeat(100_000)}`]) {
      expect400(await post(h.url, 'detector', detector.replace('"value":1', `"value":${huge}`)), `metric.value ${huge.slice(0, 10)}`, /metric\.value/);
    }
    const am = JSON.stringify(valid('alertmanager')).replace('"truncatedAlerts":0', '"truncatedAlerts":1e400');
    expect400(await post(h.url, 'alertmanager', am), 'truncatedAlerts 1e400', /truncatedAlerts/);
    expect(stored()).toBe(before);
    const extra = JSON.stringify({ ...DETECTOR_ALERT, dedupKey: 'huge-extra', extra: 0 }).replace('"extra":0', '"extra":1e400');
    const kept = await post(h.url, 'detector', extra);
    expect(kept.status).toBe(202);
    expect(kept.ms).toBeLessThan(1000);
  });

  it('401 without or with a wrong token, before reading the body', async () => {
    for (const kind of KINDS) {
      const before = stored();
      const none = await post(h.url, kind, JSON.stringify(valid(kind)), { authorization: null });
      expect(none.status).toBe(401);
      expect(none.body.error).toMatch(/bearer token/);
      const other = await post(h.url, kind, JSON.stringify(valid(kind)), { authorization: `Bearer ${TOKENS[kind === 'detector' ? 'alertmanager' : 'detector']}` });
      expect(other.status).toBe(401);
      // Even a body that would be a 413 or a bomb: a stranger gets 401, not parsing work.
      const big = await post(h.url, kind, Buffer.alloc(2 * 1024 * 1024, 0x20), { authorization: 'Bearer nope' });
      expect(big.status).toBe(401);
      expect(stored()).toBe(before);
    }
  });

  it('415 for a content type that is not JSON, or a content encoding Vigil cannot read', async () => {
    const before = stored();
    for (const kind of KINDS) {
      for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/jsonx', null]) {
        const res = await post(h.url, kind, JSON.stringify(valid(kind)), { 'content-type': type });
        expect(res.status, String(type)).toBe(415);
        expect(res.body.error).toMatch(/application\/json/);
      }
      // Unsupported content coding is 415 in HTTP (RFC 9110 15.5.16); it still says what to send.
      for (const encoding of ['compress', 'zstd', 'gzip, br', 'bogus']) {
        const res = await post(h.url, kind, JSON.stringify(valid(kind)), { 'content-encoding': encoding });
        expect(res.status, encoding).toBe(415);
        expect(res.body.error).toMatch(/identity, gzip, deflate or br/);
        expect(res.ms).toBeLessThan(1000);
      }
    }
    expect(stored()).toBe(before);
  });

  it('413 for more than 1 MB, declared or after decoding (a gzip bomb), answered in under a second', async () => {
    const before = stored();
    // 256 MB of zeros in a few hundred KB of gzip, deflate and brotli. Run-length matching makes
    // the same bytes as level 9's full search in a quarter of the time, and brotli's quality 1
    // is already small enough (48 KB): about 0.3 s of CPU to make, instead of 1.3 s.
    const rle = { level: 9, strategy: zlibConstants.Z_RLE };
    const bombs: Array<[string, Buffer]> = [
      ['gzip', await zeroBomb(createGzip(rle))],
      ['deflate', await zeroBomb(createDeflate(rle))],
      ['br', await zeroBomb(createBrotliCompress({ params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 1 } }))],
    ];
    for (const kind of KINDS) {
      const big = JSON.stringify({ ...valid(kind), description: 'x'.repeat(1024 * 1024 + 10) });
      const declared = await post(h.url, kind, big);
      expect(declared.status).toBe(413);
      expect(declared.body.error).toMatch(/larger than/);
      for (const [encoding, bomb] of bombs) {
        const res = await post(h.url, kind, bomb, { 'content-encoding': encoding });
        expect(res.status, encoding).toBe(413);
        expect(res.body.error).toMatch(/larger than/);
        if (kind === 'detector') console.log(`${encoding} bomb (${bomb.length} bytes) answered 413 in ${res.ms.toFixed(0)} ms`);
        expect(res.ms, `${encoding} bomb answered in ${res.ms.toFixed(0)} ms`).toBeLessThan(1000);
      }
    }
    expect(stored()).toBe(before);
    // The server is still itself afterwards.
    expect((await post(h.url, 'detector', JSON.stringify({ ...DETECTOR_ALERT, dedupKey: 'after-bombs' }))).status).toBe(202);
  });

  it('a valid body compressed any supported way is accepted', async () => {
    const body = JSON.stringify({ ...DETECTOR_ALERT, dedupKey: 'compressed' });
    const encodings: Array<[string, Buffer]> = [
      ['gzip', gzipSync(body)],
      ['deflate', deflateSync(body)],
      ['br', brotliCompressSync(body)],
      ['identity', Buffer.from(body)],
      // RFC 8259 lets a parser ignore a byte-order mark; Windows tools write one.
      ['identity', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body)])],
    ];
    for (const [encoding, bytes] of encodings) {
      const res = await post(h.url, 'detector', bytes, { 'content-encoding': encoding });
      expect(res.status, encoding).toBe(202);
      expect(res.body.alertIds).toHaveLength(1);
    }
  });
});
