import type { KnownBlock } from '@slack/types';
import type { ListedActionItem } from '../../incidents/actionItems/actionItemQueries.js';
import { actionItemSection } from './actionItemBlocks.js';
import type { ActionItemValue } from './actionIds.js';
import { ADD_ACTION_HINT } from './actionListBlocks.js';
import { channelLink, incidentRef, md } from './format.js';
import { fitBlocks } from './limits.js';

/** Items shown at once: Slack allows 50 blocks, and a longer list is read no further anyway. */
const MAX_SHOWN = 40;

/** Where an item is from: the incident and its channel. */
const origin = (item: ListedActionItem): string =>
  `*${incidentRef(item.incident.id)}*${item.incident.channelId ? ` ${channelLink(item.incident.channelId)}` : ''} · `;

/**
 * `/incident actions`: the person's own items, then everyone else's, as ordered by the caller
 * (orderForPerson), each with its incident and a Done or Undo button that re-renders this list.
 */
export function myActionsMessage(items: readonly ListedActionItem[], userId: string, now: Date, list: NonNullable<ActionItemValue['list']>): { text: string; blocks: KnownBlock[] } {
  const what = list === 'all' ? 'Action items, open and done in the last 7 days' : 'Open action items';
  if (items.length === 0) {
    const text = `${what}: none. Add one in an incident channel with ${ADD_ACTION_HINT}.`;
    return { text, blocks: [{ type: 'section', text: md(text) }] };
  }
  const mine = items.filter((item) => item.owner === userId);
  const others = items.filter((item) => item.owner !== userId);
  const blocks: KnownBlock[] = [{ type: 'section', text: md(`*${what}* (${items.length})`) }];
  let shown = 0;
  for (const [title, group] of [
    ['*Yours*', mine],
    ['*Everyone else’s*', others],
  ] as const) {
    if (group.length === 0 || shown >= MAX_SHOWN) continue;
    blocks.push({ type: 'section', text: md(title) });
    for (const item of group.slice(0, MAX_SHOWN - shown)) blocks.push(actionItemSection(item, now, { prefix: origin(item), list }));
    shown += Math.min(group.length, MAX_SHOWN - shown);
  }
  if (shown < items.length) blocks.push({ type: 'context', elements: [md(`…and ${items.length - shown} more, due later.`)] });
  const open = items.filter((item) => item.status === 'open').length;
  return { text: `${what}: ${open} open, ${mine.length} yours`, blocks: fitBlocks(blocks) };
}
