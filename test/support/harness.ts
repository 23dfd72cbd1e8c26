import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { loadConfig } from '../../src/config/load.js';
import { createVigil, type Vigil } from '../../src/app.js';
import { openStore } from '../../src/db/connection.js';
import { createSlackEmulator, type SlackEmulator } from '@vigil/slack-emulator';
import { ManualClock } from '../../src/shared/clock.js';
import { silentLogger, type Logger } from '../../src/shared/logger.js';
import { SLACK_PACING, type Pacing } from '../../src/slack/delivery/lanePacer.js';
import { httpPost, type HttpAnswer } from './httpPost.js';
import { slackSignatureHeaders } from './signing.js';
import { scratchDir } from './scratch.js';
import { BASE_POLICY, PEOPLE, TOKENS } from './testPolicy.js';

export const SIGNING_SECRET = 'test-signing-secret';
export const FIXTURES = path.resolve(import.meta.dirname, '../fixtures');
export const fixture = <T = unknown>(name: string): T => JSON.parse(readFileSync(path.join(FIXTURES, name), 'utf8')) as T;

const MIGRATIONS = path.resolve(import.meta.dirname, '../../migrations');
let migrated: { key: string; bytes: Buffer } | undefined;

/**
 * An empty database with every migration applied, made once per test process and written out for
 * each harness: migrating a new file at every start cost 13-20 ms of CPU, for hundreds of starts.
 * Vigil still opens it through openStore, which finds every migration applied. A changed or added
 * migration (its name, size or time) makes a new one.
 */
function migratedDatabase(): Buffer {
  const key = readdirSync(MIGRATIONS, { recursive: true, encoding: 'utf8' })
    .sort()
    .map((file) => {
      const stat = statSync(path.join(MIGRATIONS, file));
      return `${file}:${stat.size}:${stat.mtimeMs}`;
    })
    .join('\n');
  if (migrated?.key !== key) {
    const store = openStore(':memory:');
    try {
      migrated = { key, bytes: store.sqlite.serialize() };
    } finally {
      store.close();
    }
  }
  return migrated.bytes;
}

export type { HttpAnswer };

export interface HarnessOptions {
  /** Extra YAML appended to the base test policy. */
  policy?: string;
  /** Replace the base policy entirely. */
  policyFile?: string;
  clock?: ManualClock;
  /** Where Vigil logs; silent unless a test reads the log. */
  logger?: Logger;
  /**
   * Deliver chatter at Slack's own pace: a message a second per channel after a burst of three,
   * the alert digest edited at most every 5 s. Without it the harness paces 40 times faster
   * (TEST_PACING), so a test that posts a dozen notices does not wait a dozen seconds; tests
   * about pacing, or whose story needs a backlog of chatter, set it. A number is Slack's pace
   * that many times faster, for a test that counts what the pace makes but not in seconds.
   * Either way the worker looks at its queue as it does in production (at most every 20 ms) and
   * backs off as it does (1 s, 2 s, 4 s ...); without it, at once and a tenth as long.
   */
  slackPace?: boolean | number;
  /**
   * Slack reaches Vigil over Socket Mode instead of POSTs to /slack/events: Vigil connects to the
   * emulator with its app token, and the emulator's page routes (/ui/command, /ui/click...) send
   * over that connection. `h.command`, `h.click` and friends post to /slack/events, so they do not apply.
   */
  socketMode?: boolean;
  /** How long Vigil waits for a Web API answer (10 s, as in production, unless told). */
  slackTimeoutMs?: number;
}

/** Slack's pacing, `times` faster: same burst, same order, same rules. */
const slackPacingTimesFaster = (times: number): Pacing => ({
  spacingMs: SLACK_PACING.spacingMs / times,
  burst: SLACK_PACING.burst,
  digestSpacingMs: SLACK_PACING.digestSpacingMs / times,
});

/** Slack's pacing, 40 times faster. */
export const TEST_PACING: Pacing = slackPacingTimesFaster(40);

/**
 * A real Vigil on a free port, talking to an in-process Slack emulator, with a clock the test
 * moves. Every request goes over HTTP, signed the way Slack signs.
 */
export class Harness {
  readonly clock: ManualClock;
  private readonly logger: Logger;
  private readonly pacing: Pacing;
  /** Slack's pace (or a faster copy of it) was asked for: the worker keeps production's spacing of looks. */
  private readonly paced: boolean;
  private readonly socketMode: boolean;
  private readonly slackTimeoutMs: number | undefined;
  readonly dir: string;
  /** Keep-alive connections to this Vigil, closed with it. */
  private readonly agent = new http.Agent({ keepAlive: true });
  emulator!: SlackEmulator;
  vigil!: Vigil;
  url = '';

  private constructor(options: HarnessOptions) {
    this.clock = options.clock ?? new ManualClock('2026-11-22T16:01:00Z');
    this.logger = options.logger ?? silentLogger;
    const pace = options.slackPace ?? false;
    this.paced = pace !== false;
    this.pacing = pace === false ? TEST_PACING : pace === true ? SLACK_PACING : slackPacingTimesFaster(pace);
    this.socketMode = options.socketMode === true;
    this.slackTimeoutMs = options.slackTimeoutMs;
    this.dir = scratchDir('vigil-test-');
  }

  static async start(options: HarnessOptions = {}): Promise<Harness> {
    const harness = new Harness(options);
    harness.emulator = createSlackEmulator({ users: Object.values(PEOPLE).map((id) => ({ id, name: id.toLowerCase() })) });
    await harness.emulator.start(0);
    harness.emulator.addChannel({ name: 'announcements', id: 'C0ANNOUNCE' });
    harness.emulator.addChannel({ name: 'general' });
    writeFileSync(path.join(harness.dir, 'vigil.config.yaml'), options.policyFile ?? BASE_POLICY + (options.policy ?? ''));
    writeFileSync(harness.databasePath, migratedDatabase());
    await harness.boot();
    return harness;
  }

  /**
   * A harness for one story, closed after it whatever happens: for tests that run side by side
   * (`describe.concurrent`), each on its own Vigil and emulator.
   */
  static async run(options: HarnessOptions, story: (h: Harness) => Promise<void>): Promise<void> {
    const h = await Harness.start(options);
    try {
      await story(h);
    } finally {
      await h.close();
    }
  }

  get databasePath(): string {
    return path.join(this.dir, 'vigil.db');
  }

  /** Start (or restart) Vigil on the same database and emulator. */
  async boot(): Promise<void> {
    const config = loadConfig({
      SLACK_BOT_TOKEN: this.emulator.token,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      DATABASE_PATH: this.databasePath,
      VIGIL_CONFIG: path.join(this.dir, 'vigil.config.yaml'),
    });
    this.vigil = await createVigil({
      config,
      slack: {
        token: this.emulator.token,
        apiUrl: this.emulator.apiUrl,
        ...(this.socketMode ? { appToken: this.emulator.appToken } : { signingSecret: SIGNING_SECRET }),
        ...(this.slackTimeoutMs !== undefined ? { timeoutMs: this.slackTimeoutMs } : {}),
      },
      clock: this.clock,
      logger: this.logger,
      runScheduler: false,
      // Not a storm's story: each effect of an incident's opening goes as soon as the last one ends.
      delivery: { pacing: this.pacing, ...(this.paced ? {} : { kickSpacingMs: 1, backoffScale: 0.1 }) },
    });
    const port = await this.vigil.listen(0, '127.0.0.1');
    this.url = `http://127.0.0.1:${port}`;
    if (this.socketMode) this.emulator.connectApp({ socketMode: true });
  }

  async close(): Promise<void> {
    this.agent.destroy();
    await this.vigil.close();
    await this.emulator.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** Open an incident from the Alertmanager fixture, wait for Slack to show it, return its channel id. */
  async openFixtureIncident(): Promise<string> {
    const res = await this.webhook('alertmanager', fixture('alertmanager-firing.json'));
    if (res.status !== 202) throw new Error(`fixture webhook answered ${res.status}: ${res.text}`);
    await this.settle();
    const incidentId = (res.body as { incidentId: number }).incidentId;
    return this.incidentChannel(incidentId)!.id;
  }

  /** POST to this Vigil (node:http, kept alive: see httpPost). */
  post(path: string, headers: Record<string, string>, body: string | Buffer): Promise<HttpAnswer> {
    return httpPost(`${this.url}${path}`, headers, body, this.agent);
  }

  /** Wait until every queued Slack effect has been delivered (for at most `timeoutMs`, 10 s unless told). */
  settle(timeoutMs?: number): Promise<void> {
    return this.vigil.settle(timeoutMs);
  }

  /** Move time and run the scheduler's jobs once, as its cron would. */
  async advance(ms: number): Promise<Record<string, number>> {
    this.clock.advance(ms);
    const fired = this.vigil.scheduler.tick();
    await this.settle();
    return fired;
  }

  async webhook(kind: 'alertmanager' | 'detector', body: unknown, init: { token?: string | null; contentType?: string; raw?: string } = {}): Promise<HttpAnswer> {
    const token = init.token === undefined ? TOKENS[kind] : init.token;
    const headers: Record<string, string> = { 'content-type': init.contentType ?? 'application/json' };
    if (token !== null) headers['authorization'] = `Bearer ${token}`;
    return this.post(`/webhooks/${kind}`, headers, init.raw ?? JSON.stringify(body));
  }

  /** POST a signed request to /slack/events exactly as Slack would. */
  async slackRequest(body: string, contentType: string, signing: { secret?: string; timestamp?: number } = {}): Promise<HttpAnswer> {
    const headers = { 'content-type': contentType, ...slackSignatureHeaders(signing.secret ?? SIGNING_SECRET, body, signing.timestamp) };
    return this.post('/slack/events', headers, body);
  }

  /** `/incident <text>` typed by `user` in `channel`, shaped like the slash-command fixture. */
  async command(text: string, opts: { user?: string; channel?: string } = {}): Promise<HttpAnswer> {
    const base = fixture<Record<string, string>>('slack/slash_command.json');
    const user = opts.user ?? PEOPLE.responder;
    const fields = {
      ...base,
      command: '/incident',
      text,
      user_id: user,
      user_name: user.toLowerCase(),
      channel_id: opts.channel ?? this.emulator.channelByName('general')!.id,
      response_url: this.emulator.responseUrl(),
      trigger_id: this.emulator.newTriggerId(user),
    };
    return this.slackRequest(new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded');
  }

  /**
   * Type `/incident <text>` and return the reply only its author sees, once everything the
   * command changed has reached Slack. Anything but a 200 ephemeral answer fails the test.
   */
  async type(text: string, opts: { user?: string; channel?: string } = {}): Promise<string> {
    const res = await this.command(text, opts);
    const body = res.body as { response_type?: string; text?: string } | undefined;
    if (res.status !== 200 || body?.response_type !== 'ephemeral') {
      throw new Error(`/incident ${text} answered ${res.status} ${res.text}`);
    }
    await this.settle();
    return body.text ?? '';
  }

  /** Click a button found in a message Vigil posted, shaped like the block_actions fixture. */
  async click(message: { ts: string; channel: string; blocks?: unknown[] }, actionId: string, opts: { user?: string } = {}): Promise<HttpAnswer> {
    const user = opts.user ?? PEOPLE.responder;
    const body = buttonClickBody(message, actionId, user, { trigger_id: this.emulator.newTriggerId(user), response_url: this.emulator.responseUrl() });
    return this.slackRequest(body, 'application/x-www-form-urlencoded');
  }

  /** Messages Vigil posted in an incident's channel. */
  channelMessages(incidentNumber: number) {
    const channel = this.emulator.channels().find((c) => c.name.startsWith(`inc-${incidentNumber}-`) || c.name === `inc-${incidentNumber}`);
    return channel ? this.emulator.messages(channel.id) : [];
  }

  incidentChannel(incidentNumber: number) {
    return this.emulator.channels().find((c) => c.name.startsWith(`inc-${incidentNumber}-`) || c.name === `inc-${incidentNumber}`);
  }
}

interface FoundButton {
  blockId: string;
  element: Record<string, unknown>;
}

/**
 * The form body Slack posts when `user` clicks the button `actionId` of a message Vigil posted,
 * shaped like the block_actions fixture; `extra` adds fields (a trigger id, a response URL).
 */
export function buttonClickBody(message: { ts: string; channel: string; blocks?: unknown[] }, actionId: string, user: string, extra: Record<string, unknown> = {}): string {
  const button = findButton(message.blocks ?? [], actionId);
  if (!button) throw new Error(`no button ${actionId} in message ${message.ts}`);
  const base = fixture<Record<string, unknown>>('slack/block_actions.json');
  const payload = {
    ...base,
    user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: 'T0G9PQBBK' },
    container: { type: 'message', message_ts: message.ts, channel_id: message.channel, is_ephemeral: false },
    channel: { id: message.channel },
    message: { ...(base['message'] as object), ts: message.ts, blocks: message.blocks },
    ...extra,
    actions: [{ ...button.element, block_id: button.blockId, action_ts: String(Date.now() / 1000) }],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

export function findButton(blocks: unknown[], actionId: string): FoundButton | undefined {
  for (const raw of blocks) {
    const block = raw as { block_id?: string; accessory?: Record<string, unknown>; elements?: Record<string, unknown>[] };
    const candidates = [block.accessory, ...(block.elements ?? [])].filter(Boolean) as Record<string, unknown>[];
    const element = candidates.find((c) => c['action_id'] === actionId);
    if (element) return { blockId: block.block_id ?? '', element };
  }
  return undefined;
}

/** All text of a message (its fallback text and every text in its blocks), for assertions. */
export function messageText(message: { text?: string; blocks?: unknown[] }): string {
  return [message.text ?? '', JSON.stringify(message.blocks ?? [])].join('\n');
}
