// People in an update, by the id the chat surface gave them. Only Slack can turn an id into a
// name, so only the Slack form mentions; Markdown and HTML show the id as text.

import { escapeFor, type Surface } from './escape.js';

/** Slack user ids: `U…`, or `W…` on Enterprise Grid. Anything else is never made a mention. */
export const SLACK_USER_ID = /^[UW][A-Z0-9]{2,}$/;

/**
 * `<@U123>` in Slack when the text is a user id; otherwise (and on other surfaces) the text,
 * escaped, so `!channel` or `U1> <!here` can never become a broadcast.
 */
export function personText(id: string, surface: Surface): string {
  return surface === 'slack' && SLACK_USER_ID.test(id) ? `<@${id}>` : escapeFor(surface, id);
}
