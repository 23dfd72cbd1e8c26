import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/executor.js';
import { modelDeployments } from '../../db/schema/index.js';
import { enqueueEffect } from '../../effects/outbox.js';
import type { UseCaseContext } from '../context.js';
import { appendTimeline } from '../timeline.js';
import type { Deployment } from '../../domain/modelVersions.js';
import { openIncidentsOfModel } from './deploymentQueries.js';

/** A deployment as CI/CD or a registry reported it (the domain's Deployment before it has an id), and the source that did. */
export interface DeploymentReport extends Omit<Deployment, 'id'> {
  notes: string | null;
  /** The configured source (policy `sources[].name`). */
  source: string;
  /** The body as received. */
  raw: unknown;
}

export interface DeploymentRecorded {
  deploymentId: number;
  /** The same deployment (model, environment, version, time) was reported before: nothing new. */
  duplicate: boolean;
  /** Open incidents about the model, told in their channel. */
  incidentIds: number[];
}

/**
 * Keep a deployment in the model's history, inside the caller's transaction (the webhook's group
 * commit). Every open incident about the model hears of it in its channel and on its timeline, and
 * its summary shows the versions again. A sender's retry of the same deployment changes nothing.
 */
export function recordDeployment(tx: Executor, ctx: UseCaseContext, report: DeploymentReport): DeploymentRecorded {
  const now = ctx.clock.now();
  const inserted = tx
    .insert(modelDeployments)
    .values({
      model: report.model,
      version: report.version,
      environment: report.environment,
      deployedAt: report.deployedAt,
      deployedBy: report.by,
      artifact: report.artifact,
      notes: report.notes,
      source: report.source,
      receivedAt: now,
      raw: report.raw,
    })
    .onConflictDoNothing()
    .returning({ id: modelDeployments.id })
    .get();
  if (!inserted) {
    const same = tx
      .select({ id: modelDeployments.id })
      .from(modelDeployments)
      .where(
        and(
          eq(modelDeployments.model, report.model),
          eq(modelDeployments.environment, report.environment),
          eq(modelDeployments.version, report.version),
          eq(modelDeployments.deployedAt, report.deployedAt),
        ),
      )
      .get();
    return { deploymentId: same!.id, duplicate: true, incidentIds: [] };
  }
  const incidentIds = openIncidentsOfModel(tx, report.model);
  for (const incidentId of incidentIds) {
    appendTimeline(tx, incidentId, now, {
      kind: 'deployment.recorded',
      actor: report.source,
      source: 'api',
      data: {
        deploymentId: inserted.id,
        model: report.model,
        version: report.version,
        environment: report.environment,
        deployedAt: report.deployedAt.toISOString(),
        by: report.by,
        artifact: report.artifact,
      },
    });
    enqueueEffect(tx, incidentId, 'deployment.notice', { deploymentId: inserted.id }, now);
    enqueueEffect(tx, incidentId, 'summary.refresh', {}, now);
  }
  return { deploymentId: inserted.id, duplicate: false, incidentIds };
}
