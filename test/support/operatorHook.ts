// The operator's hook in tests: a real local HTTP server (node:http, port 0) standing in for
// deploy.internal or a feature-flag service. It records every request as received and answers
// as the test scripts it: a status and body, late, or never.

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { BASE_POLICY, PEOPLE } from './testPolicy.js';

export interface HookRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  receivedAt: Date;
}

/**
 * One scripted answer: a status and body, after a delay or once `until` settles (the test says
 * when: no guess at how long a loaded machine needs); `hang` never answers (the client times out).
 */
export type HookReply = { status: number; body?: string; delayMs?: number; until?: Promise<void> } | { hang: true };

export class OperatorHook {
  readonly requests: HookRequest[] = [];
  private readonly script: HookReply[] = [];
  private readonly hanging = new Set<http.ServerResponse>();
  private readonly server: http.Server;
  /** What it answers once the script is used up. */
  fallback: HookReply = { status: 202, body: JSON.stringify({ accepted: true, ticket: 'DEPLOY-1' }) };
  url = '';

  private constructor() {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        this.requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), receivedAt: new Date() });
        const reply = this.script.shift() ?? this.fallback;
        if ('hang' in reply) {
          this.hanging.add(res);
          return;
        }
        const answer = () => {
          res.writeHead(reply.status, { 'content-type': 'application/json' });
          res.end(reply.body ?? '');
        };
        if (reply.until) void reply.until.then(answer);
        else if (reply.delayMs) setTimeout(answer, reply.delayMs);
        else answer();
      });
    });
  }

  static async start(): Promise<OperatorHook> {
    const hook = new OperatorHook();
    await new Promise<void>((resolve) => hook.server.listen(0, '127.0.0.1', resolve));
    hook.url = `http://127.0.0.1:${(hook.server.address() as AddressInfo).port}`;
    return hook;
  }

  /** Answer the next requests like this, in order; then `fallback`. */
  answer(...replies: HookReply[]): void {
    this.script.push(...replies);
  }

  /** Answer every request that is being held (`hang`) now, so the server can close. */
  releaseHanging(): void {
    for (const res of this.hanging) res.destroy();
    this.hanging.clear();
  }

  async close(): Promise<void> {
    this.releaseHanging();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

export const DEPLOYMENTS_TOKEN = 'test-deployments-token-0123456789';
export const API_TOKEN = 'test-api-token-0123456789abcdef';
export const ROLLBACK_SECRET = 'rollback-secret-0123456789abcdef';
export const KILL_SWITCH_SECRET = 'kill-switch-secret-0123456789abc';
/** Only the lead may roll back in these tests; the responder may not. */
export const MAY_ROLL_BACK = [PEOPLE.lead, PEOPLE.mlPrimary];

/** The base test policy with a deployments source, an API reader, the hooks (when given) and who may roll back. */
export function rollbackPolicy(hookUrl?: string, timeout = '2s'): string {
  const sources = `sources:
  - { name: ci, kind: deployments, token: "${DEPLOYMENTS_TOKEN}" }
  - { name: grafana, kind: api, token: "${API_TOKEN}" }
`;
  const actions = hookUrl
    ? `actions:
  rollback:   { url: "${hookUrl}/rollback", secret: "${ROLLBACK_SECRET}", timeout: ${timeout} }
  killSwitch: { url: "${hookUrl}/disable-model", secret: "${KILL_SWITCH_SECRET}", timeout: ${timeout} }
`
    : '';
  return `${BASE_POLICY.replace('sources:\n', sources)}${actions}permissions:
  rollback: [${MAY_ROLL_BACK.join(', ')}]
`;
}

/** POST a deployment to /webhooks/deployments with the test source's token (or another). */
export async function postDeployment(baseUrl: string, body: unknown, init: { token?: string | null; contentType?: string; raw?: string } = {}) {
  const token = init.token === undefined ? DEPLOYMENTS_TOKEN : init.token;
  const headers: Record<string, string> = { 'content-type': init.contentType ?? 'application/json' };
  if (token !== null) headers['authorization'] = `Bearer ${token}`;
  const response = await fetch(`${baseUrl}/webhooks/deployments`, { method: 'POST', headers, body: init.raw ?? JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
}
