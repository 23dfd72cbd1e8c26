// The `/incident` subcommands for follow-up work: add an action item, list them across incidents.

import type { KnownBlock } from '@slack/types';
import { orderForPerson } from '../../domain/actionItems.js';
import { DUE_DATE_FORMS } from '../../domain/dueDate.js';
import { addActionItem } from '../../incidents/actionItems/addActionItem.js';
import { listActionItems } from '../../incidents/actionItems/actionItemQueries.js';
import type { UseCaseContext } from '../../incidents/context.js';
import { dueText, itemText } from '../blocks/actionItemBlocks.js';
import type { ActionItemValue } from '../blocks/actionIds.js';
import { incidentRef, mention } from '../blocks/format.js';
import { myActionsMessage } from '../blocks/myActionsBlocks.js';
import { parseActionItemText } from '../interaction/actionItemText.js';
import { words } from '../interaction/commandText.js';
import { UsageError } from '../replies.js';
import type { Subcommand } from './subcommand.js';

const ACTION_USAGE = '/incident action <text> [@owner] [due date]';
const ACTION_EXAMPLE = '/incident action Alert on PSI of the fraud features @ana friday';
/** Done items stay on `/incident actions all` this long, so a mistaken click can be undone from there. */
const RECENTLY_DONE_MS = 7 * 24 * 3600_000;

export const actionSubcommand: Subcommand = {
  name: 'action',
  usage: ACTION_USAGE,
  example: ACTION_EXAMPLE,
  description: `Add an action item (follow-up work), with its owner and due date at the end (${DUE_DATE_FORMS}); the owner is reminded when it is due`,
  needsIncident: true,
  run: (request, deps) => {
    const now = deps.ctx.clock.now();
    const parsed = parseActionItemText(request.args, now);
    if ('problem' in parsed) throw new UsageError(parsed.problem, ACTION_USAGE, ACTION_EXAMPLE);
    const incidentId = request.incident!.id;
    const item = addActionItem(deps.ctx, { incidentId, userId: request.userId, ...parsed });
    const owner = item.owner ? `owner ${mention(item.owner)}` : 'no owner';
    const due = dueText(item.dueAt, now) ?? 'no due date, so no reminders';
    return { text: `:clipboard: Added to the action items of ${incidentRef(incidentId)}: *${itemText(item.text)}*\n${owner} · ${due}` };
  },
};

/** `/incident actions` as an ephemeral list for this person in this channel; a Done click re-renders it. */
export function actionsListReply(ctx: UseCaseContext, userId: string, channelId: string, list: NonNullable<ActionItemValue['list']>): { text: string; blocks: KnownBlock[] } {
  const now = ctx.clock.now();
  const items = listActionItems(ctx.db, { privateChannel: channelId, ...(list === 'all' ? { doneSince: new Date(now.getTime() - RECENTLY_DONE_MS) } : {}) });
  return myActionsMessage(orderForPerson(items, userId), userId, now, list);
}

const ACTIONS_USAGE = '/incident actions [all]';

export const actionsSubcommand: Subcommand = {
  name: 'actions',
  usage: ACTIONS_USAGE,
  example: '/incident actions',
  description: 'Open action items across incidents, yours first, then by due date, with Done buttons (`all`: also those done in the last 7 days)',
  needsIncident: false,
  run: (request, deps) => {
    const [scope, ...extra] = words(request.args).map((w) => w.toLowerCase());
    if (extra.length > 0 || (scope !== undefined && scope !== 'all')) {
      throw new UsageError('`/incident actions` takes nothing, or `all`.', ACTIONS_USAGE, '/incident actions all');
    }
    return actionsListReply(deps.ctx, request.userId, request.channelId, scope === 'all' ? 'all' : 'open');
  },
};
