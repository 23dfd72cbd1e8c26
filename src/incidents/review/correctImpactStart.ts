import type { Executor } from '../../db/executor.js';
import type { IncidentRow } from '../../db/schema/index.js';
import { VigilError } from '../../shared/errors.js';
import { inTransaction, type UseCaseContext } from '../context.js';
import { getIncident } from '../queries.js';
import { appendTimeline } from '../timeline.js';
import { keyTimesOf } from './keyTimes.js';

// A person's clock may run a little ahead of ours; a time just past "now" is a rounding, not a typo.
const FUTURE_TOLERANCE_MS = 5 * 60_000;

/**
 * Record when users really started to be affected, inside the caller's transaction. The
 * earliest alert's startedAt is only a default: the people who investigated often know better
 * (the bad deploy went out an hour before the detector noticed).
 */
export function applyImpactStart(tx: Executor, incident: IncidentRow, at: Date, actor: string, reason: string | null, now: Date): void {
  if (at.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
    throw new VigilError('invalid_input', 'Impact cannot start in the future; give the time users were first affected.', 'impactStartedAt');
  }
  const previous = keyTimesOf(tx, incident).impactStartedAt;
  appendTimeline(tx, incident.id, now, { kind: 'impact.started', actor, data: { at: at.toISOString(), previous: previous?.toISOString() ?? null, reason, via: 'correction' } });
}

/** `/incident impact-start <time>`: correct the impact start (TTD, TTM and TTR are measured from it). */
export function correctImpactStart(ctx: UseCaseContext, input: { incidentId: number; at: Date; userId: string; reason?: string }): { previous: Date | undefined } {
  return inTransaction(ctx, (tx) => {
    const incident = getIncident(tx, input.incidentId);
    const previous = keyTimesOf(tx, incident).impactStartedAt;
    applyImpactStart(tx, incident, input.at, input.userId, input.reason ?? null, ctx.clock.now());
    return { previous };
  });
}
