import { rmSync } from 'node:fs';
import { ConfigError } from './config/env.js';
import { loadConfig, type Config } from './config/load.js';
import { DEMO_CHANNELS, DEMO_SOURCES, DEMO_USERS } from './config/demo.js';
import { createVigil, type SlackConnection } from './app.js';
import type { SlackEmulator } from '@vigil/slack-emulator';
import { offsetClock, systemClock } from './shared/clock.js';
import { createLogger } from './shared/logger.js';

// Emulator mode signs with a known secret so local tools (and the README's examples) can talk to it.
export const EMULATOR_SIGNING_SECRET = 'vigil-local-signing-secret';

function readConfig(): Config {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      // One clear line and a non-zero exit: a bad policy must never half-start a pager.
      process.stderr.write(`vigil: configuration error: ${error.message}\n`);
      process.exit(1);
    }
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

async function startEmulator(config: Config): Promise<SlackEmulator> {
  // Loaded only when there is no Slack token: a real deployment never pays for the emulator.
  const { createSlackEmulator } = await import('@vigil/slack-emulator');
  const emulator = createSlackEmulator({
    users: DEMO_USERS,
    print: (line) => process.stdout.write(line + '\n'),
  });
  await emulator.start(config.env.VIGIL_EMULATOR_PORT, '127.0.0.1');
  for (const channel of DEMO_CHANNELS) emulator.addChannel({ name: channel.name, id: channel.id });
  return emulator;
}

async function main(): Promise<void> {
  const config = withEmulatorDatabase(readConfig());
  // A person watching the emulator reads the log; a deployment's log collector reads JSON.
  const logger = createLogger(config.env.LOG_LEVEL, { pretty: config.emulator });
  const emulator = config.emulator ? await startEmulator(config) : undefined;
  const slack: SlackConnection = emulator
    ? { token: emulator.token, signingSecret: config.env.SLACK_SIGNING_SECRET ?? EMULATOR_SIGNING_SECRET, apiUrl: emulator.apiUrl }
    : {
        token: config.env.SLACK_BOT_TOKEN!,
        signingSecret: config.env.SLACK_SIGNING_SECRET!,
        ...(config.env.SLACK_API_URL ? { apiUrl: config.env.SLACK_API_URL } : {}),
      };
  const clock = config.env.VIGIL_CLOCK_START ? offsetClock(new Date(config.env.VIGIL_CLOCK_START)) : systemClock;
  let vigil;
  try {
    vigil = await createVigil({ config, slack, clock, logger });
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`vigil: configuration error: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const port = await vigil.listen(config.env.PORT, config.env.HOST);
  logger.info(`vigil listening on port ${port}`, {
    policy: config.policyPath ?? 'built-in defaults',
    slack: emulator ? `local emulator at ${emulator.apiUrl}` : 'Slack',
    database: config.env.DATABASE_PATH,
  });
  if (emulator) {
    // The emulator's web UI sends clicks and slash commands to Vigil as Slack would, signed alike.
    emulator.connectApp({ eventsUrl: `http://${loopbackHost(config.env.HOST)}:${port}/slack/events`, signingSecret: slack.signingSecret });
    const detector = DEMO_SOURCES.find((s) => s.kind === 'detector')!;
    process.stdout.write(
      [
        '',
        'Vigil is running against the local Slack emulator; Slack traffic is printed below.',
        `Open http://localhost:${new URL(emulator.baseUrl).port}/ to see the emulated Slack workspace and click its buttons.`,
        `Fire a sample alert:  curl -s -X POST http://localhost:${port}/webhooks/detector \\`,
        `  -H 'Authorization: Bearer ${detector.token}' -H 'Content-Type: application/json' \\`,
        `  -d @examples/detector-alert.json`,
        '',
      ].join('\n') + '\n',
    );
  }
  if (!emulator && config.policy.sources.length === 0) {
    logger.warn('no sources in the policy file: every webhook will be refused (401)');
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
  process.stderr.write(`vigil: failed to start: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
