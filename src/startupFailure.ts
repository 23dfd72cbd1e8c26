import { slackCallFailure, type SlackCallFailure } from './slack/slackCallFailure.js';

// Why Vigil could not start, as one line naming the cause and the fix. The usual causes are a
// token, an address, a path: settings a person fixes, for whom a stack trace is noise.

export type StartStage =
  /** Starting the local Slack emulator (no SLACK_BOT_TOKEN). */
  | 'emulator'
  /** Opening the database and building the app. */
  | 'build'
  /** Listening for HTTP, and (Socket Mode) connecting to Slack. */
  | 'listen';

export interface StartSettings {
  port: number;
  host: string;
  emulatorPort: number;
  databasePath: string;
  apiUrl: string;
  socketMode: boolean;
}

interface ErrnoLike {
  code?: unknown;
  syscall?: unknown;
  path?: unknown;
  message?: unknown;
  name?: unknown;
}

const fields = (error: unknown): ErrnoLike => (typeof error === 'object' && error !== null ? (error as ErrnoLike) : {});

function listenLine(error: ErrnoLike, who: string, port: number, host: string, setting: string): string | undefined {
  switch (error.code) {
    case 'EADDRINUSE':
      return `port ${port} (${who}) is already in use on ${host} (EADDRINUSE): stop the process holding it (another Vigil?), or set ${setting} to a free port`;
    case 'EACCES':
      return `not allowed to listen on port ${port} (${who}, EACCES): ports below 1024 need privileges; set ${setting} to 1024 or above and put a proxy in front`;
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
      return `cannot listen on HOST=${host} (${who}, ${String(error.code)}): no such address on this machine; leave HOST unset, or use 0.0.0.0 or 127.0.0.1`;
    default:
      return undefined;
  }
}

/** The line for a Web API call that failed with one of Vigil's tokens. */
export function slackFailureLine(failure: SlackCallFailure, apiUrl: string, token: 'SLACK_BOT_TOKEN' | 'SLACK_APP_TOKEN'): string {
  if (failure.kind === 'unreachable') return `cannot reach Slack at ${apiUrl} (${failure.cause}): check the network and any proxy (HTTPS_PROXY), or SLACK_API_URL if you set it`;
  if (failure.kind === 'http') return `Slack answered HTTP ${failure.status} at ${apiUrl}: try again in a minute, or check SLACK_API_URL (it ends in /api/)`;
  if (token === 'SLACK_APP_TOKEN') {
    return `Slack refused SLACK_APP_TOKEN for Socket Mode (${failure.error}): generate an app-level token with the connections:write scope under Basic Information → App-Level Tokens, and turn Socket Mode on`;
  }
  return `Slack refused SLACK_BOT_TOKEN (${failure.error}): copy the Bot User OAuth Token (xoxb-...) from your app's OAuth & Permissions page; if the app was uninstalled, install it again`;
}

function slackLine(error: unknown, settings: StartSettings, token: 'SLACK_BOT_TOKEN' | 'SLACK_APP_TOKEN'): string | undefined {
  const failure = slackCallFailure(error);
  return failure ? slackFailureLine(failure, settings.apiUrl, token) : undefined;
}

function databaseLine(error: ErrnoLike, databasePath: string): string | undefined {
  const code = typeof error.code === 'string' ? error.code : '';
  const sqlite = error.name === 'SqliteError' || code.startsWith('SQLITE_');
  const fsCall = (error.syscall === 'mkdir' || error.syscall === 'open') && typeof error.path === 'string';
  if (!sqlite && !fsCall) return undefined;
  const message = String(error.message ?? '');
  // Node's fs messages already start with their code ("EEXIST: file already exists, mkdir ..."); SQLite's do not.
  const detail = code && !message.startsWith(`${code}:`) ? `${code}: ${message}` : message;
  return `cannot use the database at ${databasePath} (${detail}): make its folder exist and writable by this user, or set DATABASE_PATH to a file that is`;
}

/** The one line for a failure at `stage`, or undefined when it is none of the known causes. */
export function startupFailureLine(error: unknown, stage: StartStage, settings: StartSettings): string | undefined {
  const e = fields(error);
  switch (stage) {
    case 'emulator':
      if (e.code === 'ERR_MODULE_NOT_FOUND') {
        return "no SLACK_BOT_TOKEN, and the local Slack emulator is not installed here (a production install): set SLACK_BOT_TOKEN (README, \"Running Vigil in your Slack workspace\"), or npm ci with dev dependencies for the demo";
      }
      return listenLine(e, 'the Slack emulator', settings.emulatorPort, settings.host, 'VIGIL_EMULATOR_PORT');
    case 'build':
      return databaseLine(e, settings.databasePath) ?? slackLine(error, settings, 'SLACK_BOT_TOKEN');
    case 'listen':
      return listenLine(e, 'Vigil', settings.port, settings.host, 'PORT') ?? (settings.socketMode ? slackLine(error, settings, 'SLACK_APP_TOKEN') : undefined);
  }
}
