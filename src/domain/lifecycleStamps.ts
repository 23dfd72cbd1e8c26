import { assertTransition, isAcknowledgedState, type IncidentState } from './lifecycle.js';

/** The lifecycle timestamps an incident keeps for its metrics (MTTA, time to mitigate, MTTR). */
export interface LifecycleStamps {
  acknowledgedAt: Date | null;
  investigatingAt: Date | null;
  mitigatedAt: Date | null;
  reopenedAt: Date | null;
  resolvedAt: Date | null;
}

/**
 * Which stamps change when an incident moves from `from` to `to` at `now` (the move itself is
 * checked first). The rules:
 * - any state after triggered means a person owns it, so leaving triggered stamps the
 *   acknowledgement if nobody did (MTTA counts from the first sign of ownership);
 * - `investigatingAt` is when investigation first began, kept across later returns;
 * - `mitigatedAt` is when the mitigation now in effect began: going back to investigating
 *   (a mitigation or a resolution that did not hold) clears it;
 * - leaving resolved is a reopening: `reopenedAt` is stamped and `resolvedAt` cleared, so an
 *   open incident never carries a resolution time.
 * The timeline keeps every move, so earlier values are never lost to the metrics.
 */
export function stampsForTransition(from: IncidentState, to: IncidentState, current: LifecycleStamps, now: Date): Partial<LifecycleStamps> {
  assertTransition(from, to);
  const changes: Partial<LifecycleStamps> = {};
  if (isAcknowledgedState(to) && current.acknowledgedAt === null) changes.acknowledgedAt = now;
  if (to === 'investigating') {
    if (current.investigatingAt === null) changes.investigatingAt = now;
    if (current.mitigatedAt !== null) changes.mitigatedAt = null;
  }
  if (to === 'mitigated') changes.mitigatedAt = now;
  if (from === 'resolved') {
    changes.reopenedAt = now;
    changes.resolvedAt = null;
  }
  if (to === 'resolved') changes.resolvedAt = now;
  return changes;
}
