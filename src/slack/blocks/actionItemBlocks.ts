import type { KnownBlock, SectionBlock } from '@slack/types';
import type { ActionItemRow } from '../../db/schema/index.js';
import { dueStanding } from '../../domain/actionItems.js';
import { dueDayText } from '../../domain/dueDate.js';
import { truncate } from '../format/mrkdwn.js';
import { escapeKeepingMentions } from '../format/slackText.js';
import { actionItemActionId, encodeActionItemValue, type ActionItemValue } from './actionIds.js';
import { md, mention, plain, slackTime } from './format.js';

// An action item as one line with its Done (or Undo) button: the same in the incident channel's
// list, in `/incident actions` and in a reminder, so people learn one shape.

/** A person's words (mentions kept working, nothing else is markup), cut for one line. */
export const itemText = (text: string, max = 600): string => escapeKeepingMentions(truncate(text, max));

/** "due Tue 24 Nov", "*due today*", ":warning: *overdue* 2 days (due Mon 23 Nov)", or nothing. */
export function dueText(dueAt: Date | null, now: Date): string | undefined {
  const standing = dueStanding(dueAt, now);
  if (!dueAt || standing.state === 'none') return undefined;
  const day = dueDayText(dueAt, now);
  switch (standing.state) {
    case 'upcoming':
      return standing.inDays === 1 ? `due tomorrow (${day})` : `due ${day}`;
    case 'today':
      return `*due today* (${day})`;
    case 'overdue':
      return `:warning: *overdue* ${standing.days} day${standing.days === 1 ? '' : 's'} (due ${day})`;
  }
}

/** The item's line: text, owner and due day while open; who did it and when once done. */
export function actionItemLine(item: ActionItemRow, now: Date): string {
  if (item.status === 'done') {
    const when = item.doneAt ? ` ${slackTime(item.doneAt)}` : '';
    return `:white_check_mark: ~${itemText(item.text)}~\n_done by ${mention(item.doneBy)}${when}_`;
  }
  const details = [item.owner ? `owner ${mention(item.owner)}` : '_no owner_', dueText(item.dueAt, now)].filter(Boolean).join(' · ');
  return `:white_large_square: *${itemText(item.text)}*\n${details}`;
}

/** The Done button of an open item, the Undo button of a done one. */
export function actionItemButton(item: ActionItemRow, list?: ActionItemValue['list']): NonNullable<SectionBlock['accessory']> {
  const done = item.status === 'done';
  return {
    type: 'button',
    action_id: actionItemActionId(item.id),
    text: plain(done ? 'Undo' : 'Done'),
    value: encodeActionItemValue({ itemId: item.id, done: !done, ...(list ? { list } : {}) }),
    ...(done ? {} : { style: 'primary' as const }),
  };
}

/** One item as a section with its button; `prefix` says where it is from in a list across incidents. */
export function actionItemSection(item: ActionItemRow, now: Date, options: { prefix?: string; list?: ActionItemValue['list'] } = {}): KnownBlock {
  return {
    type: 'section',
    block_id: `action-item:${item.id}`,
    text: md(`${options.prefix ?? ''}${actionItemLine(item, now)}`),
    accessory: actionItemButton(item, options.list),
  };
}
