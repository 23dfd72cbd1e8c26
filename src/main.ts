import { rmSync } from 'node:fs';
import { ConfigError } from './config/env.js';
import { loadConfig, loadPolicyFile, type Config } from './config/load.js';
import { builtInPolicy } from './config/policy.js';
import { DEMO_CHANNELS, DEMO_USERS } from './config/demo.js';
import type { SlackConnection, Vigil } from './app.js';
import type { SlackEmulator } from '@vigil/slack-emulator';
import { webApiProbe } from './doctor/workspaceProbe.js';
import { offsetClock, systemClock } from './shared/clock.js';
import { createLogger, type Logger } from './shared/logger.js';
import { readManifest, type AppManifest } from './slack/manifest.js';
import { slackFailureLine, startupFailureLine, type StartSettings, type StartStage } from './startupFailure.js';
import { fireAlertHints } from './emulatorHints.js';

// Emulator mode signs with a known secret so local tools (and the README's examples) can talk to it.
export const EMULATOR_SIGNING_SECRET = 'vigil-local-signing-secret';

const SLACK_API = 'https://slack.com/api/';

/** One line on standard error and exit 1: a setting a person must fix, not a crash to debug. */
function fail(line: string): never {
  process.stderr.write(`vigil: ${line}\n`);
  process.exit(1);
}

function readConfig(): Config {
  try {
    return loadConfig(process.env);
  } catch (error) {
    // A bad policy must never half-start a pager.
    if (error instanceof ConfigError) fail(`configuration error: ${error.message}`);
    throw error;
  }
}

/**
 * Run a step of the start; a failure with a known cause (a token, a port, a path) ends the
 * process with its one line. Anything else is rethrown to the catch-all at the bottom.
 */
async function step<T>(stage: StartStage, settings: StartSettings, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ConfigError) fail(`configuration error: ${error.message}`);
    const line = startupFailureLine(error, stage, settings);
    if (line) fail(line);
    throw error;
  }
}

/** The address this process reaches its own server at: loopback unless bound to one interface. */
function loopbackHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

// The emulated Slack lives in memory and starts empty; a database remembering its channels
// from the last run would point at channels that no longer exist. So, unless DATABASE_PATH is
// set, emulator mode uses its own demo database and starts it afresh too.
const EMULATOR_DATABASE = './data/emulator.db';

function withEmulatorDatabase(config: Config): Config {
  if (!config.emulator || process.env['DATABASE_PATH'] !== undefined) return config;
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${EMULATOR_DATABASE}${suffix}`, { force: true });
  return { ...config, env: { ...config.env, DATABASE_PATH: EMULATOR_DATABASE } };
}

async function startEmulator(config: Config, manifest: AppManifest): Promise<SlackEmulator> {
  // Loaded only when there is no Slack token: a real deployment never pays for the emulator.
  const { createSlackEmulator } = await import('@vigil/slack-emulator');
  const emulator = createSlackEmulator({
    users: DEMO_USERS,
    scopes: manifest.botScopes,
    print: (line) => process.stdout.write(line + '\n'),
  });
  // Its signing secret and tokens are public (README): loopback only, unless HOST says otherwise.
  await emulator.start(config.env.VIGIL_EMULATOR_PORT, config.env.HOST);
  for (const channel of DEMO_CHANNELS) emulator.addChannel({ name: channel.name, id: channel.id });
  return emulator;
}

/**
 * With a real token: does Slack know it (and may the app token open Socket Mode)? Asked before
 * anything else starts, with no retries, so a wrong token or an unreachable Slack is one line.
 */
async function preflight(config: Config, settings: StartSettings): Promise<{ userId: string; botId: string }> {
  const probe = webApiProbe(config.env.SLACK_BOT_TOKEN!, config.env.SLACK_API_URL);
  const identity = await probe.identity();
  if (!identity.ok) fail(slackFailureLine(identity.failure, settings.apiUrl, 'SLACK_BOT_TOKEN'));
  if (config.env.SLACK_APP_TOKEN) {
    const allowed = await probe.socketModeAllowed(config.env.SLACK_APP_TOKEN);
    if (!allowed.ok) fail(slackFailureLine(allowed.failure, settings.apiUrl, 'SLACK_APP_TOKEN'));
  }
  return { userId: identity.value.userId, botId: identity.value.botId };
}

/** The doctor at start, as warnings: what would go wrong at the first incident, said now. */
async function doctorAtStart(config: Config, manifest: AppManifest, logger: Logger): Promise<void> {
  // Loaded once Vigil listens: the doctor's checks are not on the way to serving.
  const [{ formatFinding }, { runDoctor }] = await Promise.all([import('./doctor/finding.js'), import('./doctor/runDoctor.js')]);
  // The doctor judges the policy as written, without emulator mode's demo defaults.
  const policy = config.policyPath ? loadPolicyFile(config.policyPath) : builtInPolicy();
  const findings = await runDoctor({ env: config.env, policy, ...(config.policyPath ? { policyPath: config.policyPath } : {}), manifest });
  const flagged = findings.filter((f) => f.level !== 'ok');
  for (const finding of flagged) logger.warn(`doctor: ${formatFinding(finding)}`);
  if (flagged.length === 0) logger.info('doctor: the policy and the workspace look right');
  else logger.warn(`doctor: ${flagged.length} finding${flagged.length === 1 ? '' : 's'} above; npm run doctor prints them again`);
}

function slackConnection(config: Config, emulator: SlackEmulator | undefined): SlackConnection {
  if (emulator) return { token: emulator.token, signingSecret: config.env.SLACK_SIGNING_SECRET ?? EMULATOR_SIGNING_SECRET, apiUrl: emulator.apiUrl };
  return {
    token: config.env.SLACK_BOT_TOKEN!,
    ...(config.env.SLACK_APP_TOKEN ? { appToken: config.env.SLACK_APP_TOKEN } : { signingSecret: config.env.SLACK_SIGNING_SECRET! }),
    ...(config.env.SLACK_API_URL ? { apiUrl: config.env.SLACK_API_URL } : {}),
  };
}

function printEmulatorBanner(config: Config, emulator: SlackEmulator, hints: string[]): void {
  process.stdout.write(
    [
      '',
      'Vigil is running against the local Slack emulator; Slack traffic is printed below.',
      `Open http://localhost:${new URL(emulator.baseUrl).port}/ to see the emulated Slack workspace and click its buttons.`,
      ...hints,
      config.env.HOST === '127.0.0.1' ? '(Vigil and the emulator listen on 127.0.0.1 only: their demo secrets are public. HOST=0.0.0.0 opens them to the network.)' : '',
      '',
    ].join('\n') + '\n',
  );
}

async function main(): Promise<void> {
  const config = withEmulatorDatabase(readConfig());
  // A person watching the emulator reads the log; a deployment's log collector reads JSON.
  const logger = createLogger(config.env.LOG_LEVEL, { pretty: config.emulator });
  const manifest = readManifest();
  const settings: StartSettings = {
    port: config.env.PORT,
    host: config.env.HOST,
    emulatorPort: config.env.VIGIL_EMULATOR_PORT,
    databasePath: config.env.DATABASE_PATH,
    apiUrl: config.env.SLACK_API_URL ?? SLACK_API,
    socketMode: Boolean(config.env.SLACK_APP_TOKEN) && !config.emulator,
  };
  const emulator = config.emulator ? await step('emulator', settings, () => startEmulator(config, manifest)) : undefined;
  const identity = emulator ? undefined : await preflight(config, settings);
  // The application's modules (most of a start's CPU) load once the token is known good, so a
  // start that fails on a setting or a token says so without them.
  const app = import('./app.js');
  const slack = { ...slackConnection(config, emulator), ...(identity ? { identity } : {}) };
  const clock = config.env.VIGIL_CLOCK_START ? offsetClock(new Date(config.env.VIGIL_CLOCK_START)) : systemClock;
  const vigil: Vigil = await step('build', settings, async () => (await app).createVigil({ config, slack, clock, logger }));
  const port = await step('listen', settings, () => vigil.listen(config.env.PORT, config.env.HOST));
  logger.info(`vigil listening on port ${port}`, {
    host: config.env.HOST,
    policy: config.policyPath ?? 'built-in defaults',
    slack: emulator ? `local emulator at ${emulator.apiUrl}` : slack.appToken ? 'Socket Mode' : 'HTTP, Slack posts to /slack/events',
    database: config.env.DATABASE_PATH,
  });
  if (emulator) {
    // The emulator's web UI sends clicks and slash commands to Vigil as Slack would, signed alike.
    const hints = fireAlertHints(config, `http://localhost:${port}`);
    emulator.connectApp(
      { eventsUrl: `http://${loopbackHost(config.env.HOST)}:${port}/slack/events`, signingSecret: slack.signingSecret! },
      { shortcuts: manifest.messageShortcuts, homeTab: manifest.homeTab, hints },
    );
    printEmulatorBanner(config, emulator, hints);
  } else {
    void doctorAtStart(config, manifest, logger).catch((error: unknown) => logger.warn('doctor: could not run at start', { error: (error as Error).message }));
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`received ${signal}, shutting down`);
    await vigil.close();
    await emulator?.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  // Unknown causes: the message on one line; the stack only when asked for (LOG_LEVEL=debug).
  const debug = process.env['LOG_LEVEL'] === 'debug';
  const detail = debug ? ((error as Error).stack ?? String(error)) : `${(error as Error).message ?? String(error)} (LOG_LEVEL=debug shows where)`;
  process.stderr.write(`vigil: failed to start: ${detail}\n`);
  process.exit(1);
});
