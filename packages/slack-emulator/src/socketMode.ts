/**
 * Socket Mode, Slack's side: `apps.connections.open` (with the app-level token) hands out a
 * one-time `wss://` URL; the app connects to it, is greeted with `hello`, and from then on
 * receives every slash command, interaction and event as an envelope
 * `{ envelope_id, type, payload, accepts_response_payload }`, answering each with
 * `{ envelope_id, payload? }` (the ack, and for commands and view submissions the response).
 * Slack pings the connection; so does this, so a client that watches for pings stays content.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { isRecord } from './args.js';

export type EnvelopeType = 'slash_commands' | 'interactive' | 'events_api';

export const SOCKET_PATH = '/socket-mode/';

/** How long Slack waits for an envelope's ack; locally, a slow first request should not look like a bug. */
const ACK_TIMEOUT_MS = 15_000;
const PING_EVERY_MS = 10_000;

interface Pending {
  resolve(payload: unknown): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

export class SocketModeHub {
  private readonly server = new WebSocketServer({ noServer: true });
  /** One-time tickets from apps.connections.open, each good for one connection. */
  private readonly tickets = new Set<string>();
  private readonly sockets = new Set<WebSocket>();
  private readonly pending = new Map<string, Pending>();
  private pinger: NodeJS.Timeout | undefined;
  /** Envelopes sent, in order (tests read what went over the socket). */
  readonly sent: Array<{ envelopeId: string; type: EnvelopeType; payload: unknown; acked: boolean }> = [];

  constructor(private readonly say: (head: string) => void) {}

  /** A fresh connection URL, as apps.connections.open answers it. */
  openUrl(baseUrl: string): string {
    const ticket = randomUUID();
    this.tickets.add(ticket);
    return `${baseUrl.replace(/^http/, 'ws')}${SOCKET_PATH}${ticket}`;
  }

  get connected(): boolean {
    return [...this.sockets].some((s) => s.readyState === WebSocket.OPEN);
  }

  /** The server's 'upgrade' event: accept a connection whose ticket was handed out, refuse others. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = new URL(req.url ?? '/', 'http://emulator.local').pathname;
    const ticket = path.startsWith(SOCKET_PATH) ? path.slice(SOCKET_PATH.length) : '';
    if (!this.tickets.delete(ticket)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nconnection: close\r\n\r\n');
      return;
    }
    this.server.handleUpgrade(req, socket, head, (ws) => this.accept(ws));
  }

  private accept(ws: WebSocket): void {
    this.sockets.add(ws);
    ws.on('message', (data: RawData) => this.onAck(data));
    ws.on('close', () => this.sockets.delete(ws));
    ws.on('error', () => this.sockets.delete(ws));
    ws.send(JSON.stringify({ type: 'hello', num_connections: this.sockets.size, debug_info: { host: 'slack-emulator' }, connection_info: { app_id: 'A0VIGIL' } }));
    this.say('socket mode: the app connected');
    if (!this.pinger) {
      this.pinger = setInterval(() => {
        for (const s of this.sockets) if (s.readyState === WebSocket.OPEN) s.ping();
      }, PING_EVERY_MS);
      this.pinger.unref();
    }
  }

  private onAck(data: RawData): void {
    let message: unknown;
    try {
      message = JSON.parse(data.toString());
    } catch {
      this.say('✗ socket mode: the app sent something that is not JSON');
      return;
    }
    const envelopeId = isRecord(message) && typeof message['envelope_id'] === 'string' ? message['envelope_id'] : undefined;
    const waiting = envelopeId === undefined ? undefined : this.pending.get(envelopeId);
    if (!waiting || envelopeId === undefined) {
      this.say(`✗ socket mode: an ack for no envelope we sent (${envelopeId ?? 'no envelope_id'})`);
      return;
    }
    this.pending.delete(envelopeId);
    clearTimeout(waiting.timer);
    const record = this.sent.find((s) => s.envelopeId === envelopeId);
    if (record) record.acked = true;
    waiting.resolve(isRecord(message) ? (message['payload'] ?? {}) : {});
  }

  /** Sends one envelope to the connected app and resolves with the payload of its ack. */
  send(type: EnvelopeType, payload: unknown): Promise<unknown> {
    const socket = [...this.sockets].find((s) => s.readyState === WebSocket.OPEN);
    if (!socket) return Promise.reject(new Error('no app is connected over Socket Mode'));
    const envelopeId = randomUUID();
    this.sent.push({ envelopeId, type, payload, acked: false });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(envelopeId);
        reject(new Error(`no ack for envelope ${envelopeId} within ${ACK_TIMEOUT_MS / 1000} s`));
      }, ACK_TIMEOUT_MS);
      this.pending.set(envelopeId, { resolve, reject, timer });
      socket.send(JSON.stringify({ envelope_id: envelopeId, type, payload, accepts_response_payload: type !== 'events_api', retry_attempt: 0, retry_reason: '' }));
    });
  }

  /** Asks the app to reconnect, as Slack does before it recycles a connection. */
  disconnectAll(reason = 'refresh_requested'): void {
    for (const s of this.sockets) if (s.readyState === WebSocket.OPEN) s.send(JSON.stringify({ type: 'disconnect', reason }));
  }

  close(): void {
    clearInterval(this.pinger);
    this.pinger = undefined;
    for (const [, waiting] of this.pending) {
      clearTimeout(waiting.timer);
      waiting.reject(new Error('the emulator stopped'));
    }
    this.pending.clear();
    for (const s of this.sockets) s.terminate();
    this.sockets.clear();
    this.tickets.clear();
  }
}
