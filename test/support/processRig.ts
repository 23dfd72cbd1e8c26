import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createSlackEmulator, type SlackEmulator } from '@vigil/slack-emulator';
import { fixture, SIGNING_SECRET } from './harness.js';
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
    const dir = mkdtempSync(path.join(tmpdir(), 'vigil-process-'));
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

  /** The Alertmanager fixture, authenticated, to the running process. */
  fireAlertmanager(): Promise<Response> {
    return fetch(`${this.vigil.url}/webhooks/alertmanager`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKENS.alertmanager}`, 'content-type': 'application/json' },
      body: JSON.stringify(fixture('alertmanager-firing.json')),
    });
  }

  async destroy(): Promise<void> {
    await this.vigil.kill();
    await this.emulator.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
