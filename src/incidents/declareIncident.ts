import type { IncidentRow } from '../db/schema/index.js';
import type { Category, ModelRef, Severity } from '../domain/types.js';
import { enqueueEffect } from '../effects/outbox.js';
import { VigilError } from '../shared/errors.js';
import { inTransaction, type UseCaseContext } from './context.js';
import { openIncident } from './openIncident.js';
import { requirePermission, type Actor } from './requirePermission.js';

export interface Declaration {
  title: string;
  description?: string;
  severity: Severity;
  category: Category;
  model?: ModelRef;
  customerImpact?: boolean;
  isPrivate: boolean;
  actor: Actor;
  /** Where the person declared it (a channel id); the confirmation goes there. */
  origin: string;
}

/**
 * `/incident declare`: a person opens an incident exactly as a webhook would (channel, invite,
 * summary, checklist, paging), and is invited too, since a private channel is otherwise closed
 * to the very person who asked for it; then they are told where it lives.
 */
export function declareIncident(ctx: UseCaseContext, input: Declaration): IncidentRow {
  if (input.severity === 'SEV1') requireSev1(ctx, input.actor);
  return inTransaction(ctx, (tx) => {
    const now = ctx.clock.now();
    const incident = openIncident(
      tx,
      ctx,
      {
        title: input.title,
        ...(input.description ? { description: input.description } : {}),
        severity: input.severity,
        category: input.category,
        reasons: ['declared by a person'],
        ...(input.model ? { model: input.model } : {}),
        declaredBy: input.actor.userId,
        isPrivate: input.isPrivate,
        ...(input.customerImpact !== undefined ? { customerImpact: input.customerImpact } : {}),
      },
      now,
    );
    enqueueEffect(tx, incident.id, 'channel.invite', { users: [input.actor.userId] }, now);
    // Queued behind the channel's creation in the incident's lane, so it can link the channel.
    enqueueEffect(tx, incident.id, 'declare.confirm', { userId: input.actor.userId, origin: input.origin }, now);
    return incident;
  });
}

/** There is no incident yet to log the refusal on; requirePermission logs it, and the form shows it by the severity field. */
function requireSev1(ctx: UseCaseContext, actor: Actor): void {
  try {
    requirePermission(ctx, 'declareSev1', actor);
  } catch (error) {
    if (error instanceof VigilError) {
      const advice = 'Choose SEV2 or lower, or ask an incident lead to declare it.';
      throw new VigilError(error.code, `${error.message} ${advice}`, 'severity', error.detail?.reason === 'not_permitted' ? { ...error.detail, advice } : error.detail);
    }
    throw error;
  }
}
