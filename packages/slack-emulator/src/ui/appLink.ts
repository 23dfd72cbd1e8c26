/**
 * The app under test, as the emulator reaches it: over HTTP, signed POSTs to its events URL (the
 * way Slack reaches an app with a public Request URL), or over the Socket Mode connection the app
 * opened itself (apps.connections.open), as envelopes it acks.
 */
import type { EnvelopeType, SocketModeHub } from '../socketMode.js';
import { slackSignatureHeaders } from './sign.js';

export type AppConnection =
  /** Where the app receives slash commands, interactivity and events, e.g. http://127.0.0.1:3000/slack/events. */
  | { eventsUrl: string; signingSecret: string }
  /** Whatever the app sends over its Socket Mode connection; nothing listens on HTTP. */
  | { socketMode: true };

/**
 * What Slack sends an app: a slash command's fields or an interaction (`payload` = JSON), which
 * Slack posts as a form, or an Events API body, which it posts as JSON.
 */
export type AppRequest = { kind: 'form'; fields: Record<string, string> } | { kind: 'event'; body: Record<string, unknown> };

export interface AppAnswer {
  status: number;
  /** The JSON the app answered, `{}` for Bolt's empty ack, `{ text }` for other text. */
  body: unknown;
}

export interface AppLink {
  /** Where requests go, for messages: the URL, or "Socket Mode". */
  readonly where: string;
  send(request: AppRequest): Promise<AppAnswer>;
}

// Slack gives up after 3 s; locally a breakpoint or a slow first request should not look like a bug.
const TIMEOUT_MS = 15_000;

async function readAnswer(response: Response): Promise<AppAnswer> {
  const text = await response.text();
  if (text.trim() === '') return { status: response.status, body: {} };
  try {
    return { status: response.status, body: JSON.parse(text) as unknown };
  } catch {
    return { status: response.status, body: { text } };
  }
}

/** Posts form-encoded (commands, interactivity) or JSON (events), signed, as Slack does. */
export async function postToApp(app: { eventsUrl: string; signingSecret: string }, request: AppRequest): Promise<AppAnswer> {
  const [contentType, body] =
    request.kind === 'form'
      ? ['application/x-www-form-urlencoded', new URLSearchParams(request.fields).toString()]
      : ['application/json', JSON.stringify(request.body)];
  const response = await fetch(app.eventsUrl, {
    method: 'POST',
    headers: { 'content-type': contentType, ...slackSignatureHeaders(app.signingSecret, body) },
    body,
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  return readAnswer(response);
}

/** The Socket Mode envelope Slack wraps the same request in. */
export function envelopeOf(request: AppRequest): { type: EnvelopeType; payload: unknown } {
  if (request.kind === 'event') return { type: 'events_api', payload: request.body };
  const interaction = request.fields['payload'];
  return interaction === undefined ? { type: 'slash_commands', payload: { ...request.fields } } : { type: 'interactive', payload: JSON.parse(interaction) as unknown };
}

export function appLink(connection: AppConnection, hub: SocketModeHub): AppLink {
  if ('socketMode' in connection) {
    return {
      where: 'Socket Mode',
      send: async (request) => {
        const { type, payload } = envelopeOf(request);
        return { status: 200, body: await hub.send(type, payload) };
      },
    };
  }
  // Validated here so a typo fails at start-up, not at the first click.
  new URL(connection.eventsUrl);
  if (connection.signingSecret === '') throw new Error('connectApp: signingSecret must not be empty');
  const app = { ...connection };
  return { where: app.eventsUrl, send: (request) => postToApp(app, request) };
}
