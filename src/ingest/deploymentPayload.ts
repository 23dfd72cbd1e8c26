import { z } from 'zod';
import type { DeploymentReport } from '../incidents/deployments/recordDeployment.js';
import { isoDateTime } from './isoDateTime.js';

// A model deployment as CI/CD or a model registry reports it (`POST /webhooks/deployments`).
// Extend, never rename: pipelines depend on it. Unknown fields are accepted and kept.

const name = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);

export const deploymentPayload = z.looseObject({
  model: name(200),
  version: name(200),
  environment: name(100),
  deployedAt: isoDateTime,
  /** Who or what deployed it: `ci-bot`, a person's login. */
  by: name(200),
  /** The immutable id: an image digest, a registry run id, a data hash. */
  artifact: name(500).optional(),
  notes: z.string().max(5000).optional(),
});

export type DeploymentPayload = z.infer<typeof deploymentPayload>;

export function deploymentReport(payload: DeploymentPayload, source: string): DeploymentReport {
  return {
    model: payload.model,
    version: payload.version,
    environment: payload.environment,
    deployedAt: new Date(payload.deployedAt),
    by: payload.by,
    artifact: payload.artifact ?? null,
    notes: payload.notes ?? null,
    source,
    raw: payload,
  };
}
