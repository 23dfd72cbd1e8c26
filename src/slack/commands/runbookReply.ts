import type { Runbook } from '../../domain/runbooks.js';
import { escapeMrkdwn } from '../../domain/mrkdwn.js';
import type { RunbookPosting } from '../../incidents/postRunbook.js';

/** What the person who asked for a runbook hears; the channel sees the runbook itself. */
export function runbookReply(result: RunbookPosting): string {
  const title = escapeMrkdwn(result.runbook.title);
  if (result.posted) return `:books: Posted *${title}* (${result.steps} steps) in this channel. Mark each step done as you go.`;
  return `*${title}* is already posted in this channel, with its progress; nothing new was posted. Scroll up to its checklist.`;
}

/** Every runbook by name, for someone who asked for one that does not exist. */
export function availableRunbooks(runbooks: readonly Runbook[]): string {
  return runbooks.map((r) => `• \`${r.name}\` ${escapeMrkdwn(r.title)} _(${r.categories.join(', ')})_`).join('\n');
}
