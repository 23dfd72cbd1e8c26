import { spawn } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createSlackEmulator, type SlackEmulator } from '@vigil/slack-emulator';
import { parseEnv, parseEnvFields } from '../../src/config/env.js';
import { loadPolicyFile } from '../../src/config/load.js';
import { formatFinding, type Finding } from '../../src/doctor/finding.js';
import { runDoctor } from '../../src/doctor/runDoctor.js';
import { readManifest } from '../../src/slack/manifest.js';
import { scratchDir } from '../support/scratch.js';

// `npm run doctor` against the emulator standing in for a workspace: a policy that is right, and
// every mistake the issue names (a channel that does not exist or Vigil is not in, a person or
// group that does not exist, a rotation nobody is in, a missing scope, a wrong token, no way for
// Slack to reach Vigil), each found before the first incident and said in one line with its fix.

const ROOT = path.resolve(import.meta.dirname, '../..');
const manifest = readManifest();

const PEOPLE = { alice: 'U0ALICE', bob: 'U0BOB', carol: 'U0CAROL', dan: 'U0DAN', erin: 'U0ERIN', frank: 'U0FRANK', lena: 'U0LENA', gone: 'U0GONE', robot: 'U0ROBOT' };

const GOOD_POLICY = `
sources:
  - { name: prometheus, kind: alertmanager, token: "a-long-random-token-for-prometheus" }
rotations:
  ml:    { members: [U0ALICE, U0BOB] }
  data:  { members: [U0CAROL, U0DAN] }
  infra: { members: [U0ERIN, U0FRANK] }
  lead:  { members: [U0LENA] }
  executives: { members: [U0LENA] }
announce: { channel: C0INCIDENTS }
escalation:
  SEV1:
    - { after: 0m, notify: primary }
    - { after: 5m, notify: { usergroup: S0ONCALL } }
permissions:
  resolve: [S0ONCALL, U0LENA]
`;

async function emulatorWorkspace(scopes: string[] = manifest.botScopes): Promise<SlackEmulator> {
  const emu = createSlackEmulator({
    strictUsers: true,
    scopes,
    users: [
      ...['alice', 'bob', 'carol', 'dan', 'erin', 'frank', 'lena'].map((name) => ({ id: PEOPLE[name as keyof typeof PEOPLE], name })),
      { id: PEOPLE.gone, name: 'gone', deleted: true },
      { id: PEOPLE.robot, name: 'robot', isBot: true },
    ],
    usergroups: [
      { id: 'S0ONCALL', handle: 'oncall', users: [PEOPLE.alice] },
      { id: 'S0OLD', handle: 'old-oncall', users: [], disabled: true },
    ],
  });
  await emu.start(0);
  emu.addChannel({ name: 'incidents', id: 'C0INCIDENTS', botIsMember: true });
  emu.addChannel({ name: 'status', id: 'C0STATUS' });
  emu.addChannel({ name: 'secret-war-room', id: 'G0PRIVATE', isPrivate: true });
  const archived = emu.addChannel({ name: 'old-incidents', id: 'C0ARCHIVED', botIsMember: true });
  archived.archived = true;
  return emu;
}

describe('npm run doctor', () => {
  let emu: SlackEmulator;
  let dir: string;
  beforeAll(async () => {
    emu = await emulatorWorkspace();
    dir = scratchDir('vigil-doctor-');
  });
  afterAll(async () => {
    await emu.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const policyFile = (name: string, yaml: string): string => {
    const file = path.join(dir, name);
    writeFileSync(file, yaml);
    return file;
  };

  async function doctor(yaml: string, env: Record<string, string> = {}, on: SlackEmulator = emu): Promise<{ findings: Finding[]; lines: string[]; problems: string[]; warnings: string[] }> {
    const file = policyFile('vigil.config.yaml', yaml);
    const settings = parseEnv({ SLACK_BOT_TOKEN: on.token, SLACK_APP_TOKEN: on.appToken, SLACK_API_URL: on.apiUrl, ...env });
    const findings = await runDoctor({ env: settings, policy: loadPolicyFile(file), policyPath: file, manifest });
    const lines = findings.map(formatFinding);
    return { findings, lines, problems: lines.filter((l) => l.startsWith('✗')), warnings: lines.filter((l) => l.startsWith('!')) };
  }

  it('finds nothing wrong with a right policy, and says what it checked', async () => {
    const { problems, warnings, lines } = await doctor(GOOD_POLICY);
    expect(problems).toEqual([]);
    expect(warnings).toEqual([]);
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^✓ SLACK_BOT_TOKEN works: @vigil in Vigil Emulator/),
        expect.stringMatching(/^✓ the bot token has every scope manifest\.yml asks for/),
        '✓ SLACK_APP_TOKEN may open a Socket Mode connection',
        '✓ vigil.config.yaml: announce.channel C0INCIDENTS is #incidents, and Vigil is in it',
        expect.stringMatching(/^✓ 7 people named in vigil\.config\.yaml exist: @alice, @bob/),
        expect.stringMatching(/^✓ vigil\.config\.yaml: escalation\.SEV1\[1\]\.notify \(and 1 more\) S0ONCALL is @oncall/),
        expect.stringMatching(/^✓ vigil\.config\.yaml: every category routes to a rotation with members/),
      ]),
    );
  });

  it('names every mistake in one line with its fix', async () => {
    const broken = `
sources: []
rotations:
  ml:    { members: [U0ALICE, U0NOBODY] }
  data:  { members: [U0CAROL, U0GONE] }
  infra: { members: [] }
  lead:  { members: [U0ROBOT] }
  executives: { members: [U0LENA] }
announce: { channel: C0NOPE }
stakeholders:
  audiences:
    client: { channel: G0PRIVATE }
    executive: { channel: C0STATUS }
    internal: { channel: C0ARCHIVED }
escalation:
  SEV1:
    - { after: 0m, notify: primary }
    - { after: 5m, notify: { usergroup: S0MISSING } }
    - { after: 9m, notify: { usergroup: S0OLD } }
`;
    const { problems, warnings } = await doctor(broken);
    const expected = [
      /^✗ vigil\.config\.yaml: no sources: every webhook is refused \(401\) — fix: add one under sources:/,
      /^✗ vigil\.config\.yaml: rotations\.infra has no members, so infrastructure incidents page nobody — fix: list user ids under rotations\.infra\.members/,
      /^✗ vigil\.config\.yaml: announce\.channel C0NOPE: no such channel, or a private one Vigil is not in — fix: open the channel in Slack/,
      /^✗ vigil\.config\.yaml: stakeholders\.audiences\.client\.channel G0PRIVATE: no such channel, or a private one Vigil is not in — fix: .*\/invite @vigil/,
      /^✗ vigil\.config\.yaml: stakeholders\.audiences\.internal\.channel C0ARCHIVED is #old-incidents, which is archived — fix:/,
      /^✗ vigil\.config\.yaml: rotations\.ml\.members\[1\] U0NOBODY: no such person in this workspace \(user_not_found\) — fix: open the person's profile/,
      /^✗ vigil\.config\.yaml: rotations\.data\.members\[1\] U0GONE is @gone, whose account is deactivated — fix: name someone else/,
      /^✗ vigil\.config\.yaml: escalation\.SEV1\[1\]\.notify S0MISSING: no such user group — fix:/,
      /^✗ vigil\.config\.yaml: escalation\.SEV1\[2\]\.notify S0OLD is @old-oncall, which is disabled — fix:/,
    ];
    for (const pattern of expected) expect(problems, String(pattern)).toEqual(expect.arrayContaining([expect.stringMatching(pattern)]));
    expect(problems).toHaveLength(expected.length);
    expect(warnings).toEqual([
      expect.stringMatching(/^! vigil\.config\.yaml: stakeholders\.audiences\.executive\.channel C0STATUS is #status; Vigil is not in it yet \(it joins a public channel at its first post\) — fix: in Slack, \/invite @vigil/),
      expect.stringMatching(/^! vigil\.config\.yaml: rotations\.lead\.members\[0\] U0ROBOT is @robot, a bot: nobody reads its pages — fix: name a person/),
    ]);
  });

  it('says which scopes the token lacks, and does not ask Slack what it may not', async () => {
    const narrow = await emulatorWorkspace(manifest.botScopes.filter((s) => s !== 'users:read' && s !== 'pins:write'));
    try {
      const { problems } = await doctor(GOOD_POLICY, {}, narrow);
      expect(problems[0]).toMatch(/^✗ the bot token lacks 2 scopes manifest\.yml asks for: pins:write, users:read — fix: add them under OAuth & Permissions/);
      expect(problems[1]).toMatch(/^✗ cannot check vigil\.config\.yaml: rotations\.ml\.members\[0\] U0ALICE: the token lacks users:read/);
      expect(problems).toHaveLength(2);
      expect(narrow.callsTo('users.info')).toHaveLength(1);
    } finally {
      await narrow.stop();
    }
  });

  it('stops at a token Slack refuses, and says when Slack cannot be reached', async () => {
    const refused = await doctor(GOOD_POLICY, { SLACK_BOT_TOKEN: 'xoxb-not-the-token' });
    expect(refused.problems).toEqual([expect.stringMatching(/^✗ Slack refused SLACK_BOT_TOKEN \(invalid_auth\) — fix: copy the Bot User OAuth Token/)]);
    expect(refused.lines.some((l) => l.includes('C0INCIDENTS'))).toBe(false);

    const down = await doctor(GOOD_POLICY, { SLACK_API_URL: 'http://127.0.0.1:45999/api/' });
    expect(down.problems).toEqual([expect.stringMatching(/^✗ cannot reach Slack at http:\/\/127\.0\.0\.1:45999\/api\/ \(ECONNREFUSED\) — fix: check the network/)]);
  });

  it('checks how Slack reaches Vigil: the app token for Socket Mode, else a signing secret', async () => {
    const wrongApp = await doctor(GOOD_POLICY, { SLACK_APP_TOKEN: 'xapp-not-it' });
    expect(wrongApp.problems).toEqual([expect.stringMatching(/^✗ Slack refused SLACK_APP_TOKEN for Socket Mode \(invalid_auth\) — fix: .*connections:write/)]);

    const file = policyFile('vigil.config.yaml', GOOD_POLICY);
    const neither = await runDoctor({ env: parseEnv({ SLACK_BOT_TOKEN: emu.token, SLACK_SIGNING_SECRET: 'x', SLACK_API_URL: emu.apiUrl }), policy: loadPolicyFile(file), policyPath: file, manifest });
    expect(neither.map(formatFinding)).toContain('✓ HTTP mode: Slack must reach https://<your host>/slack/events (slash command, interactivity and event Request URLs in the app\'s settings)');
    const none = await runDoctor({ env: parseEnvFields({ SLACK_BOT_TOKEN: emu.token, SLACK_API_URL: emu.apiUrl }), policy: loadPolicyFile(file), policyPath: file, manifest });
    expect(none.map(formatFinding)).toEqual(expect.arrayContaining([expect.stringMatching(/^✗ neither SLACK_APP_TOKEN nor SLACK_SIGNING_SECRET is set: Slack has no way to reach Vigil — fix: Socket Mode/)]));
  });

  it('flags what is left of vigil.config.example.yaml as copied: its placeholder tokens and ids', async () => {
    const example = path.join(ROOT, 'vigil.config.example.yaml');
    const findings = await runDoctor({ env: parseEnv({ SLACK_BOT_TOKEN: emu.token, SLACK_APP_TOKEN: emu.appToken, SLACK_API_URL: emu.apiUrl }), policy: loadPolicyFile(example), policyPath: example, manifest });
    const problems = findings.filter((f) => f.level === 'problem').map(formatFinding);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/sources\[0\] \(prometheus\) still has the example's placeholder token — fix: replace it with a token of its own: openssl rand -hex 24/),
        expect.stringMatching(/announce\.channel C0123INCIDENTS: no such channel/),
        expect.stringMatching(/rotations\.ml\.members\[0\] U0123ALICE: no such person/),
      ]),
    );
  });
});

/** The doctor as `npm run doctor` runs it: the compiled entry, a child process, its exit code. */
function runDoctorProcess(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const built = inject('vigilBuild');
  const entry = built ? path.join(built, 'src/doctor/main.js') : undefined;
  const args = entry && existsSync(entry) ? [entry] : ['--import', 'tsx', path.join(ROOT, 'src/doctor/main.ts')];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env: { PATH: process.env['PATH'] ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.once('exit', (code) => resolve({ code, output }));
  });
}

// Side by side: each test waits on a child process or two.
describe.concurrent('npm run doctor, the command', () => {
  let emu: SlackEmulator;
  let dir: string;
  beforeAll(async () => {
    emu = await emulatorWorkspace();
    dir = scratchDir('vigil-doctor-cli-');
  });
  afterAll(async () => {
    await emu.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('exits 0 on a right policy and 1 on a broken one, one line per finding, no stack trace', async ({ expect }) => {
    const good = path.join(dir, 'good.yaml');
    writeFileSync(good, GOOD_POLICY);
    const env = { SLACK_BOT_TOKEN: emu.token, SLACK_APP_TOKEN: emu.appToken, SLACK_API_URL: emu.apiUrl };
    const ok = await runDoctorProcess({ ...env, VIGIL_CONFIG: good });
    expect(ok.output).toMatch(/vigil doctor: no problems, 0 warnings\n$/);
    expect(ok.code).toBe(0);

    const broken = path.join(dir, 'broken.yaml');
    writeFileSync(broken, GOOD_POLICY.replace('C0INCIDENTS', 'C0NOPE'));
    const bad = await runDoctorProcess({ ...env, VIGIL_CONFIG: broken });
    expect(bad.code).toBe(1);
    expect(bad.output).toContain('✗ broken.yaml: announce.channel C0NOPE: no such channel, or a private one Vigil is not in — fix:');
    expect(bad.output).toMatch(/vigil doctor: 1 problem, 0 warnings\n$/);
    expect(bad.output).not.toMatch(/\n\s+at /);
  });

  it('reports a missing signing secret or app token as a finding, not a refusal to run', async ({ expect }) => {
    const good = path.join(dir, 'good-without-secrets.yaml');
    writeFileSync(good, GOOD_POLICY);
    const run = await runDoctorProcess({ SLACK_BOT_TOKEN: emu.token, SLACK_API_URL: emu.apiUrl, VIGIL_CONFIG: good });
    expect(run.code).toBe(1);
    expect(run.output).toContain('✗ neither SLACK_APP_TOKEN nor SLACK_SIGNING_SECRET is set');
    expect(run.output).toContain('✓ SLACK_BOT_TOKEN works');
  });

  it('says a policy file that does not load in one line, and exits 1', async ({ expect }) => {
    const invalid = path.join(dir, 'invalid.yaml');
    writeFileSync(invalid, 'escalation:\n  default:\n    - { after: 5 minutes, notify: primary }\n');
    const run = await runDoctorProcess({ SLACK_BOT_TOKEN: emu.token, SLACK_API_URL: emu.apiUrl, VIGIL_CONFIG: invalid });
    expect(run.code).toBe(1);
    expect(run.output.trim()).toBe('✗ configuration error: invalid.yaml: escalation.default[0].after: "5 minutes" is not a duration; use e.g. 30s, 5m, 2h, 1d');
  });
});
