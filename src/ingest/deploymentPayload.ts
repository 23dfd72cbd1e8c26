import { z } from 'zod';
import { recordDeployment, type DeploymentRecorded, type DeploymentReport } from '../incidents/deployments/recordDeployment.js';
import type { IngestResult } from '../incidents/ingestSignals.js';
import type { WebhookRoute } from './webhookFormats.js';
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

/** A deployment opens no incident and stores no alert. */
const NO_ALERTS: IngestResult = { incidentId: null, alertIds: [], deduplicated: false, opened: false };

/**
 * `POST /webhooks/deployments` (a source of kind `deployments`): the deployment is kept in the
 * model's history in the group commit, with the same token, size, JSON and validation answers as
 * every webhook; 202 `{ "deploymentId", "duplicate", "incidentIds" }` once it is stored.
 */
export const deploymentsRoute: WebhookRoute = {
  path: '/webhooks/deployments',
  kind: 'deployments',
  accept: async (body, source) => {
    const parsed = deploymentPayload.safeParse(body);
    if (!parsed.success) return { ok: false, issues: parsed.error.issues };
    const report = deploymentReport(parsed.data, source.name);
    let recorded: DeploymentRecorded | undefined;
    return {
      ok: true,
      apply: (tx, ctx) => {
        recorded = recordDeployment(tx, ctx, report);
        return NO_ALERTS;
      },
      answer: () => ({ deploymentId: recorded?.deploymentId ?? null, duplicate: recorded?.duplicate ?? false, incidentIds: recorded?.incidentIds ?? [] }),
    };
  },
};
