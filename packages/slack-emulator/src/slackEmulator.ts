/** The emulator: a node:http server speaking the Slack Web API, and the handle tests inspect. */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Args } from './args.js';
import { isRecord, parseJsonArgs } from './args.js';
import { describeFault, FaultQueue } from './faults.js';
import { bearerToken, parseArgs, readBody, sendJson, sendText, uploadedText } from './http.js';
import { methods, type MethodContext, type MethodResult } from './methods/index.js';
import { fail } from './methods/context.js';
import { METHOD_SCOPES } from './methods/methodScopes.js';
import { ChannelRateLimiter } from './pacing.js';
import { SocketModeHub, type EnvelopeType } from './socketMode.js';
import { renderBody } from './printer.js';
import { Workspace } from './state.js';
import type { AppConnection } from './ui/appLink.js';
import type { AppProfile } from './ui/appProfile.js';
import { EmulatorUi } from './ui/emulatorUi.js';
import { isUiPath } from './ui/routes.js';
import type {
  EmuChannel,
  EmuEphemeral,
  EmuFile,
  EmuMessage,
  EmuResponse,
  EmulatorOptions,
  EmuUser,
  EmuUsergroup,
  EmuView,
  Fault,
  FaultStats,
  RandomFaultOptions,
  RecordedCall,
} from './types.js';

export interface AddChannelOptions {
  name: string;
  id?: string;
  isPrivate?: boolean;
  /** Human members. */
  members?: string[];
  /** Whether the bot is already in the channel. Default false. */
  botIsMember?: boolean;
  topic?: string;
}

export interface SlackEmulator {
  start(port?: number, host?: string): Promise<void>;
  stop(): Promise<void>;
  /** 'http://127.0.0.1:<port>/api/' — give it to WebClient / Bolt as `slackApiUrl`. */
  readonly apiUrl: string;
  readonly baseUrl: string;
  readonly token: string;
  /** The app-level token (xapp-...) apps.connections.open accepts, for Socket Mode. */
  readonly appToken: string;
  readonly botUserId: string;
  readonly teamId: string;
  /** Every API call in arrival order. */
  readonly calls: RecordedCall[];
  callsTo(method: string): RecordedCall[];
  channels(): EmuChannel[];
  channelByName(name: string): EmuChannel | undefined;
  /** Messages of a channel (by id, name or '#name'), oldest first, deleted ones flagged. */
  messages(channel: string): EmuMessage[];
  dmsTo(userId: string): EmuMessage[];
  readonly ephemerals: EmuEphemeral[];
  readonly views: EmuView[];
  /** Latest state of a view by id. */
  currentView(viewId: string): EmuView | undefined;
  readonly responses: EmuResponse[];
  responseUrl(id?: string): string;
  files(): EmuFile[];
  injectFault(method: string, fault: Fault, times?: number): void;
  /**
   * Slack turns flaky: from now on each Web API call fails at random, seeded (500, 429 with
   * Retry-After, or done but answered late), until `healFaults()`. Faults queued with
   * `injectFault` still come first.
   */
  randomFaults(opts: RandomFaultOptions): void;
  /** Slack is well again: no more random or queued faults. Late answers already owed still come late. */
  healFaults(): void;
  /** What the random faults did since `randomFaults()` (kept after healing). */
  faultStats(): FaultStats;
  waitFor<T>(probe: () => T | undefined | false | null, timeoutMs?: number): Promise<T>;
  addUser(u: EmuUser): void;
  addUsergroup(g: EmuUsergroup): void;
  /** A channel that exists before Vigil runs (e.g. where a slash command is typed). */
  addChannel(c: AddChannelOptions): EmuChannel;
  /** A trigger_id that views.open will attribute to this user. */
  newTriggerId(userId?: string): string;
  /** Forgets calls, channels, messages, views, files and faults; users and usergroups stay. */
  reset(): void;
  /**
   * Where the app under test receives Slack's requests, so the web UI at `GET /` can send it
   * slash commands, button clicks and modal submissions, signed with `signingSecret`.
   */
  connectApp(app: AppConnection, profile?: AppProfile): void;
  /** Socket Mode as the app sees it: whether it is connected, and every envelope sent to it. */
  readonly socketMode: {
    readonly connected: boolean;
    readonly sent: ReadonlyArray<{ envelopeId: string; type: EnvelopeType; payload: unknown; acked: boolean }>;
    /** Ask the app to reconnect (Slack's `disconnect` message), as Slack does every few hours. */
    disconnectAll(reason?: string): void;
  };
}

interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

class Emulator implements SlackEmulator {
  private server: Server | undefined;
  private urlHost = '127.0.0.1';
  private port: number | undefined;
  private readonly ws: Workspace;
  private readonly faults = new FaultQueue();
  private recorded: RecordedCall[] = [];
  private readonly hanging = new Set<ServerResponse>();
  /** Answers owed by 'late' faults, sent when their timer fires (or dropped at stop). */
  private readonly lateTimers = new Set<NodeJS.Timeout>();
  private readonly printFn: ((line: string) => void) | undefined;
  private readonly ui: EmulatorUi;
  private readonly latencyMs: number;
  private readonly postLimiter: ChannelRateLimiter | undefined;
  private readonly appLevelToken: string;
  /** Sent as `x-oauth-scopes` on every Web API answer, as Slack does; none when not given. */
  private readonly scopes: string | undefined;
  private readonly hub: SocketModeHub;

  constructor(opts: EmulatorOptions) {
    this.appLevelToken = opts.appToken ?? 'xapp-emulator';
    this.scopes = opts.scopes ? opts.scopes.join(',') : undefined;
    this.hub = new SocketModeHub((head) => this.say(head));
    this.printFn = opts.print;
    this.latencyMs = Math.max(0, opts.latencyMs ?? 0);
    this.postLimiter = opts.rateLimit ? new ChannelRateLimiter(opts.rateLimit) : undefined;
    this.ws = new Workspace({
      token: opts.token ?? 'xoxb-emulator',
      botUserId: opts.botUserId ?? 'UVIGILBOT',
      botId: 'B0VIGILBOT',
      teamId: opts.teamId ?? 'T0VIGIL',
      teamName: 'Vigil Emulator',
      strictUsers: opts.strictUsers ?? false,
    });
    for (const u of opts.users ?? []) this.ws.addUser(u);
    for (const g of opts.usergroups ?? []) this.addUsergroup(g);
    this.ui = new EmulatorUi({
      ws: this.ws,
      newTriggerId: (userId) => this.newTriggerId(userId),
      responseUrl: (id) => this.responseUrl(id),
      say: (head, body) => this.say(head, body),
      socketMode: this.hub,
    });
  }

  // ── lifecycle ──────────────────────────────────────────────────────────

  async start(port = 0, host = '127.0.0.1'): Promise<void> {
    if (this.server) throw new Error('Slack emulator already started');
    const server = createServer((req, res) => {
      this.route(req, res).catch((err: unknown) => {
        this.say(`emulator error: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
        if (!res.headersSent) sendJson(res, 500, { ok: false, error: 'internal_error' });
      });
    });
    server.on('upgrade', (req, socket, head) => this.hub.upgrade(req, socket, head));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    this.port = (server.address() as AddressInfo).port; // listening on TCP, so address() is an AddressInfo
    this.urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    for (const timer of this.lateTimers) clearTimeout(timer);
    this.lateTimers.clear();
    for (const res of this.hanging) res.destroy();
    this.hanging.clear();
    this.hub.close();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
    this.port = undefined;
  }

  get baseUrl(): string {
    if (this.port === undefined) throw new Error('Slack emulator not started: call start() first');
    return `http://${this.urlHost}:${this.port}`;
  }
  get apiUrl(): string {
    return `${this.baseUrl}/api/`;
  }
  get token(): string {
    return this.ws.me.token;
  }
  get appToken(): string {
    return this.appLevelToken;
  }
  get botUserId(): string {
    return this.ws.me.botUserId;
  }
  get socketMode(): SlackEmulator['socketMode'] {
    const hub = this.hub;
    return {
      get connected() {
        return hub.connected;
      },
      sent: hub.sent,
      disconnectAll: (reason) => hub.disconnectAll(reason),
    };
  }
  get teamId(): string {
    return this.ws.me.teamId;
  }

  // ── inspection ─────────────────────────────────────────────────────────

  get calls(): RecordedCall[] {
    return this.recorded;
  }
  callsTo(method: string): RecordedCall[] {
    return this.recorded.filter((c) => c.method === method);
  }
  channels(): EmuChannel[] {
    return [...this.ws.channels.values()];
  }
  channelByName(name: string): EmuChannel | undefined {
    return this.ws.channelByName(name.startsWith('#') ? name.slice(1) : name);
  }
  messages(channel: string): EmuMessage[] {
    const ch = this.ws.channels.get(channel) ?? this.channelByName(channel);
    return ch ? [...(this.ws.messages.get(ch.id) ?? [])] : [];
  }
  dmsTo(userId: string): EmuMessage[] {
    const id = this.ws.ims.get(userId);
    return id ? this.messages(id) : [];
  }
  get ephemerals(): EmuEphemeral[] {
    return this.ws.ephemerals;
  }
  get views(): EmuView[] {
    return this.ws.views;
  }
  currentView(viewId: string): EmuView | undefined {
    return this.ws.currentViews.get(viewId);
  }
  get responses(): EmuResponse[] {
    return this.ws.responses;
  }
  responseUrl(id: string = randomUUID()): string {
    return `${this.baseUrl}/response/${id}`;
  }
  files(): EmuFile[] {
    return [...this.ws.files.values()];
  }

  // ── set-up ─────────────────────────────────────────────────────────────

  injectFault(method: string, fault: Fault, times = 1): void {
    this.faults.add(method, fault, times);
  }

  randomFaults(opts: RandomFaultOptions): void {
    this.faults.randomize(opts);
    this.say(`! random faults on: seed ${opts.seed}, rate ${opts.rate}${opts.kinds ? `, ${opts.kinds.join('/')}` : ''}`);
  }

  healFaults(): void {
    this.faults.heal();
    this.say('! faults healed');
  }

  faultStats(): FaultStats {
    return this.faults.randomStats();
  }

  async waitFor<T>(probe: () => T | undefined | false | null, timeoutMs = 5000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    let lastError: unknown;
    for (;;) {
      try {
        const v = probe();
        if (v !== undefined && v !== false && v !== null) return v;
        lastError = undefined;
      } catch (err) {
        lastError = err;
      }
      if (Date.now() >= deadline) {
        const why = lastError instanceof Error ? `; the probe last threw: ${lastError.message}` : '';
        const recent = this.recorded
          .slice(-8)
          .map((c) => `${c.method}${isRecord(c.response) && c.response['ok'] === false ? ` (${String(c.response['error'])})` : ''}`)
          .join(', ');
        throw new Error(`waitFor: condition not met within ${timeoutMs} ms${why}. Last Slack calls: ${recent || 'none'}`);
      }
      await sleep(10);
    }
  }

  addUser(u: EmuUser): void {
    this.ws.addUser(u);
  }

  addUsergroup(g: EmuUsergroup): void {
    this.ws.usergroups.set(g.id, { ...g, users: [...g.users] });
  }

  addChannel(c: AddChannelOptions): EmuChannel {
    if (this.ws.channelByName(c.name)) throw new Error(`addChannel: #${c.name} already exists`);
    const members = [...(c.members ?? [])];
    if (c.botIsMember) members.unshift(this.ws.me.botUserId);
    return this.ws.addChannel({
      id: c.id ?? this.ws.ids.next('C'),
      name: c.name,
      isPrivate: c.isPrivate ?? false,
      isIm: false,
      topic: c.topic ?? '',
      purpose: '',
      members,
      creator: members[0] ?? this.ws.me.botUserId,
      created: this.ws.nowSeconds(),
      pins: [],
      bookmarks: [],
      archived: false,
    });
  }

  newTriggerId(userId?: string): string {
    const id = `${Date.now()}.${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    if (userId) this.ws.triggers.set(id, userId);
    return id;
  }

  reset(): void {
    this.ws.reset();
    this.ui.reset();
    this.recorded = [];
    this.faults.clear();
    this.postLimiter?.reset();
  }

  connectApp(app: AppConnection, profile: AppProfile = {}): void {
    this.ui.connect(app, profile);
  }

  // ── HTTP ───────────────────────────────────────────────────────────────

  private say(head: string, body: string[] = []): void {
    if (!this.printFn) return;
    for (const line of [`[slack] ${head}`, ...body]) {
      try {
        this.printFn(line);
      } catch {
        // a broken printer must not break the emulator
      }
    }
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://emulator.local').pathname;
    if (path.startsWith('/api/')) return this.serveApi(decodeURIComponent(path.slice('/api/'.length)), req, res);
    if (path.startsWith('/response/') && req.method === 'POST') return this.serveResponseUrl(path, req, res);
    if (path.startsWith('/upload/') && req.method === 'POST') return this.serveUpload(path.slice('/upload/'.length), req, res);
    if (path.startsWith('/archives/')) return sendText(res, 200, `Slack emulator permalink: ${path}\n`);
    if (isUiPath(path)) return this.ui.serve(path, req, res);
    sendText(res, 404, 'not found\n');
  }

  /**
   * Answers through the fault queue: a fault replaces the answer, or (hang, late) applies the call
   * and withholds the answer for ever or for a while.
   */
  private answerWithFaults(key: string, res: ServerResponse, run: () => Answer, recordCall: (a: Answer, hung: boolean, fault?: string) => void): void {
    const fault = this.faults.take(key);
    if (fault) this.say(`! ${key}: injected fault, ${describeFault(fault)}`);
    const record = (a: Answer, hung: boolean) => recordCall(a, hung, fault ? describeFault(fault) : undefined);
    let answer: Answer;
    if (!fault) answer = run();
    else if ('hang' in fault) {
      record(run(), true);
      this.hanging.add(res);
      res.on('close', () => this.hanging.delete(res));
      return;
    } else if ('late' in fault) {
      const late = run();
      record(late, false);
      let closed = false;
      this.hanging.add(res);
      res.on('close', () => {
        closed = true;
        this.hanging.delete(res);
      });
      const timer = setTimeout(() => {
        this.lateTimers.delete(timer);
        this.hanging.delete(res);
        // A caller that gave up has closed the connection: the answer goes nowhere, as with Slack.
        if (!closed && !res.destroyed && !res.writableEnded) sendJson(res, late.status, late.body, late.headers);
      }, Math.max(0, fault.late));
      this.lateTimers.add(timer);
      return;
    } else if ('error' in fault) answer = { status: 200, body: fail(fault.error) };
    else if ('rateLimited' in fault) {
      answer = { status: 429, body: { ok: false, error: 'ratelimited' }, headers: { 'retry-after': String(fault.rateLimited) } };
    } else answer = { status: fault.status, body: { ok: false, error: `http_${fault.status}` } };
    record(answer, false);
    sendJson(res, answer.status, answer.body, answer.headers);
  }

  private async serveApi(method: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    if (this.latencyMs > 0) await sleep(this.latencyMs);
    const at = new Date();
    let parsed: Args;
    try {
      parsed = await parseArgs(req, raw);
    } catch {
      const body = fail('invalid_json');
      this.recorded.push({ method, args: {}, at, response: body, status: 200 });
      return sendJson(res, 200, body);
    }
    const { token: bodyToken, ...rest } = parsed;
    const token = bearerToken(req) ?? (typeof bodyToken === 'string' ? bodyToken : undefined);
    const args = parseJsonArgs(rest);
    const record = (a: Answer, hung: boolean, fault?: string) => {
      this.recorded.push({ method, args, at, response: a.body, ...(hung ? {} : { status: a.status }), ...(fault ? { fault } : {}) });
    };
    if (method === 'apps.connections.open') return this.openSocketConnection(token, args, at, res);
    const handler = methods.get(method);
    const refusal = !handler ? 'unknown_method' : !token ? 'not_authed' : token !== this.ws.me.token ? 'invalid_auth' : undefined;
    if (refusal || !handler) {
      const answer = { status: 200, body: fail(refusal ?? 'unknown_method') };
      this.sayFailure(method, answer.body);
      record(answer, false);
      return sendJson(res, answer.status, answer.body);
    }
    const needed = METHOD_SCOPES[method];
    if (needed && this.scopes !== undefined && !this.scopes.split(',').includes(needed)) {
      const answer = { status: 200, body: { ...fail('missing_scope'), needed, provided: this.scopes } };
      this.sayFailure(method, answer.body);
      record(answer, false);
      return sendJson(res, answer.status, answer.body, this.scopeHeaders());
    }
    this.answerWithFaults(method, res, () => {
      const retryAfter = this.paceRetryAfter(method, args);
      if (retryAfter > 0) {
        this.say(`! ${method}: rate limited, 429 Retry-After ${retryAfter}`);
        return { status: 429, body: { ok: false, error: 'ratelimited' }, headers: { 'retry-after': String(retryAfter) } };
      }
      const body = this.invoke(method, handler, args);
      this.sayFailure(method, body);
      return { status: 200, body, headers: this.scopeHeaders() };
    }, record);
  }

  /**
   * Socket Mode's handshake: only the app-level token opens a connection (a bot token is the wrong
   * type, as in Slack); the answer is a one-time WebSocket URL on this server.
   */
  private openSocketConnection(token: string | undefined, args: Args, at: Date, res: ServerResponse): void {
    const refusal = !token ? 'not_authed' : token.startsWith('xoxb-') ? 'not_allowed_token_type' : token !== this.appLevelToken ? 'invalid_auth' : undefined;
    const body = refusal ? fail(refusal) : { ok: true, url: this.hub.openUrl(this.baseUrl) };
    this.sayFailure('apps.connections.open', body);
    this.recorded.push({ method: 'apps.connections.open', args, at, response: body, status: 200 });
    sendJson(res, 200, body, this.scopeHeaders());
  }

  private scopeHeaders(): Record<string, string> {
    return this.scopes === undefined ? {} : { 'x-oauth-scopes': this.scopes };
  }

  /** 0, or the Retry-After (s) when this call goes beyond Slack's per-channel pace (rateLimit option). */
  private paceRetryAfter(method: string, args: Args): number {
    if (!this.postLimiter || method !== 'chat.postMessage') return 0;
    const ref = typeof args['channel'] === 'string' ? args['channel'] : '';
    // A DM may be addressed by user id or by its IM id; either way it is one conversation.
    const ch = this.ws.channels.get(ref) ?? this.channelByName(ref);
    const key = ch?.isIm ? `im:${ch.user ?? ch.name}` : /^[UW]/.test(ref) ? `im:${ref}` : (ch?.id ?? ref);
    return this.postLimiter.take(key);
  }

  private invoke(method: string, handler: (ctx: MethodContext) => MethodResult, args: Args): MethodResult {
    try {
      return handler({ ws: this.ws, args, baseUrl: this.baseUrl, say: (head, body) => this.say(head, body) });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      return fail('internal_error', [`[ERROR] emulator crashed in ${method}: ${message}`]);
    }
  }

  private sayFailure(method: string, body: MethodResult): void {
    if (body.ok) return;
    const meta = body['response_metadata'];
    const messages = isRecord(meta) && Array.isArray(meta['messages']) ? meta['messages'].map((m) => `    ${String(m)}`) : [];
    this.say(`✗ ${method} → ${String(body['error'])}`, messages);
  }

  private async serveResponseUrl(path: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    let body: unknown;
    try {
      const args = await parseArgs(req, raw);
      // A form post to a response_url carries the JSON in `payload`.
      body = typeof args['payload'] === 'string' ? (JSON.parse(args['payload']) as unknown) : args;
    } catch {
      return sendJson(res, 400, { ok: false, error: 'invalid_json' });
    }
    this.answerWithFaults('response_url', res, () => {
      this.ws.responses.push({ path, body });
      this.ui.noteResponse(path, body);
      const b = isRecord(body) ? body : {};
      const flags = [
        typeof b['response_type'] === 'string' ? b['response_type'] : 'ephemeral',
        b['replace_original'] === true || b['replace_original'] === 'true' ? 'replaces original' : '',
        b['delete_original'] === true || b['delete_original'] === 'true' ? 'deletes original' : '',
      ].filter(Boolean);
      const text = typeof b['text'] === 'string' ? b['text'] : undefined;
      this.say(`response_url <- ${flags.join(', ')}`, renderBody(text, b['blocks']));
      return { status: 200, body: { ok: true } };
    }, () => undefined);
  }

  private async serveUpload(fileId: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const file = this.ws.files.get(fileId);
    if (!file) return sendText(res, 404, 'file not found\n');
    file.content = await uploadedText(req, raw);
    sendText(res, 200, `OK - ${raw.length}`);
  }
}

export function createSlackEmulator(opts: EmulatorOptions = {}): SlackEmulator {
  return new Emulator(opts);
}
