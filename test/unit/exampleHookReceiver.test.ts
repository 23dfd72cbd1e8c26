import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACTIONS } from '../../src/config/demo.js';
import { signedHookHeaders } from '../../src/shared/hookSignature.js';

// The README's example receiver (examples/rollback-hook.mjs) accepts what Vigil signs and refuses
// anything else: the documentation's verification code is the code that runs.

const EXAMPLE = path.resolve(import.meta.dirname, '../../examples/rollback-hook.mjs');

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('the example hook receiver', () => {
  let child: ChildProcess;
  let url: string;

  beforeAll(async () => {
    const port = await freePort();
    url = `http://127.0.0.1:${port}/rollback`;
    child = spawn(process.execPath, [EXAMPLE], { env: { PATH: process.env['PATH'] ?? '', PORT: String(port) }, stdio: 'ignore' });
    for (let i = 0; i < 100; i++) {
      try {
        await fetch(url, { method: 'POST', body: '{}' });
        return;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
    throw new Error('the example receiver did not start');
  });
  afterAll(() => {
    child.kill();
  });

  const body = JSON.stringify({ action: 'rollback', incidentId: 1, model: 'fraud-detector', environment: 'production', from: 'v15', to: 'v14', requestedBy: 'U0LEAD', confirmedAt: new Date().toISOString() });
  const send = (headers: Record<string, string>, sent = body) => fetch(url, { method: 'POST', headers, body: sent });

  it('accepts a request signed with the demo secret, and refuses a tampered body, another secret or an old timestamp', async () => {
    const secret = DEMO_ACTIONS.rollback!.secret;
    expect((await send(signedHookHeaders(secret, body, 'key-1', new Date()))).status).toBe(202);
    expect((await send(signedHookHeaders(secret, body, 'key-1', new Date()), body.replace('v14', 'v13'))).status).toBe(401);
    expect((await send(signedHookHeaders('another-secret-0123456789', body, 'key-1', new Date()))).status).toBe(401);
    expect((await send(signedHookHeaders(secret, body, 'key-1', new Date(Date.now() - 600_000)))).status).toBe(401);
    expect((await send({ 'content-type': 'application/json' })).status).toBe(401);
  });
});
