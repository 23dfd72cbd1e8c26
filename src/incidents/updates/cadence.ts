// Keeping the promise of the next stakeholder update. Each function runs inside the caller's
// transaction, so the cadence changes exactly when the incident does.

import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/executor.js';
import { stakeholderUpdates, updateCadence, type IncidentRow } from '../../db/schema/index.js';
import { firstUpdateDue } from '../../domain/updateCadence.js';
import { enqueueEffect } from '../../effects/outbox.js';
import type { UseCaseContext } from '../context.js';
import { appendTimeline } from '../timeline.js';

function setCadence(tx: Executor, incidentId: number, nextDueAt: Date | null, reason: string | null): void {
  const fresh = { nextDueAt, reason, lastReminder: null, lastRemindedAt: null, snoozedUntil: null };
  tx.insert(updateCadence)
    .values({ incidentId, ...fresh })
    .onConflictDoUpdate({ target: updateCadence.incidentId, set: fresh })
    .run();
}

/** A new incident: its first update is due per its severity (SEV1 within 5 minutes; SEV4 none). */
export function startCadence(tx: Executor, ctx: UseCaseContext, incident: IncidentRow): void {
  const due = firstUpdateDue(ctx.policy.stakeholders.cadence, incident.severity, incident.declaredAt);
  setCadence(tx, incident.id, due ?? null, due ? 'first update' : null);
}

/** An update was posted: the next is due when it said. */
export function cadenceAfterPost(tx: Executor, incidentId: number, nextUpdateAt: Date | null): void {
  setCadence(tx, incidentId, nextUpdateAt, nextUpdateAt ? 'promised in the last update' : null);
}

/**
 * A change stakeholders should hear about (severity, state, resolution): the comms lead is told
 * at once, with a button to draft it. While open, the update is due now and reminded while
 * overdue; once resolved, this one prompt is all (the clock has stopped).
 */
export function promptUpdate(tx: Executor, incident: IncidentRow, reason: string, now: Date, open = true): void {
  setCadence(tx, incident.id, open ? now : null, reason);
  if (open) tx.update(updateCadence).set({ lastReminder: 'overdue', lastRemindedAt: now }).where(eq(updateCadence.incidentId, incident.id)).run();
  appendTimeline(tx, incident.id, now, { kind: 'update.reminded', actor: 'vigil', data: { reminder: 'prompt', dueAt: now.toISOString(), reason } });
  enqueueEffect(tx, incident.id, 'update.reminder', { reminder: 'prompt', dueAt: null, reason }, now);
}

/**
 * Resolved: stakeholders who heard about it (or would have, on the clock) get the resolution
 * notification; an incident nobody was updated about, of a severity updated on changes only,
 * needs none.
 */
export function promptResolutionNotice(tx: Executor, ctx: UseCaseContext, incident: IncidentRow, now: Date): void {
  const updated = tx.select({ id: stakeholderUpdates.id }).from(stakeholderUpdates).where(and(eq(stakeholderUpdates.incidentId, incident.id), eq(stakeholderUpdates.status, 'posted'))).get();
  if (updated || ctx.policy.stakeholders.cadence.everyMs[incident.severity] !== undefined) {
    promptUpdate(tx, incident, 'resolved: send the resolution notification', now, false);
  } else {
    setCadence(tx, incident.id, null, null);
  }
}
