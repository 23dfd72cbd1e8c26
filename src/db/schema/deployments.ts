import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * Every model deployment CI/CD or a model registry told us about (`POST /webhooks/deployments`):
 * the history an incident reads its versions from. `artifact` is the immutable id (an image
 * digest, a registry run id, a data hash); a version name alone may be a mutable tag.
 */
export const modelDeployments = sqliteTable(
  'model_deployments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    model: text('model').notNull(),
    version: text('version').notNull(),
    environment: text('environment').notNull(),
    deployedAt: integer('deployed_at', { mode: 'timestamp_ms' }).notNull(),
    /** Who or what deployed it, as the sender named them (`ci-bot`, a person's login). */
    deployedBy: text('deployed_by').notNull(),
    artifact: text('artifact'),
    notes: text('notes'),
    /** The configured source (policy `sources[].name`) that reported it. */
    source: text('source').notNull(),
    receivedAt: integer('received_at', { mode: 'timestamp_ms' }).notNull(),
    /** The body as received, kept whole: senders add fields between versions. */
    raw: text('raw', { mode: 'json' }).notNull(),
  },
  (table) => [
    // A sender retrying the same delivery stores it once.
    uniqueIndex('model_deployments_identity').on(table.model, table.environment, table.version, table.deployedAt),
    index('model_deployments_model_at').on(table.model, table.deployedAt),
  ],
);

export type ModelDeploymentRow = typeof modelDeployments.$inferSelect;
