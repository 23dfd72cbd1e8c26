import { spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, type ExpectStatic } from 'vitest';
import { createSlackEmulator, type SlackEmulator } from '@vigil/slack-emulator';
import { runVigilOnce } from '../support/vigilProcess.js';
import { scratchDir } from '../support/scratch.js';

// A start that cannot succeed ends with one line naming the cause and the fix, and exit code 1:
// a wrong token, Slack out of reach, a database path that cannot be used, a port already taken.
// No stack trace: these are settings a person fixes (LOG_LEVEL=debug shows one for unknown causes).

const ROOT = path.resolve(import.meta.dirname, '../..');

/** The output's lines, without the empty ones. */
const linesOf = (output: string): string[] => output.split('\n').filter((line) => line.trim() !== '');

// Side by side: each test waits on a child process that stops at a setting or a token.
describe.concurrent('a start that cannot succeed', () => {
  let emulator: SlackEmulator;
  let dir: string;
  let busy: Server;
  let busyPort: number;
  beforeAll(async () => {
    emulator = createSlackEmulator();
    await emulator.start(0);
    dir = scratchDir('vigil-start-');
    busy = createServer(() => undefined);
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    busyPort = (busy.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await emulator.stop();
    await new Promise((resolve) => busy.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  const slack = () => ({ SLACK_BOT_TOKEN: emulator.token, SLACK_APP_TOKEN: emulator.appToken, SLACK_API_URL: emulator.apiUrl, DATABASE_PATH: ':memory:' });

  const oneLine = async (expect: ExpectStatic, env: Record<string, string>): Promise<string> => {
    const run = await runVigilOnce(env);
    expect(run.code, run.output).toBe(1);
    expect(run.output).not.toMatch(/\n\s+at /);
    const lines = linesOf(run.output);
    expect(lines, run.output).toHaveLength(1);
    return lines[0]!;
  };

  it('a bot token Slack refuses', async ({ expect }) => {
    expect(await oneLine(expect, { ...slack(), SLACK_BOT_TOKEN: 'xoxb-not-the-token' })).toBe(
      "vigil: Slack refused SLACK_BOT_TOKEN (invalid_auth): copy the Bot User OAuth Token (xoxb-...) from your app's OAuth & Permissions page; if the app was uninstalled, install it again",
    );
  });

  it('an app token Slack refuses for Socket Mode', async ({ expect }) => {
    expect(await oneLine(expect, { ...slack(), SLACK_APP_TOKEN: 'xapp-not-the-token' })).toMatch(/^vigil: Slack refused SLACK_APP_TOKEN for Socket Mode \(invalid_auth\): generate an app-level token with the connections:write scope/);
  });

  it('Slack out of reach', async ({ expect }) => {
    expect(await oneLine(expect, { ...slack(), SLACK_API_URL: 'http://127.0.0.1:45999/api/' })).toBe(
      'vigil: cannot reach Slack at http://127.0.0.1:45999/api/ (ECONNREFUSED): check the network and any proxy (HTTPS_PROXY), or SLACK_API_URL if you set it',
    );
  });

  it('a database path that cannot be used', async ({ expect }) => {
    const file = path.join(dir, 'a-file');
    writeFileSync(file, 'not a folder');
    const where = path.join(file, 'vigil.db');
    expect(await oneLine(expect, { ...slack(), DATABASE_PATH: where })).toMatch(
      new RegExp(`^vigil: cannot use the database at ${where.replace(/[/.]/g, '\\$&')} \\((ENOTDIR|EEXIST): .*\\): make its folder exist and writable by this user, or set DATABASE_PATH to a file that is$`),
    );
  });

  it('a port already in use, by Vigil or by the emulator', async ({ expect }) => {
    expect(await oneLine(expect, { ...slack(), PORT: String(busyPort), HOST: '127.0.0.1' })).toBe(
      `vigil: port ${busyPort} (Vigil) is already in use on 127.0.0.1 (EADDRINUSE): stop the process holding it (another Vigil?), or set PORT to a free port`,
    );
    expect(await oneLine(expect, { VIGIL_EMULATOR_PORT: String(busyPort), DATABASE_PATH: ':memory:' })).toBe(
      `vigil: port ${busyPort} (the Slack emulator) is already in use on 127.0.0.1 (EADDRINUSE): stop the process holding it (another Vigil?), or set VIGIL_EMULATOR_PORT to a free port`,
    );
  });
});

describe('npm start before npm run build', () => {
  it('says how to build, in one line, and exits 1', () => {
    const run = spawnSync(process.execPath, [path.join(ROOT, 'scripts/runBuilt.mjs'), 'not-built-entry'], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('vigil: not built yet (dist/not-built-entry.js is missing): run npm run build once, then npm run not-built-entry\n');
  });
});
