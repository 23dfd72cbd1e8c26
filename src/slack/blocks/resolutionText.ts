import { truncate } from '../format/mrkdwn.js';
import { escapeKeepingMentions } from '../format/slackText.js';

/** What the resolve form recorded (incidents.resolution), as far as the channel shows it. */
export interface ResolutionShown {
  summary: string;
  rootCause: string | null;
  modelRolledBack: boolean;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** The stored resolution, read defensively: it is JSON written by an earlier version, perhaps. */
export function resolutionShown(stored: unknown): ResolutionShown | undefined {
  if (!isRecord(stored) || typeof stored['summary'] !== 'string') return undefined;
  return {
    summary: stored['summary'],
    rootCause: typeof stored['rootCause'] === 'string' && stored['rootCause'].trim() !== '' ? stored['rootCause'] : null,
    modelRolledBack: stored['modelRolledBack'] === true,
  };
}

/** A person's words from the form: their @mentions work, nothing else is markup, and it fits. */
const words = (text: string, max: number): string => escapeKeepingMentions(truncate(text, max));

/**
 * "*Resolution* ... *Root cause* ..." for the resolved notice and the pinned summary; `max` is
 * each text's share of the block it goes in.
 */
export function resolutionMrkdwn(resolution: ResolutionShown, max = 1200): string {
  const rolledBack = resolution.modelRolledBack ? ' _(model rolled back)_' : '';
  const cause = resolution.rootCause ? words(resolution.rootCause, max) : '_not recorded yet: add it in the review_';
  return `*Resolution*${rolledBack}\n${words(resolution.summary, max)}\n*Root cause*\n${cause}`;
}
