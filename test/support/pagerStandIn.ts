import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the stand-in received. */
export interface ReceivedRequest {
  path: string;
  headers: http.IncomingHttpHeaders;
  text: string;
  body: Record<string, unknown>;
}

/** How the stand-in answers one request: a status and a JSON body, or no answer within the caller's timeout. */
export type StandInAnswer = { status: number; body?: unknown } | 'hang';

/**
 * A local node:http server standing in for PagerDuty's enqueue URL (or a webhook pager): it
 * records every request and answers as PagerDuty does (202 `{ status, message, dedup_key }`),
 * unless a test queued other answers (a 500, a 429, a 400, or none at all) for the next requests.
 */
export class PagerStandIn {
  readonly received: ReceivedRequest[] = [];
  private readonly queued: StandInAnswer[] = [];
  private readonly server = http.createServer((req, res) => this.answer(req, res));
  private readonly waiting = new Set<() => void>();
  url = '';

  static async start(): Promise<PagerStandIn> {
    const standIn = new PagerStandIn();
    await new Promise<void>((resolve) => standIn.server.listen(0, '127.0.0.1', resolve));
    standIn.url = `http://127.0.0.1:${(standIn.server.address() as AddressInfo).port}/v2/enqueue`;
    return standIn;
  }

  /** Answer the next requests with these, in order; after them, 202 again. */
  failNext(...answers: StandInAnswer[]): void {
    this.queued.push(...answers);
  }

  /** The events received so far, by their event_action (PagerDuty) or event (webhook pager). */
  actions(): string[] {
    return this.received.map((r) => String(r.body['event_action'] ?? r.body['event']));
  }

  async close(): Promise<void> {
    for (const release of this.waiting) release();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private answer(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(text) as Record<string, unknown>;
      } catch {
        // recorded as text only
      }
      this.received.push({ path: req.url ?? '', headers: req.headers, text, body });
      const next = this.queued.shift() ?? { status: 202, body: { status: 'success', message: 'Event processed', dedup_key: body['dedup_key'] ?? body['dedupKey'] } };
      if (next === 'hang') {
        // Never answer: the caller's timeout decides. Released when the stand-in closes.
        this.waiting.add(() => res.destroy());
        return;
      }
      const payload = JSON.stringify(next.body ?? {});
      res.writeHead(next.status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) });
      res.end(payload);
    });
  }
}
