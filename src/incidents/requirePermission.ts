import type { Permission } from '../config/policy.js';
import { isPermitted } from '../domain/permissions.js';
import { VigilError } from '../shared/errors.js';
import { inTransaction, type UseCaseContext } from './context.js';
import { appendTimeline } from './timeline.js';

export interface Actor {
  userId: string;
  /** User groups the person is in, when the surface knows them. */
  groups?: string[];
}

/** What each guarded action is, in words ("You may not resolve incidents"). */
export const PERMISSION_WORDS: Record<Permission, string> = {
  declareSev1: 'declare a SEV1 incident',
  resolve: 'resolve incidents',
  changeSeverity: 'change severity',
  rollback: 'roll back models',
  approveUpdates: 'approve stakeholder updates',
};

/**
 * Check a guarded action before its use case runs. A refusal is written down (its own small
 * transaction, so the record survives the error) and then thrown for the surface to explain.
 */
export function requirePermission(ctx: UseCaseContext, permission: Permission, actor: Actor, incidentId?: number): void {
  if (isPermitted(ctx.policy.permissions[permission], actor.userId, actor.groups)) return;
  ctx.logger.warn('permission refused', { permission, userId: actor.userId, incidentId });
  if (incidentId !== undefined) {
    inTransaction(ctx, (tx) =>
      appendTimeline(tx, incidentId, ctx.clock.now(), {
        kind: 'permission.refused',
        actor: actor.userId,
        data: { permission },
      }),
    );
  }
  const action = PERMISSION_WORDS[permission];
  throw new VigilError('forbidden', `You may not ${action}: the policy file's permissions.${permission} does not include you. Ask an incident lead.`, undefined, {
    reason: 'not_permitted',
    permission,
    action,
  });
}
