import { count, eq } from 'drizzle-orm';
import { actionItems, type ActionItemRow } from '../../db/schema/index.js';
import { enqueueEffect } from '../../effects/outbox.js';
import { VigilError } from '../../shared/errors.js';
import { inTransaction, type UseCaseContext } from '../context.js';
import { getIncident } from '../queries.js';
import { appendTimeline } from '../timeline.js';

/** One line of work, readable in a list and in a review's table; a longer story belongs in a ticket. */
export const MAX_ACTION_TEXT_LENGTH = 500;

export interface NewActionItem {
  incidentId: number;
  /** Who added it. */
  userId: string;
  text: string;
  owner: string | null;
  /** Midnight UTC of the due day (see domain/dueDate.ts), or none. */
  dueAt: Date | null;
}

/**
 * Add follow-up work to an incident, open or resolved (most items are found in the review). The
 * channel's list of items is posted or refreshed; from the second item on, the channel is also
 * told in a line, since an edit far up the channel reaches nobody.
 */
export function addActionItem(ctx: UseCaseContext, input: NewActionItem): ActionItemRow {
  const text = input.text.trim();
  if (text === '') throw new VigilError('invalid_input', 'An action item needs some text: what should be done?');
  if (text.length > MAX_ACTION_TEXT_LENGTH) {
    throw new VigilError('invalid_input', `An action item is at most ${MAX_ACTION_TEXT_LENGTH} characters (this one has ${text.length}); link a ticket for the details.`);
  }
  return inTransaction(ctx, (tx) => {
    const now = ctx.clock.now();
    const incident = getIncident(tx, input.incidentId);
    const before = tx.select({ n: count() }).from(actionItems).where(eq(actionItems.incidentId, incident.id)).get()?.n ?? 0;
    const item = tx
      .insert(actionItems)
      .values({ incidentId: incident.id, text, owner: input.owner, dueAt: input.dueAt, createdBy: input.userId, createdAt: now })
      .returning()
      .get();
    const dueAt = item.dueAt?.toISOString() ?? null;
    appendTimeline(tx, incident.id, now, { kind: 'action.added', actor: input.userId, data: { itemId: item.id, text, owner: item.owner, dueAt } });
    enqueueEffect(tx, incident.id, 'actions.list', {}, now);
    if (before > 0) {
      enqueueEffect(tx, incident.id, 'channel.notice', { notice: 'action_added', data: { by: input.userId, itemId: item.id, text, owner: item.owner, dueAt } }, now);
    }
    return item;
  });
}
