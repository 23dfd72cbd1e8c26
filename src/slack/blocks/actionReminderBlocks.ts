import type { KnownBlock } from '@slack/types';
import type { ActionItemRow, IncidentRow } from '../../db/schema/index.js';
import { dueStanding } from '../../domain/actionItems.js';
import { dueDayText } from '../../domain/dueDate.js';
import { actionItemButton, itemText } from './actionItemBlocks.js';
import { channelLink, incidentRef, md, mention, slackTime } from './format.js';
import { clip, fitBlocks } from './limits.js';

/** The reminder's headline: due today, or overdue by how long. */
function headline(item: ActionItemRow, now: Date): string {
  const standing = dueStanding(item.dueAt, now);
  const day = item.dueAt ? dueDayText(item.dueAt, now) : '';
  if (standing.state === 'overdue') return `:warning: *Action item overdue* by ${standing.days} day${standing.days === 1 ? '' : 's'} (due ${day})`;
  return `:alarm_clock: *Action item due today* (${day})`;
}

/**
 * A reminder, like a page: what is due, from which incident and where it is discussed, and a Done
 * button. Sent to the owner by DM, or to the incident channel when nobody owns the item; once the
 * item is done the same message says who did it and offers Undo.
 */
export function actionReminderMessage(item: ActionItemRow, incident: IncidentRow, now: Date): { text: string; blocks: KnownBlock[] } {
  const where = `From *${incidentRef(incident.id)}* ${clip(incident.title, 300)}${incident.channelId ? ` · ${channelLink(incident.channelId)}` : ''}`;
  const status =
    item.status === 'done'
      ? `:white_check_mark: Done by ${mention(item.doneBy)}${item.doneAt ? ` ${slackTime(item.doneAt)}` : ''}`
      : `${headline(item, now)}${item.owner ? '' : ' · nobody owns it yet'}`;
  const blocks: KnownBlock[] = [
    { type: 'section', text: md(`${status}\n>${item.status === 'done' ? `~${itemText(item.text)}~` : `*${itemText(item.text)}*`}\n${where}`), accessory: actionItemButton(item) },
  ];
  const fallback = item.status === 'done' ? 'Action item done' : dueStanding(item.dueAt, now).state === 'overdue' ? 'Action item overdue' : 'Action item due today';
  return { text: `${fallback} (${incidentRef(incident.id)}): ${itemText(item.text, 200)}`, blocks: fitBlocks(blocks) };
}
