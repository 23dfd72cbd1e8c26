import type { Executor } from '../db/executor.js';
import { processedSlackEvents } from '../db/schema/index.js';

/**
 * Remember a Slack event id in the caller's transaction; false when it was seen before. Slack
 * resends an event it thinks we missed with the same id, and the change and this record commit
 * together, so a retry changes nothing.
 */
export function firstDeliveryOf(tx: Executor, eventId: string, now: Date): boolean {
  const inserted = tx.insert(processedSlackEvents).values({ eventId, receivedAt: now }).onConflictDoNothing().returning().all();
  return inserted.length > 0;
}
