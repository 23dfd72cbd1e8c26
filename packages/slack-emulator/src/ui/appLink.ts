/** The app under test, as the emulator reaches it: signed form POSTs to its events URL. */
import { slackSignatureHeaders } from './sign.js';

export interface AppConnection {
  /** Where the app receives slash commands, interactivity and events, e.g. http://127.0.0.1:3000/slack/events. */
  eventsUrl: string;
  signingSecret: string;
}

export interface AppAnswer {
  status: number;
  /** The JSON the app answered, `{}` for Bolt's empty ack, `{ text }` for other text. */
  body: unknown;
}

// Slack gives up after 3 s; locally a breakpoint or a slow first request should not look like a bug.
const TIMEOUT_MS = 15_000;

/** Posts `fields` form-encoded and signed, as Slack does for commands and interactivity. */
export async function postToApp(app: AppConnection, fields: Record<string, string>): Promise<AppAnswer> {
  const body = new URLSearchParams(fields).toString();
  const response = await fetch(app.eventsUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...slackSignatureHeaders(app.signingSecret, body) },
    body,
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  const text = await response.text();
  if (text.trim() === '') return { status: response.status, body: {} };
  try {
    return { status: response.status, body: JSON.parse(text) as unknown };
  } catch {
    return { status: response.status, body: { text } };
  }
}
