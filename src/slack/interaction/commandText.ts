// What a person typed after a subcommand: split into words, mentions read as ids, and turned
// into text we can store or show back safely.

import { escapeMrkdwn, isSlackUserId, truncate } from '../format/mrkdwn.js';
import { plainFromSlackText } from '../format/slackText.js';

/** Split command text into words, keeping Slack's escaped mentions (`<@U123|ana>`) whole. */
export function words(text: string): string[] {
  return text.trim().split(/\s+/).filter(Boolean);
}

/** A user id from `<@U123>`, `<@U123|name>` or a bare `U123`; undefined for anything else. */
export function userIdFrom(word: string | undefined): string | undefined {
  if (!word) return undefined;
  const escaped = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/.exec(word);
  if (escaped) return escaped[1];
  return isSlackUserId(word) ? word : undefined;
}

/** A user group id from `<!subteam^S123|@team>`. */
export function usergroupIdFrom(word: string | undefined): string | undefined {
  const match = /^<!subteam\^(S[A-Z0-9]+)(?:\|[^>]*)?>$/.exec(word ?? '');
  return match?.[1];
}

/** A word the person typed, shown back in an error: readable, short, and never markup. */
export const quoteInput = (word: string): string => `"${escapeMrkdwn(truncate(plainFromSlackText(word), 40))}"`;

/** Everything after the first word, as the person typed it (spacing kept), in plain text. */
export function restAfterFirstWord(args: string): string {
  const trimmed = args.trim();
  const first = /^\S+/.exec(trimmed)?.[0] ?? '';
  return plainFromSlackText(trimmed.slice(first.length));
}

/** Slack sends command text with & < > as entities; a form shows what the person typed. */
export const typedText = (text: string): string => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
