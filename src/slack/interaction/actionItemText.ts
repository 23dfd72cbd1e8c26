// `/incident action <text> [@owner] [due date]`: the owner and the due date are read from the end
// of what was typed (in either order), so the text itself can say anything, mentions included.

import { readTrailingDue } from '../../domain/dueDate.js';
import { plainFromSlackText } from '../format/slackText.js';
import { quoteInput } from './commandText.js';

export interface ActionItemInput {
  /** Plain text in which user mentions stay `<@U123>` (see plainFromSlackText). */
  text: string;
  owner: string | null;
  /** Midnight UTC of the due day. */
  dueAt: Date | null;
}

/** Only a mention Slack escaped (`<@U123|ana>`, picked from the @ suggestions) names an owner: a bare word never does. */
const MENTION = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/;
const mentionedUser = (word: string | undefined): string | undefined => (word ? MENTION.exec(word)?.[1] : undefined);

/** A word as the date reader sees it: Slack's entities decoded, nothing else. */
const plainWord = (word: string): string => plainFromSlackText(word);

/**
 * The item's text, owner and due day from a command's text (as Slack sends it, mentions escaped),
 * or the problem with it in plain words. `now` is the clock's time ("tomorrow" is the UTC day after).
 */
export function parseActionItemText(args: string, now: Date): ActionItemInput | { problem: string } {
  const tokens = [...args.matchAll(/\S+/g)].map((m) => ({ word: m[0], at: m.index }));
  let end = tokens.length;
  let owner: string | undefined;
  let dueAt: Date | undefined;
  // At most an owner and a date, in either order: "... @ana friday" or "... friday @ana".
  for (let round = 0; round < 2 && end > 0; round++) {
    const user = owner === undefined ? mentionedUser(tokens[end - 1]?.word) : undefined;
    if (user) {
      owner = user;
      end -= 1;
      continue;
    }
    if (dueAt !== undefined) break;
    const due = readTrailingDue(tokens.slice(0, end).map((t) => plainWord(t.word)), now);
    if (due.kind === 'invalid') return { problem: `${due.problem}.` };
    if (due.kind === 'none') break;
    dueAt = due.dueAt;
    end -= due.words;
  }
  const last = tokens[end - 1]?.word;
  if (owner && mentionedUser(last)) return { problem: 'An action item has one owner: name one person last (or write the others into the text, followed by more words).' };
  // "@ana" typed without picking her from the suggestions reaches us as text, not as a person.
  if (!owner && last?.startsWith('@') && !mentionedUser(last)) {
    return { problem: `${quoteInput(last)} is not a Slack user Vigil can see: pick the owner from the @ suggestions as you type.` };
  }
  const text = plainFromSlackText(args.slice(0, tokens[end]?.at ?? args.length));
  if (text === '') return { problem: 'What should be done? The text comes first, then the owner and the due date.' };
  return { text, owner: owner ?? null, dueAt: dueAt ?? null };
}
