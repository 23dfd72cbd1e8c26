import { existsSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createSlackEmulator, type SlackEmulator } from '@vigil/slack-emulator';
import { fixture, SIGNING_SECRET } from './harness.js';
import { scratchDir } from './scratch.js';
import { BASE_POLICY, PEOPLE, TOKENS } from './testPolicy.js';
import { VigilProcess } from './vigilProcess.js';

/** An emulator in the test process and Vigil as a separate OS process on a shared database. */
export class ProcessRig {
  private constructor(
    readonly emulator: SlackEmulator,
    readonly vigil: VigilProcess,
    private readonly dir: string,
  ) {}

  static async create(): Promise<ProcessRig> {
    const emulator = createSlackEmulator({ users: Object.values(PEOPLE).map((id) => ({ id, name: id.toLowerCase() })) });
    await emulator.start(0);
    emulator.addChannel({ name: 'announcements', id: 'C0ANNOUNCE' });
    const dir = scratchDir('vigil-process-');
    writeFileSync(path.join(dir, 'vigil.config.yaml'), BASE_POLICY);
    const vigil = new VigilProcess({
      SLACK_BOT_TOKEN: emulator.token,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: emulator.apiUrl,
      DATABASE_PATH: path.join(dir, 'vigil.db'),
      VIGIL_CONFIG: path.join(dir, 'vigil.config.yaml'),
    });
    return new ProcessRig(emulator, vigil, dir);
  }

  get databasePath(): string {
    return path.join(this.dir, 'vigil.db');
  }

  private reader: Database.Database | undefined;

  /** Effects the process has queued and not yet delivered, read from its database (0 before it ever started). */
  undelivered(): number {
    if (!this.reader) {
      if (!existsSync(this.databasePath)) return 0;
      // One read-only connection for all looks: opening one per look, every 10 ms, cost CPU the process needs.
      this.reader = new Database(this.databasePath, { readonly: true, fileMustExist: true });
    }
    return (this.reader.prepare("select count(*) as n from effects where status in ('pending', 'in_flight')").get() as { n: number }).n;
  }

  /**
   * Wait until everything the running process has queued has reached Slack: what a test waits for
   * before counting, instead of a fixed pause. Whatever a started process finds due (a made-up
   * escalation step) it queues before it says it is listening, so once `vigil.start()` resolved,
   * an empty outbox means that has been delivered too.
   */
  async delivered(timeoutMs = 20_000): Promise<void> {
    await this.emulator.waitFor(() => this.undelivered() === 0, timeoutMs);
  }

  /** The Alertmanager fixture, authenticated, to the running process. */
  fireAlertmanager(): Promise<Response> {
    return fetch(`${this.vigil.url}/webhooks/alertmanager`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKENS.alertmanager}`, 'content-type': 'application/json' },
      body: JSON.stringify(fixture('alertmanager-firing.json')),
    });
  }

  async destroy(): Promise<void> {
    this.reader?.close();
    await this.vigil.kill();
    await this.emulator.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
