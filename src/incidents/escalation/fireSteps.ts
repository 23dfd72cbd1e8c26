import { and, asc, eq, lte } from 'drizzle-orm';
import type { Executor } from '../../db/executor.js';
import { escalationSteps, incidents, type EscalationStepRow, type IncidentRow } from '../../db/schema/index.js';
import { formatDuration } from '../../domain/duration.js';
import { isAcknowledgedState } from '../../domain/lifecycle.js';
import { enqueueEffect } from '../../effects/outbox.js';
import type { UseCaseContext } from '../context.js';
import { inTransaction } from '../context.js';
import { appendTimeline } from '../timeline.js';
import { getIncident } from '../queries.js';
import { notifyOf } from './stepRows.js';
import { refreshHomes } from '../refreshHomes.js';
import { resolveTargets, type PageTargets } from './resolveTargets.js';
import type { NotifyTarget } from '../../domain/escalationPlan.js';
import { pagePagers } from './pagePagers.js';

/**
 * Claim a timer: only the caller whose update moves it from pending gets to page. Two ticks
 * racing (or a restart overlapping the old process) cannot both win.
 */
export function claimStep(tx: Executor, stepId: number, now: Date): boolean {
  const claimed = tx
    .update(escalationSteps)
    .set({ status: 'fired', firedAt: now })
    .where(and(eq(escalationSteps.id, stepId), eq(escalationSteps.status, 'pending')))
    .run();
  return claimed.changes === 1;
}

/** Page people for an incident: a DM each, an invite, a line in the channel, a timeline event. */
export function sendPage(
  tx: Executor,
  incident: IncidentRow,
  targets: PageTargets,
  page: { label: string; reason: string; actor: string; dueAt?: Date },
  now: Date,
): void {
  const unacknowledgedFor = incident.acknowledgedAt ? undefined : formatDuration(now.getTime() - incident.declaredAt.getTime());
  // When the page was due: the step's due time, or now for one asked for by hand. Page delay is measured from it.
  const dueAt = (page.dueAt ?? now).toISOString();
  if (targets.users.length === 0 && targets.usergroups.length === 0 && targets.pagers.length === 0) {
    appendTimeline(tx, incident.id, now, {
      kind: 'page.nobody',
      actor: page.actor,
      data: { step: page.label, target: targets.describe },
    });
    enqueueEffect(tx, incident.id, 'channel.notice', { notice: 'nobody_to_page', data: { step: page.label, target: targets.describe } }, now);
    return;
  }
  for (const userId of targets.users) {
    enqueueEffect(tx, incident.id, 'page.dm', { userId, stepLabel: page.label, reason: page.reason, dueAt }, now);
  }
  for (const usergroup of targets.usergroups) {
    enqueueEffect(tx, incident.id, 'page.usergroup', { usergroup, stepLabel: page.label, reason: page.reason, dueAt }, now);
  }
  pagePagers(tx, incident.id, targets.pagers, { label: page.label, reason: page.reason, dueAt: page.dueAt ?? now }, now);
  if (targets.users.length > 0) enqueueEffect(tx, incident.id, 'channel.invite', { users: targets.users }, now);
  refreshHomes(tx, incident.id, now, targets.users);
  appendTimeline(tx, incident.id, now, {
    kind: 'page.sent',
    actor: page.actor,
    data: {
      step: page.label,
      users: targets.users,
      usergroups: targets.usergroups,
      ...(targets.pagers.length > 0 ? { pagers: targets.pagers } : {}),
      target: targets.describe,
      reason: page.reason,
    },
  });
  enqueueEffect(
    tx,
    incident.id,
    'channel.notice',
    {
      notice: 'page_sent',
      data: {
        step: page.label,
        users: targets.users,
        usergroups: targets.usergroups,
        ...(targets.pagers.length > 0 ? { pagers: targets.pagers } : {}),
        reason: page.reason,
        ...(page.reason === 'manual' ? { requestedBy: page.actor } : {}),
        ...(unacknowledgedFor ? { unacknowledgedFor } : {}),
      },
    },
    now,
  );
}

/** Fire one due step in the caller's transaction; steps made moot by an acknowledgement are cancelled instead. */
function fireStep(tx: Executor, ctx: UseCaseContext, step: EscalationStepRow, now: Date): boolean {
  const incident = getIncident(tx, step.incidentId);
  const state = incident.status;
  const moot = state === 'resolved' || (step.until === 'acknowledged' && isAcknowledgedState(state));
  if (moot) {
    tx.update(escalationSteps).set({ status: 'cancelled', cancelledAt: now }).where(and(eq(escalationSteps.id, step.id), eq(escalationSteps.status, 'pending'))).run();
    return false;
  }
  if (!claimStep(tx, step.id, now)) return false;
  const notify: NotifyTarget = notifyOf(step);
  const targets = resolveTargets(tx, ctx.policy, incident, notify, now);
  const late = now.getTime() - step.dueAt.getTime();
  sendPage(tx, incident, targets, { label: step.label, reason: 'escalation', actor: 'vigil', dueAt: step.dueAt }, now);
  if (late > 60_000) ctx.logger.warn('escalation step fired late', { incidentId: incident.id, step: step.key, lateMs: late });
  return true;
}

/** Fire what is due for one incident, inside the caller's transaction (used right after planning). */
export function fireDueStepsOf(tx: Executor, ctx: UseCaseContext, incidentId: number, now: Date): number {
  const due = tx
    .select()
    .from(escalationSteps)
    .where(and(eq(escalationSteps.incidentId, incidentId), eq(escalationSteps.status, 'pending'), lte(escalationSteps.dueAt, now)))
    .orderBy(asc(escalationSteps.dueAt), asc(escalationSteps.id))
    .all();
  return due.filter((step) => fireStep(tx, ctx, step, now)).length;
}

/**
 * The scheduler's entry point: fire every due step, each in its own transaction with its page,
 * so one bad incident cannot hold back the others. After a restart this fires, once, whatever
 * came due while the process was down.
 */
export function fireDueEscalations(ctx: UseCaseContext): number {
  const now = ctx.clock.now();
  const due = ctx.db
    .select({ id: escalationSteps.id, incidentId: escalationSteps.incidentId })
    .from(escalationSteps)
    .innerJoin(incidents, eq(incidents.id, escalationSteps.incidentId))
    .where(and(eq(escalationSteps.status, 'pending'), lte(escalationSteps.dueAt, now)))
    .orderBy(asc(escalationSteps.dueAt), asc(escalationSteps.id))
    .all();
  let fired = 0;
  for (const { id } of due) {
    try {
      fired += inTransaction(ctx, (tx) => {
        const step = tx.select().from(escalationSteps).where(eq(escalationSteps.id, id)).get();
        return step && step.status === 'pending' ? (fireStep(tx, ctx, step, now) ? 1 : 0) : 0;
      });
    } catch (error) {
      ctx.logger.error('escalation step failed to fire', { stepId: id, error: (error as Error).message });
    }
  }
  return fired;
}
