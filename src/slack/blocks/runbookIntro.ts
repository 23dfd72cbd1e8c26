import type { KnownBlock } from '@slack/types';
import { escapeMrkdwn, truncate } from '../format/mrkdwn.js';
import type { Runbook } from '../../domain/runbooks.js';
import { md } from './format.js';

const RUNBOOK_LIST_PREFIX = 'runbook:';

/**
 * What a responder reads before the steps: the symptoms that say this is the right runbook, and
 * when to roll back rather than retrain. Runbook files are team-editable, so the text is escaped.
 */
export function runbookIntroBlocks(runbook: Pick<Runbook, 'symptoms' | 'rollbackVsRetrain'>): KnownBlock[] {
  const symptoms = runbook.symptoms.map((s) => `• ${escapeMrkdwn(s)}`).join('\n');
  return [
    { type: 'section', text: md(truncate(`*Symptoms*\n${symptoms}`, 2900)) },
    { type: 'section', text: md(truncate(`*Roll back or retrain?*\n${escapeMrkdwn(runbook.rollbackVsRetrain)}`, 2900)) },
  ];
}

/** The intro for a checklist list named `runbook:<name>`; none for the triage list or an unknown runbook. */
export function runbookIntroFor(runbooks: readonly Runbook[], list: string): KnownBlock[] {
  if (!list.startsWith(RUNBOOK_LIST_PREFIX)) return [];
  const runbook = runbooks.find((r) => r.name === list.slice(RUNBOOK_LIST_PREFIX.length));
  return runbook ? runbookIntroBlocks(runbook) : [];
}
