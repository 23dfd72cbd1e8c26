import { eq } from 'drizzle-orm';
import { incidents } from '../db/schema/index.js';
import { stampsForTransition } from '../domain/lifecycleStamps.js';
import { VigilError } from '../shared/errors.js';
import { enqueueEffect } from '../effects/outbox.js';
import { inTransaction, type UseCaseContext } from './context.js';
import { appendTimeline } from './timeline.js';
import { getIncident } from './queries.js';
import { recordAcknowledgement } from './recordAcknowledgement.js';
import { promptUpdate } from './updates/cadence.js';

/**
 * Reopen a resolved incident: back to investigating, `reopenedAt` stamped, the resolution
 * cleared from the row (the timeline keeps it for the review). Escalation is not re-armed: the
 * people who handled it are in the channel; `/incident escalate` brings in more.
 */
export function reopenIncident(ctx: UseCaseContext, input: { incidentId: number; userId: string; reason?: string }): { resolvedAt: Date | null } {
  return inTransaction(ctx, (tx) => {
    const now = ctx.clock.now();
    const incident = getIncident(tx, input.incidentId);
    if (incident.status !== 'resolved') {
      throw new VigilError('conflict', `Incident ${incident.id} is not resolved (it is ${incident.status}); there is nothing to reopen.`);
    }
    const stamps = stampsForTransition('resolved', 'investigating', incident, now);
    // Resolved straight from triggered, nobody ever acknowledged: whoever reopens owns it now.
    const acknowledged = stamps.acknowledgedAt !== undefined;
    tx.update(incidents)
      .set({ status: 'investigating', ...stamps, ...(acknowledged ? { acknowledgedBy: input.userId } : {}), resolvedBy: null, resolution: null, updatedAt: now })
      .where(eq(incidents.id, incident.id))
      .run();
    appendTimeline(tx, incident.id, now, {
      kind: 'incident.reopened',
      actor: input.userId,
      data: {
        reason: input.reason ?? null,
        previousResolvedAt: incident.resolvedAt?.toISOString() ?? null,
        previousResolvedBy: incident.resolvedBy,
        previousResolution: incident.resolution ?? null,
      },
    });
    if (acknowledged) recordAcknowledgement(tx, incident, input.userId, 'reopen', now);
    enqueueEffect(tx, incident.id, 'channel.notice', { notice: 'reopened', data: { by: input.userId, reason: input.reason ?? null } }, now);
    enqueueEffect(tx, incident.id, 'summary.refresh', {}, now);
    enqueueEffect(tx, incident.id, 'channel.topic', {}, now);
    promptUpdate(tx, incident, 'reopened', now);
    return { resolvedAt: incident.resolvedAt };
  });
}
