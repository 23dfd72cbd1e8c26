/** Slack's v0 request signature, which the app under test verifies on every request. */
import { createHmac } from 'node:crypto';

/** Headers signing the exact bytes of `body`; `timestamp` is unix seconds. */
export function slackSignatureHeaders(secret: string, body: string, timestamp = Math.floor(Date.now() / 1000)): Record<string, string> {
  const signature = 'v0=' + createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex');
  return { 'x-slack-signature': signature, 'x-slack-request-timestamp': String(timestamp) };
}
