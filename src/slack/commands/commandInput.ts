// What a person typed after a subcommand, turned into text we can store or show back safely.

import { escapeMrkdwn, truncate } from '../../domain/mrkdwn.js';
import { plainFromSlackText } from '../../domain/slackText.js';

/** A word the person typed, shown back in an error: readable, short, and never markup. */
export const quoteInput = (word: string): string => `"${escapeMrkdwn(truncate(plainFromSlackText(word), 40))}"`;

/** Everything after the first word, as the person typed it (spacing kept), in plain text. */
export function restAfterFirstWord(args: string): string {
  const trimmed = args.trim();
  const first = /^\S+/.exec(trimmed)?.[0] ?? '';
  return plainFromSlackText(trimmed.slice(first.length));
}
