/** The load generator: keep-alive node:http (cheaper than fetch), a fixed count at a fixed concurrency. */
import { createHmac } from 'node:crypto';
import http from 'node:http';
import { quantile } from 'simple-statistics';

export interface Answer {
  status: number;
  ms: number;
  body: string;
}

export function keepAliveAgent(concurrency: number): http.Agent {
  return new http.Agent({ keepAlive: true, maxSockets: concurrency, maxFreeSockets: concurrency });
}

/** One request; a network error answers status 0. */
export function send(agent: http.Agent, url: string, method: string, headers: Record<string, string>, body?: Buffer): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve) => {
    const req = http.request(url, { agent, method, headers: body ? { ...headers, 'content-length': String(body.length) } : headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', () => resolve({ status: 0, ms: performance.now() - started, body: '' }));
    });
    req.on('error', (error) => resolve({ status: 0, ms: performance.now() - started, body: error.message }));
    req.end(body);
  });
}

export interface LoadResult {
  count: number;
  seconds: number;
  latencies: number[];
  /** Answers by status; anything but `expected` is listed by printNonExpected. */
  statuses: Map<number, number>;
  /** A few bodies of unexpected answers. */
  samples: string[];
}

/** `count` POSTs of `bodyOf(i)` at `concurrency` in flight, timed as a whole and one by one. */
export async function runLoad(opts: {
  agent: http.Agent;
  url: string;
  headers: Record<string, string>;
  count: number;
  concurrency: number;
  bodyOf: (i: number) => Buffer;
  expected: number;
}): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const samples: string[] = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < opts.count) {
      const i = next++;
      const answer = await send(opts.agent, opts.url, 'POST', opts.headers, opts.bodyOf(i));
      latencies.push(answer.ms);
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      if (answer.status !== opts.expected && samples.length < 3) samples.push(`${answer.status} ${answer.body.slice(0, 200)}`);
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, worker));
  return { count: opts.count, seconds: (performance.now() - started) / 1000, latencies, statuses, samples };
}

export function unexpected(result: LoadResult, expected: number): number {
  let n = 0;
  for (const [status, count] of result.statuses) if (status !== expected) n += count;
  return n;
}

export function describeUnexpected(result: LoadResult, expected: number): string {
  const others = [...result.statuses].filter(([status]) => status !== expected);
  if (others.length === 0) return `all ${result.count} answered ${expected}`;
  return `NOT ${expected}: ${others.map(([s, n]) => `${n}x ${s === 0 ? 'network error' : s}`).join(', ')}; e.g. ${result.samples.join(' | ')}`;
}

export const ms = (v: number): string => (v >= 100 ? `${v.toFixed(0)} ms` : `${v.toFixed(1)} ms`);

export function pct(samples: number[], q: number): number {
  return samples.length === 0 ? NaN : quantile(samples, q);
}

/** Slack's v0 signature headers over the exact body bytes (see test/support/signing.ts). */
export function slackSigned(secret: string, body: string): Record<string, string> {
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = 'v0=' + createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex');
  return { 'x-slack-signature': signature, 'x-slack-request-timestamp': String(timestamp), 'content-type': 'application/x-www-form-urlencoded' };
}
