import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebClient } from '@slack/web-api';
import { createHttpFetch } from '../../src/slack/httpFetch.js';

// The Web API client's transport: what @slack/web-api relies on from fetch must hold over node:http.
describe('Slack calls over node:http (createHttpFetch)', () => {
  let server: http.Server;
  let base: string;
  const seen: Array<{ url: string; method: string; headers: http.IncomingHttpHeaders; body: string }> = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        seen.push({ url: req.url ?? '', method: req.method ?? '', headers: req.headers, body });
        if (req.url === '/api/chat.postMessage') {
          res.writeHead(200, { 'content-type': 'application/json', 'x-oauth-scopes': 'chat:write' });
          res.end(JSON.stringify({ ok: true, channel: 'C1', ts: '1.000001' }));
        } else if (req.url === '/api/rate.limited') {
          res.writeHead(429, { 'retry-after': '7' });
          res.end();
        } else if (req.url === '/api/broken') {
          res.writeHead(502, { 'content-type': 'text/plain' });
          res.end('bad gateway');
        } else if (req.url === '/api/moved') {
          res.writeHead(302, { location: 'http://elsewhere.invalid/' });
          res.end();
        } else if (req.url === '/api/slow') {
          setTimeout(() => res.end('{"ok":true}'), 2_000).unref();
        } else {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end('{"ok":false,"error":"unknown_method"}');
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  afterEach(() => vi.restoreAllMocks());

  const client = (timeout = 0) => new WebClient('xoxb-test', { slackApiUrl: base, fetch: createHttpFetch(), retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, timeout });

  it('sends the call as Slack expects (POST, form body, bearer token) and hands back its answer and scopes', async () => {
    const result = await client().chat.postMessage({ channel: 'C1', text: 'héllo <!channel>' });
    expect(result).toMatchObject({ ok: true, channel: 'C1', ts: '1.000001' });
    expect(result.response_metadata?.scopes).toEqual(['chat:write']);
    const call = seen.at(-1)!;
    expect(call.method).toBe('POST');
    expect(call.headers.authorization).toBe('Bearer xoxb-test');
    expect(Number(call.headers['content-length'])).toBe(Buffer.byteLength(call.body));
    expect(new URLSearchParams(call.body).get('text')).toBe('héllo <!channel>');
  });

  it("says a platform error, a 429 with its Retry-After, and another status as the client's own errors", async () => {
    await expect(client().apiCall('unknown.method')).rejects.toMatchObject({ code: 'slack_webapi_platform_error', data: { error: 'unknown_method' } });
    await expect(client().apiCall('rate.limited')).rejects.toMatchObject({ code: 'slack_webapi_rate_limited_error', retryAfter: 7 });
    await expect(client().apiCall('broken')).rejects.toMatchObject({ code: 'slack_webapi_http_error', statusCode: 502, body: 'bad gateway' });
  });

  it('refuses a redirect instead of following it with the token', async () => {
    await expect(client().apiCall('moved')).rejects.toMatchObject({ code: 'slack_webapi_request_error', original: { message: expect.stringContaining('redirected (302)') } });
  });

  it("gives up when the client's timeout passes, with the timeout as the reason", async () => {
    await expect(client(100).apiCall('slow')).rejects.toMatchObject({ code: 'slack_webapi_request_error', original: { name: 'TimeoutError' } });
    // The connection it gave up on is not reused: the next call is answered.
    await expect(client().chat.postMessage({ channel: 'C1', text: 'after' })).resolves.toMatchObject({ ok: true });
  });

  it('keeps the connection for the next call', async () => {
    const httpFetch = createHttpFetch();
    const ports = new Set<number>();
    server.on('connection', (socket) => ports.add(socket.remotePort!));
    const before = ports.size;
    for (let i = 0; i < 3; i += 1) {
      const answer = await httpFetch(`${base}chat.postMessage`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(await answer.json()).toMatchObject({ ok: true });
    }
    expect(ports.size - before).toBe(1);
    // The body as bytes too (the client reads a gzip answer so), exactly as sent.
    const bytes = await (await httpFetch(`${base}chat.postMessage`, { method: 'POST', body: '{}' })).arrayBuffer();
    expect(JSON.parse(new TextDecoder().decode(bytes))).toEqual({ ok: true, channel: 'C1', ts: '1.000001' });
  });

  it('makes its calls over node:http, never through the global fetch, except a multipart upload', async () => {
    // Every other test here would pass if the calls went to the global fetch: this one would not.
    const globalFetch = vi.spyOn(globalThis, 'fetch');
    await client().chat.postMessage({ channel: 'C1', text: 'over node:http' });
    expect(new URLSearchParams(seen.at(-1)!.body).get('text')).toBe('over node:http');
    expect(globalFetch).not.toHaveBeenCalled();

    // A FormData body (files.uploadV2's form) is the one thing handed on, as the global fetch encodes it.
    const form = new FormData();
    form.append('file', new Blob(['bytes']), 'chart.png');
    const answer = await createHttpFetch()(`${base}files.upload`, { method: 'POST', body: form });
    expect(globalFetch).toHaveBeenCalledTimes(1);
    expect(await answer.json()).toMatchObject({ ok: false, error: 'unknown_method' });
    expect(seen.at(-1)!.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
  });
});
