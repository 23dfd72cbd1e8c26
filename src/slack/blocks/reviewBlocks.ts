import type { KnownBlock } from '@slack/types';
import type { EffectPayloads } from '../../effects/effectKinds.js';
import { escapeMrkdwn } from '../format/mrkdwn.js';
import { ACTIONS } from './actionIds.js';
import { incidentRef, md, mention, plain, slackTime } from './format.js';

export const reviewFilename = (incidentId: number, version: number): string => `${incidentRef(incidentId)}-review-v${version}.md`;

/** What the upload says beside the file: its version and, from v2, what changed. */
export function reviewUploadComment(version: number, changes: readonly string[]): string {
  const head = `:memo: Post-incident review *v${version}*, compiled from the timeline: fill in what only people know (marked in _italics_), then paste it into your wiki.`;
  if (version === 1) return head;
  return `${head}\nChanged since v${version - 1}: ${changes.map(escapeMrkdwn).join('; ')}.`;
}

/** The Compile review button, on the resolved summary and on reminders. */
export const compileReviewButton = (incidentId: number) => ({
  type: 'button' as const,
  action_id: ACTIONS.compileReview,
  text: plain('Compile review'),
  value: String(incidentId),
});

export function reviewReminderBlocks(incidentId: number, reminder: EffectPayloads['review.reminder'], remind: string | undefined): { text: string; blocks: KnownBlock[] } {
  const due = slackTime(new Date(reminder.dueAt));
  const who = remind ? mention(remind) : 'Nobody holds Commander: take the role to own the review.';
  const text =
    reminder.reminder === 'overdue'
      ? `:alarm_clock: *The post-incident review of ${incidentRef(incidentId)} is overdue* (it was due ${due}). ${who}`
      : `:spiral_calendar_pad: *The post-incident review of ${incidentRef(incidentId)} is due* ${due}. ${who}`;
  const hint = 'When it is held, `/incident review done` stops these reminders.';
  return {
    text,
    blocks: [
      { type: 'section', text: md(`${text}\n${hint}`) },
      { type: 'actions', elements: [compileReviewButton(incidentId)] },
    ],
  };
}
