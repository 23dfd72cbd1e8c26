import type { KnownBlock } from '@slack/types';
import type { ChecklistItemRow } from '../../db/schema/index.js';
import { checklistActionId, encodeChecklistValue } from './actionIds.js';
import { incidentRef, md, mention, plain, slackTime } from './format.js';
import { clip, fitBlocks } from './limits.js';

const SECTION_TITLES: Record<string, string> = {
  triage: '*Triage* (first 15 minutes)',
  containment: '*Containment*',
  runbook: '*Steps*',
};

function itemBlock(incidentId: number, item: ChecklistItemRow, index: number): KnownBlock {
  const done = Boolean(item.doneAt);
  const text = clip(item.text, 2500);
  const line = done
    ? `:white_check_mark: ~${text}~\n_done by ${mention(item.doneBy)} ${slackTime(item.doneAt!)}_`
    : `:white_large_square: ${index}. ${text}`;
  return {
    type: 'section',
    block_id: `item:${item.itemId}`,
    text: md(line),
    accessory: {
      type: 'button',
      action_id: checklistActionId(item.itemId),
      text: plain(done ? 'Undo' : 'Mark done'),
      value: encodeChecklistValue({ incidentId, itemId: item.itemId, done: !done }),
      ...(done ? {} : { style: 'primary' as const }),
    },
  };
}

/**
 * A checklist as one message: a button per item, ticked items struck through with who and when.
 * `intro` (a runbook's symptoms and guidance) goes between the progress line and the items.
 */
export function checklistBlocks(incidentId: number, title: string, items: ChecklistItemRow[], intro: readonly KnownBlock[] = []): KnownBlock[] {
  const doneCount = items.filter((item) => item.doneAt).length;
  const blocks: KnownBlock[] = [
    { type: 'header', text: plain(`${title} · ${incidentRef(incidentId)}`, 150) },
    { type: 'context', elements: [md(`${doneCount} of ${items.length} done`)] },
    ...intro,
  ];
  let section = '';
  items.forEach((item, index) => {
    if (item.section !== section) {
      section = item.section;
      blocks.push({ type: 'section', text: md(SECTION_TITLES[section] ?? `*${clip(section, 200)}*`) });
    }
    blocks.push(itemBlock(incidentId, item, index + 1));
  });
  // At most 50 blocks (a long runbook says how many items are not shown), every text within its limit.
  return fitBlocks(blocks);
}
