// The words a reader sees for our enums: the public state and impact of an update, and the
// lifecycle state of an incident for internal readers. Status pages taught readers these words
// (Statuspage's "Investigating", "Major impact"), so we use them rather than our own.

import type { IncidentState } from '../domain/lifecycle.js';
import type { ImpactLevel, UpdateState } from '../domain/stakeholderUpdates.js';

const STATE_WORDS: Record<UpdateState | IncidentState, string> = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
  triggered: 'Triggered',
  acknowledged: 'Acknowledged',
  mitigated: 'Mitigated',
};

const IMPACT_WORDS: Record<ImpactLevel, string> = {
  none: 'No impact',
  minor: 'Minor impact',
  major: 'Major impact',
  critical: 'Critical impact',
};

/** Slack's coloured circles, so the worst news is the reddest line in the channel. */
const IMPACT_EMOJI: Record<ImpactLevel, string> = {
  none: ':large_green_circle:',
  minor: ':large_yellow_circle:',
  major: ':large_orange_circle:',
  critical: ':red_circle:',
};

const lookup = <K extends string>(table: Record<K, string>, key: string): string | undefined =>
  Object.hasOwn(table, key) ? table[key as K] : undefined;

/** "Investigating"; an unknown word is returned as given, so a new state still reads. */
export const stateWord = (state: string): string => lookup(STATE_WORDS, state) ?? state;

/** "Major impact". */
export const impactWord = (impact: string): string => lookup(IMPACT_WORDS, impact) ?? impact;

/** ":large_orange_circle:", or nothing for an unknown impact. */
export const impactEmoji = (impact: string): string => lookup(IMPACT_EMOJI, impact) ?? '';

/** "a", "a and b", "a, b and c": how a person lists things, no Oxford comma. */
export function listWords(items: readonly string[], conjunction = 'and'): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}
