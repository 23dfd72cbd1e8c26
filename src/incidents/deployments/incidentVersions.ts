import type { Executor } from '../../db/executor.js';
import type { AlertRow, IncidentRow } from '../../db/schema/index.js';
import { versionFacts, type VersionFacts } from '../../domain/modelVersions.js';
import { acceptedActionsOf, asDeployment, deploymentsOf } from './deploymentQueries.js';

// Label names an alert may name its environment with (Prometheus and detectors use both).
const ENVIRONMENT_LABELS = ['environment', 'env'];

/** The environment the incident's alerts name, if any of them does. */
export function alertEnvironment(alerts: readonly AlertRow[]): string | null {
  for (const alert of alerts) {
    for (const label of ENVIRONMENT_LABELS) {
      const value = alert.labels[label]?.trim();
      if (value) return value;
    }
  }
  return null;
}

/**
 * The incident's versions, from its model's deployment history and what its alerts said: the one
 * live when the first signal started (else when it was detected), the one before, whether the
 * alert disagrees, what is live now and what a rollback would go back to. Null without a model.
 */
export function incidentVersionsOf(db: Executor, incident: IncidentRow, alerts: readonly AlertRow[]): VersionFacts | null {
  const model = incident.modelName;
  if (!model) return null;
  const alertVersion = incident.modelVersion ?? alerts.find((a) => a.modelName === model && a.modelVersion)?.modelVersion ?? null;
  return versionFacts({
    model,
    deployments: deploymentsOf(db, model).map(asDeployment),
    startedAt: incident.startedAt ?? incident.detectedAt ?? incident.declaredAt,
    alertVersion,
    alertEnvironment: alertEnvironment(alerts),
    accepted: acceptedActionsOf(db, model),
  });
}
