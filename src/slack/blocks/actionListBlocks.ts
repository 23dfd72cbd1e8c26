import type { KnownBlock } from '@slack/types';
import type { ActionItemRow } from '../../db/schema/index.js';
import { actionItemSection } from './actionItemBlocks.js';
import { incidentRef, md, plain } from './format.js';
import { fitBlocks } from './limits.js';

/** How to add one, said under the list so people find the command where they need it. */
export const ADD_ACTION_HINT = '`/incident action <text> [@owner] [due date]`';

/** The incident channel's one message of action items, edited in place as they are added and done. */
export function actionListMessage(incidentId: number, items: readonly ActionItemRow[], now: Date): { text: string; blocks: KnownBlock[] } {
  const open = items.filter((item) => item.status === 'open').length;
  const done = items.length - open;
  const counts = `${open} open · ${done} done`;
  const blocks: KnownBlock[] = [
    { type: 'header', text: plain(`Action items · ${incidentRef(incidentId)}`, 150) },
    { type: 'context', elements: [md(`${counts} · add one with ${ADD_ACTION_HINT}`)] },
    ...items.map((item) => actionItemSection(item, now)),
  ];
  return { text: `Action items of ${incidentRef(incidentId)}: ${counts}`, blocks: fitBlocks(blocks) };
}
