import { and, eq } from 'drizzle-orm';
import { incidentRoles } from '../db/schema/index.js';
import { ROLE_TITLES, type IncidentRole } from '../domain/roles.js';
import { VigilError } from '../shared/errors.js';
import { enqueueEffect } from '../effects/outbox.js';
import { inTransaction, type UseCaseContext } from './context.js';
import { appendTimeline } from './timeline.js';
import { refreshHomes } from './refreshHomes.js';
import { getIncident } from './queries.js';

export interface RoleAssignment {
  incidentId: number;
  role: IncidentRole;
  /** Who gets the role. */
  userId: string;
  /** Who asked: the same person when they take a role themselves. */
  by: string;
  /**
   * A "Take commander" button only claims a free role: two people clicking on the same summary,
   * the second must not silently replace the first. Naming someone with the command does replace.
   */
  onlyIfVacant?: boolean;
}

export type AssignRoleResult = { changed: true; previous: string | null } | { changed: false };

/** Give a role to one person; a role has one holder, so this replaces any other and records both. */
export function assignRole(ctx: UseCaseContext, assignment: RoleAssignment): AssignRoleResult {
  return inTransaction(ctx, (tx) => {
    const now = ctx.clock.now();
    const incident = getIncident(tx, assignment.incidentId);
    if (incident.status === 'resolved') throw new VigilError('invalid_transition', `Incident ${incident.id} is resolved; reopen it first.`);
    const title = ROLE_TITLES[assignment.role];
    const current = tx
      .select()
      .from(incidentRoles)
      .where(and(eq(incidentRoles.incidentId, incident.id), eq(incidentRoles.role, assignment.role)))
      .get();
    if (current?.userId === assignment.userId) return { changed: false };
    if (current && assignment.onlyIfVacant) {
      throw new VigilError('conflict', `Someone else already holds the ${title} role; to take over, assign it to yourself.`, undefined, {
        reason: 'role_held',
        role: assignment.role,
        roleTitle: title,
        holder: current.userId,
      });
    }
    tx.insert(incidentRoles)
      .values({ incidentId: incident.id, role: assignment.role, userId: assignment.userId, assignedBy: assignment.by, assignedAt: now })
      .onConflictDoUpdate({
        target: [incidentRoles.incidentId, incidentRoles.role],
        set: { userId: assignment.userId, assignedBy: assignment.by, assignedAt: now },
      })
      .run();
    const previous = current?.userId ?? null;
    // The new holder's Home gains the role; a replaced holder's loses it.
    refreshHomes(tx, incident.id, now, previous ? [previous] : []);
    appendTimeline(tx, incident.id, now, {
      kind: 'role.assigned',
      actor: assignment.by,
      data: { role: assignment.role, userId: assignment.userId, previous, by: assignment.by },
    });
    enqueueEffect(tx, incident.id, 'channel.notice', { notice: 'role_assigned', data: { role: assignment.role, userId: assignment.userId, previous, by: assignment.by } }, now);
    // Someone named for a role may not be in the channel yet; inviting a member is a no-op.
    if (assignment.userId !== assignment.by) enqueueEffect(tx, incident.id, 'channel.invite', { users: [assignment.userId] }, now);
    enqueueEffect(tx, incident.id, 'summary.refresh', {}, now);
    return { changed: true, previous };
  });
}
