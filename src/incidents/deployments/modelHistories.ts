import type { Executor } from '../../db/executor.js';
import type { ModelDeploymentRow } from '../../db/schema/index.js';
import { liveNow } from '../../domain/modelVersions.js';
import { acceptedActionsOf, allDeployments, asDeployment } from './deploymentQueries.js';

const deploymentJson = (row: ModelDeploymentRow) => ({
  id: row.id,
  version: row.version,
  environment: row.environment,
  deployedAt: row.deployedAt.toISOString(),
  by: row.deployedBy,
  artifact: row.artifact,
  notes: row.notes,
  source: row.source,
  receivedAt: row.receivedAt.toISOString(),
});

/** Each model's version history as the API answers it: live per environment, then every deployment, newest first. */
export function modelHistories(db: Executor, only?: string) {
  const byModel = new Map<string, ModelDeploymentRow[]>();
  for (const row of allDeployments(db)) {
    if (only !== undefined && row.model !== only) continue;
    byModel.set(row.model, [...(byModel.get(row.model) ?? []), row]);
  }
  return [...byModel].map(([model, rows]) => {
    const accepted = acceptedActionsOf(db, model);
    const environments = [...new Set(rows.map((r) => r.environment))].sort();
    const live = environments.map((environment) => {
      const history = rows.filter((r) => r.environment === environment).map(asDeployment).reverse();
      const now = liveNow(history, accepted, environment);
      return { environment, version: now.version, via: now.via, since: now.at?.toISOString() ?? null, by: now.by, artifact: now.deployment?.artifact ?? null };
    });
    return { model, live, deployments: rows.map(deploymentJson) };
  });
}
