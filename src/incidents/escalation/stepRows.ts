import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/executor.js';
import { escalationSteps, type EscalationStepRow, type IncidentRow } from '../../db/schema/index.js';
import type { EscalationPolicy, NotifyTarget, PlannedStep } from '../../domain/escalationPlan.js';

/** The escalation policies snapshotted on the incident when it was declared. */
export const incidentPolicies = (incident: IncidentRow): Record<string, EscalationPolicy> => incident.escalationPolicy;

export function firedKeys(db: Executor, incidentId: number): Set<string> {
  const rows = db
    .select({ key: escalationSteps.key })
    .from(escalationSteps)
    .where(and(eq(escalationSteps.incidentId, incidentId), eq(escalationSteps.status, 'fired')))
    .all();
  return new Set(rows.map((row) => row.key));
}

/** Store planned steps as timers; a key already stored (fired, cancelled or pending) is left alone. */
export function insertPlannedSteps(tx: Executor, incidentId: number, plan: PlannedStep[]): void {
  for (const step of plan) {
    tx.insert(escalationSteps)
      .values({ incidentId, key: step.key, label: step.label, dueAt: step.dueAt, notify: step.notify, until: step.until })
      .onConflictDoUpdate({
        target: [escalationSteps.incidentId, escalationSteps.key],
        set: { dueAt: step.dueAt, status: 'pending', cancelledAt: null },
        // Only a cancelled or pending timer may be re-armed; a fired step is never paged again.
        setWhere: inArray(escalationSteps.status, ['pending', 'cancelled']),
      })
      .run();
  }
}

/** Cancel pending steps: all of them, or those that stop at the given event. */
export function cancelPendingSteps(tx: Executor, incidentId: number, now: Date, only?: 'acknowledged'): EscalationStepRow[] {
  const conditions = [eq(escalationSteps.incidentId, incidentId), eq(escalationSteps.status, 'pending')];
  if (only) conditions.push(eq(escalationSteps.until, only));
  return tx.update(escalationSteps).set({ status: 'cancelled', cancelledAt: now }).where(and(...conditions)).returning().all();
}

export const notifyOf = (row: EscalationStepRow): NotifyTarget => row.notify;
