import { and, asc, desc, eq, exists, ne, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/executor.js';
import { preparedOnce } from '../../db/prepared.js';
import { alerts, incidents, modelDeployments, operatorActions, type ModelDeploymentRow } from '../../db/schema/index.js';
import type { AcceptedAction, Deployment } from '../../domain/modelVersions.js';

export const asDeployment = (row: ModelDeploymentRow): Deployment => ({
  id: row.id,
  model: row.model,
  version: row.version,
  environment: row.environment,
  deployedAt: row.deployedAt,
  by: row.deployedBy,
  artifact: row.artifact,
});

/** Every deployment of a model, oldest first. */
export function deploymentsOf(db: Executor, model: string): ModelDeploymentRow[] {
  return preparedOnce(db, 'deployments.ofModel', (handle) =>
    handle
      .select()
      .from(modelDeployments)
      .where(eq(modelDeployments.model, sql.placeholder('model')))
      .orderBy(asc(modelDeployments.deployedAt), asc(modelDeployments.id))
      .prepare(),
  ).all({ model });
}

export function deploymentById(db: Executor, id: number): ModelDeploymentRow | undefined {
  return db.select().from(modelDeployments).where(eq(modelDeployments.id, id)).get();
}

/** Every deployment, newest first per model (GET /api/models). */
export function allDeployments(db: Executor): ModelDeploymentRow[] {
  return db.select().from(modelDeployments).orderBy(asc(modelDeployments.model), desc(modelDeployments.deployedAt), desc(modelDeployments.id)).all();
}

/** Rollbacks and kill switches the operator's hooks accepted for a model, whichever incident asked. */
export function acceptedActionsOf(db: Executor, model: string): AcceptedAction[] {
  return preparedOnce(db, 'operatorActions.acceptedOfModel', (handle) =>
    handle
      .select()
      .from(operatorActions)
      .where(and(eq(operatorActions.model, sql.placeholder('model')), eq(operatorActions.status, 'accepted')))
      .prepare(),
  )
    .all({ model })
    .map((row) => ({ action: row.action, environment: row.environment, to: row.toVersion, at: row.answeredAt ?? row.confirmedAt, by: row.requestedBy }));
}

/** Open incidents about a model: by the model they were opened for, or an alert of it that joined. */
export function openIncidentsOfModel(db: Executor, model: string): number[] {
  return db
    .select({ id: incidents.id })
    .from(incidents)
    .where(
      and(
        ne(incidents.status, 'resolved'),
        or(eq(incidents.modelName, model), exists(db.select({ one: sql`1` }).from(alerts).where(and(eq(alerts.incidentId, incidents.id), eq(alerts.modelName, model))))),
      ),
    )
    .orderBy(asc(incidents.id))
    .all()
    .map((row) => row.id);
}
