import http from 'node:http';
import https from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';
import type { FetchFunction } from '@slack/web-api';

// The package exports only the function's type; what it returns is named here.
type FetchResponse = Awaited<ReturnType<FetchFunction>>;
type FetchHeaders = FetchResponse['headers'];

// How long a connection to Slack may sit unused before it is closed on our side: under the 5 s
// that servers commonly keep an idle connection (node's own and the emulator's), so we close it
// before they do, and a request never goes out on a socket the server is closing.
const IDLE_SOCKET_MS = 4_000;

/** A response's headers as @slack/web-api reads them (node has already lowercased the names). */
function headersOf(raw: IncomingHttpHeaders): FetchHeaders {
  const value = (name: string): string | null => {
    const found = raw[name.toLowerCase()];
    if (found === undefined) return null;
    return Array.isArray(found) ? found.join(', ') : found;
  };
  return {
    get: value,
    entries: () => Object.keys(raw).map((name): [string, string] => [name, value(name)!]),
  };
}

function responseOf(url: string, res: http.IncomingMessage, body: Buffer): FetchResponse {
  const status = res.statusCode ?? 0;
  const text = () => body.toString('utf8');
  return {
    ok: status >= 200 && status < 300,
    status,
    statusText: res.statusMessage ?? '',
    url,
    headers: headersOf(res.headers),
    // A copy in an ArrayBuffer of its own: a Buffer may be a view of a larger, shared pool.
    arrayBuffer: async () => new Uint8Array(body).buffer,
    json: async () => JSON.parse(text()) as unknown,
    text: async () => text(),
  };
}

/**
 * Slack's Web API over node:http with kept-alive connections, for @slack/web-api's `fetch`
 * option (which asks only for its narrow FetchFunction: status, headers, the body as text, JSON
 * or bytes). The global fetch (undici, with WHATWG streams) costs several times the CPU per
 * call: on six end-to-end test files it was 17% of all the CPU, for a few thousand Slack calls.
 * Same contract as fetch where the client relies on it: the call rejects when `signal` aborts
 * (the client's timeout) with the signal's reason, and a redirect is an error. A FormData body
 * (a file upload's multipart form) goes to the global fetch, which knows how to encode one.
 */
export function createHttpFetch(): FetchFunction {
  const agents = {
    'http:': new http.Agent({ keepAlive: true, timeout: IDLE_SOCKET_MS }),
    'https:': new https.Agent({ keepAlive: true, timeout: IDLE_SOCKET_MS }),
  };
  return (input, init = {}) => {
    const { body, signal } = init;
    if (body !== undefined && typeof body !== 'string') return globalThis.fetch(input, init);
    const url = typeof input === 'string' ? new URL(input) : input;
    const transport = url.protocol === 'https:' ? https : http;
    const agent = url.protocol === 'https:' ? agents['https:'] : agents['http:'];
    return new Promise<FetchResponse>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const headers: Record<string, string | number> = { ...init.headers };
      if (body !== undefined) headers['content-length'] = Buffer.byteLength(body);
      const req = transport.request(url, { method: init.method ?? 'GET', headers, agent });
      // The timeout's reason is a DOMException (an Error); anything else given to abort() is wrapped.
      const reason = (): Error => (signal?.reason instanceof Error ? signal.reason : new Error(String(signal?.reason)));
      const onAbort = () => req.destroy(reason());
      signal?.addEventListener('abort', onAbort, { once: true });
      const settle = () => signal?.removeEventListener('abort', onAbort);
      req.on('error', (error) => {
        settle();
        reject(error);
      });
      req.on('response', (res) => {
        const status = res.statusCode ?? 0;
        if (init.redirect === 'error' && status >= 300 && status < 400) {
          res.resume();
          settle();
          return reject(new TypeError(`fetch failed: redirected (${status}) from ${url.href}`));
        }
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', (error) => {
          settle();
          reject(error);
        });
        res.on('end', () => {
          settle();
          resolve(responseOf(url.href, res, Buffer.concat(chunks)));
        });
        // Cut off mid-body (the signal, a reset): no 'end', so say so; after 'end' this changes nothing.
        res.on('close', () => {
          settle();
          if (!res.complete) reject(signal?.aborted ? signal.reason : new Error(`the answer from ${url.href} was cut off`));
        });
      });
      req.end(body);
    });
  };
}
