import { eq } from 'drizzle-orm';
import type { Executor } from '../db/executor.js';
import { incidents } from '../db/schema/index.js';
import { assertTransition } from '../domain/lifecycle.js';
import { enqueueEffect } from '../effects/outbox.js';
import { inTransaction, type UseCaseContext } from './context.js';
import { getIncident } from './queries.js';
import { recordAcknowledgement } from './recordAcknowledgement.js';

export type AcknowledgeResult =
  | { acknowledged: true; at: Date }
  | { acknowledged: false; by: string; at: Date };

/**
 * The first acknowledgement records who and when (MTTA) and stops the "until acknowledged"
 * steps. Later ones change nothing; they learn who was first. Serialised by the transaction,
 * so two people clicking at once record exactly one.
 */
export function acknowledgeIncident(ctx: UseCaseContext, input: AcknowledgeInput): AcknowledgeResult {
  return inTransaction(ctx, (tx) => acknowledgeIn(tx, ctx, input));
}

export interface AcknowledgeInput {
  incidentId: number;
  /** A person's id, or the name of the alert source that acknowledged (PagerDuty's `acknowledge`). */
  userId: string;
  via: string;
}

/** The same, in a transaction the caller holds: a webhook's acknowledgement is stored in its group commit. */
export function acknowledgeIn(tx: Executor, ctx: UseCaseContext, input: AcknowledgeInput): AcknowledgeResult {
  const now = ctx.clock.now();
  const incident = getIncident(tx, input.incidentId);
  if (incident.acknowledgedAt) {
    return { acknowledged: false, by: incident.acknowledgedBy ?? 'someone', at: incident.acknowledgedAt };
  }
  assertTransition(incident.status, 'acknowledged');
  tx.update(incidents)
    .set({ status: 'acknowledged', acknowledgedAt: now, acknowledgedBy: input.userId, updatedAt: now })
    .where(eq(incidents.id, incident.id))
    .run();
  recordAcknowledgement(tx, incident, input.userId, input.via, now);
  enqueueEffect(tx, incident.id, 'channel.notice', { notice: 'acknowledged', data: {} }, now);
  enqueueEffect(tx, incident.id, 'summary.refresh', {}, now);
  enqueueEffect(tx, incident.id, 'channel.topic', {}, now);
  return { acknowledged: true, at: now };
}
