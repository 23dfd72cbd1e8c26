import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/executor.js';
import { preparedOnce } from '../../db/prepared.js';
import { operatorActions, type OperatorActionRow } from '../../db/schema/index.js';
import type { OperatorActionKind } from '../../domain/operatorActions.js';
import { VigilError } from '../../shared/errors.js';

/** One confirmed request: which incident asked what, of which model, from and to which version. */
export interface ActionTarget {
  incidentId: number;
  action: OperatorActionKind;
  model: string;
  environment: string;
  from: string | null;
  to: string | null;
}

const sameVersion = (column: typeof operatorActions.fromVersion | typeof operatorActions.toVersion, value: string | null) =>
  value === null ? isNull(column) : eq(column, value);

/** The latest request for exactly this (a click on the same button, the same command again). */
export function latestSameRequest(db: Executor, target: ActionTarget): OperatorActionRow | undefined {
  return db
    .select()
    .from(operatorActions)
    .where(
      and(
        eq(operatorActions.incidentId, target.incidentId),
        eq(operatorActions.action, target.action),
        eq(operatorActions.model, target.model),
        eq(operatorActions.environment, target.environment),
        sameVersion(operatorActions.fromVersion, target.from),
        sameVersion(operatorActions.toVersion, target.to),
      ),
    )
    .orderBy(desc(operatorActions.id))
    .get();
}

/** The request of this kind still waiting for the hook's answer in an incident, if any. */
export function pendingActionOf(db: Executor, incidentId: number, action: OperatorActionKind): OperatorActionRow | undefined {
  return db
    .select()
    .from(operatorActions)
    .where(and(eq(operatorActions.incidentId, incidentId), eq(operatorActions.action, action), eq(operatorActions.status, 'pending')))
    .get();
}

export function operatorActionById(db: Executor, id: number): OperatorActionRow {
  const row = db.select().from(operatorActions).where(eq(operatorActions.id, id)).get();
  if (!row) throw new VigilError('not_found', `There is no operator action ${id}.`);
  return row;
}

/** Every rollback and kill switch of an incident, newest first. */
export function operatorActionsOf(db: Executor, incidentId: number): OperatorActionRow[] {
  return preparedOnce(db, 'operatorActions.ofIncident', (handle) =>
    handle.select().from(operatorActions).where(eq(operatorActions.incidentId, sql.placeholder('incidentId'))).orderBy(desc(operatorActions.id)).prepare(),
  ).all({ incidentId });
}
