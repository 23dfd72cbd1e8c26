import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/executor.js';
import { stakeholderUpdates, type StakeholderUpdateRow } from '../../db/schema/index.js';
import { isPermitted } from '../../domain/permissions.js';
import { enqueueEffect } from '../../effects/outbox.js';
import { VigilError } from '../../shared/errors.js';
import { inTransaction, type UseCaseContext } from '../context.js';
import { rolesOf } from '../readModel.js';
import type { Actor } from '../requirePermission.js';
import { appendTimeline } from '../timeline.js';
import { cadenceAfterPost } from './cadence.js';
import { getUpdate } from './updateQueries.js';

export type SendOutcome =
  | { outcome: 'posted'; channel: string | null }
  | { outcome: 'awaiting_approval' }
  /** Approved (or sent) before: nothing was posted again. */
  | { outcome: 'already_posted'; approvedBy: string | null };

export const audienceChannel = (ctx: UseCaseContext, update: StakeholderUpdateRow): string | null => ctx.policy.stakeholders.audiences[update.audience].channel ?? null;

/** Post it: the audience's channel (and the incident channel when asked, or when the audience has none). */
function post(tx: Executor, ctx: UseCaseContext, update: StakeholderUpdateRow, approver: string | null, now: Date): SendOutcome {
  const channel = audienceChannel(ctx, update);
  tx.update(stakeholderUpdates).set({ status: 'posted', postedAt: now, approvedBy: approver, updatedAt: now }).where(eq(stakeholderUpdates.id, update.id)).run();
  appendTimeline(tx, update.incidentId, now, {
    kind: 'update.posted',
    actor: approver ?? update.author,
    data: {
      updateId: update.id,
      audience: update.audience,
      moment: update.moment,
      state: update.state,
      impact: update.impact,
      author: update.author,
      approver,
      channel,
      nextUpdateAt: update.nextUpdateAt?.toISOString() ?? null,
      text: update.slackText,
    },
  });
  if (channel) enqueueEffect(tx, update.incidentId, 'update.post', { updateId: update.id, channel }, now);
  if (!channel || update.alsoInIncidentChannel) enqueueEffect(tx, update.incidentId, 'update.post', { updateId: update.id, channel: null }, now);
  cadenceAfterPost(tx, update.incidentId, update.moment === 'resolution' ? null : update.nextUpdateAt);
  enqueueEffect(tx, update.incidentId, 'summary.refresh', {}, now);
  return { outcome: 'posted', channel };
}

/**
 * Send a previewed draft: posted at once, or, for an audience that needs approval, shown in the
 * incident channel with Approve and Edit buttons. Only approval sends those.
 */
export function sendUpdate(ctx: UseCaseContext, input: { updateId: number; actor: string }): SendOutcome {
  return inTransaction(ctx, (tx) => {
    const now = ctx.clock.now();
    const update = getUpdate(tx, input.updateId);
    if (update.status === 'posted') return { outcome: 'already_posted', approvedBy: update.approvedBy };
    if (update.status === 'awaiting_approval') return { outcome: 'awaiting_approval' };
    if (ctx.policy.stakeholders.audiences[update.audience].approval === 'none') return post(tx, ctx, update, null, now);
    tx.update(stakeholderUpdates).set({ status: 'awaiting_approval', updatedAt: now }).where(eq(stakeholderUpdates.id, update.id)).run();
    appendTimeline(tx, update.incidentId, now, { kind: 'update.approval_requested', actor: input.actor, data: { updateId: update.id, audience: update.audience, author: update.author } });
    enqueueEffect(tx, update.incidentId, 'update.approval', { updateId: update.id, channel: audienceChannel(ctx, update) }, now);
    return { outcome: 'awaiting_approval' };
  });
}

/**
 * Approve an update that waits for it, and so post it. The incident's commander approves, or
 * anyone the policy's `permissions.approveUpdates` names. A second click (or a second person)
 * finds it posted and posts nothing.
 */
export function approveUpdate(ctx: UseCaseContext, input: { updateId: number; actor: Actor }): SendOutcome {
  const pending = getUpdate(ctx.db, input.updateId);
  const commander = rolesOf(ctx.db, pending.incidentId).find((r) => r.role === 'commander')?.userId;
  if (input.actor.userId !== commander && !isPermitted(ctx.policy.permissions.approveUpdates, input.actor.userId, input.actor.groups)) {
    // Written down in its own transaction, so the record survives the refusal.
    inTransaction(ctx, (tx) =>
      appendTimeline(tx, pending.incidentId, ctx.clock.now(), { kind: 'permission.refused', actor: input.actor.userId, data: { permission: 'approveUpdates' } }),
    );
    throw new VigilError('forbidden', 'Only the incident commander approves this update.', undefined, { reason: 'commander_approves', commander: commander ?? null });
  }
  return inTransaction(ctx, (tx) => {
    const now = ctx.clock.now();
    const update = getUpdate(tx, input.updateId);
    if (update.status === 'posted') return { outcome: 'already_posted', approvedBy: update.approvedBy };
    if (update.status === 'draft') throw new VigilError('conflict', 'This update is being edited; approve the new draft when it is sent.');
    const sent = post(tx, ctx, update, input.actor.userId, now);
    enqueueEffect(tx, update.incidentId, 'update.approval_refresh', { updateId: update.id, channel: audienceChannel(ctx, update) }, now);
    return sent;
  });
}
