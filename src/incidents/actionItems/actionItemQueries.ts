import { and, asc, eq, gte, or } from 'drizzle-orm';
import type { Executor } from '../../db/executor.js';
import { actionItems, incidents, type ActionItemRow } from '../../db/schema/index.js';
import { VigilError } from '../../shared/errors.js';

export function getActionItem(db: Executor, itemId: number): ActionItemRow {
  const row = db.select().from(actionItems).where(eq(actionItems.id, itemId)).get();
  if (!row) throw new VigilError('not_found', `There is no action item ${itemId}.`);
  return row;
}

/** An incident's items, in the order they were added. */
export function actionItemsOf(db: Executor, incidentId: number): ActionItemRow[] {
  return db.select().from(actionItems).where(eq(actionItems.incidentId, incidentId)).orderBy(asc(actionItems.id)).all();
}

/** An item with what a list across incidents shows of its incident. */
export interface ListedActionItem extends ActionItemRow {
  incident: { id: number; title: string; channelId: string | null; isPrivate: boolean };
}

/**
 * Items across incidents: the open ones, and those done since `doneSince` when given. Private
 * incidents' items are included only for `privateChannel`, the channel of that incident: the
 * people there already see them, nobody else should.
 */
export function listActionItems(db: Executor, options: { doneSince?: Date; privateChannel?: string }): ListedActionItem[] {
  const wanted = options.doneSince
    ? or(eq(actionItems.status, 'open'), and(eq(actionItems.status, 'done'), gte(actionItems.doneAt, options.doneSince)))
    : eq(actionItems.status, 'open');
  const rows = db
    .select({ item: actionItems, incident: { id: incidents.id, title: incidents.title, channelId: incidents.channelId, isPrivate: incidents.isPrivate } })
    .from(actionItems)
    .innerJoin(incidents, eq(incidents.id, actionItems.incidentId))
    .where(wanted)
    .all();
  return rows
    .filter(({ incident }) => !incident.isPrivate || (options.privateChannel !== undefined && incident.channelId === options.privateChannel))
    .map(({ item, incident }) => ({ ...item, incident }));
}
