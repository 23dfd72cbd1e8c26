import { blob, index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';

// Samples of model inputs and outputs, named reference sets, and the drift monitors' checks and
// state (issue 16). Samples arrive up to 100,000 values a batch, so a batch is one row whose
// values are packed: float64 little-endian for numbers (8 bytes a value), a JSON array for labels.

export const SAMPLE_KINDS = ['numeric', 'categorical'] as const;
export type SampleKind = (typeof SAMPLE_KINDS)[number];

/** One delivery of `POST /webhooks/samples`. Windows select batches by `observedAt`. */
export const sampleBatches = sqliteTable(
  'sample_batches',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    source: text('source').notNull(),
    model: text('model').notNull(),
    modelVersion: text('model_version'),
    feature: text('feature').notNull(),
    kind: text('kind', { enum: SAMPLE_KINDS }).notNull(),
    count: integer('count').notNull(),
    /** Packed values: see packSamples/unpackSamples in src/incidents/monitors/samplePacking.ts. */
    data: blob('data', { mode: 'buffer' }).notNull(),
    observedAt: integer('observed_at', { mode: 'timestamp_ms' }).notNull(),
    receivedAt: integer('received_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (table) => [index('sample_batches_feature_observed').on(table.model, table.feature, table.observedAt), index('sample_batches_observed').on(table.observedAt)],
);

/** A named reference set (a training distribution, say); posting one of the same name replaces it. */
export const baselines = sqliteTable('baselines', {
  name: text('name').primaryKey(),
  model: text('model').notNull(),
  feature: text('feature').notNull(),
  kind: text('kind', { enum: SAMPLE_KINDS }).notNull(),
  count: integer('count').notNull(),
  data: blob('data', { mode: 'buffer' }).notNull(),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
});

/** Every check a monitor ran, scheduled or asked for, with its verdict or why there was none. */
export const monitorChecks = sqliteTable(
  'monitor_checks',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    monitor: text('monitor').notNull(),
    checkedAt: integer('checked_at', { mode: 'timestamp_ms' }).notNull(),
    trigger: text('trigger', { enum: ['schedule', 'api'] }).notNull(),
    /** The test that ran (for `auto`, the one it picked); null when there was nothing to test. */
    test: text('test'),
    /** Null with a verdict means infinite (chi-square and a category the reference never had). */
    statistic: real('statistic'),
    pValue: real('p_value'),
    threshold: real('threshold'),
    n: integer('n').notNull(),
    m: integer('m').notNull(),
    /** This check's verdict; null below minSamples (see `reason`). */
    breached: integer('breached', { mode: 'boolean' }),
    reason: text('reason'),
    windowFrom: integer('window_from', { mode: 'timestamp_ms' }).notNull(),
    windowTo: integer('window_to', { mode: 'timestamp_ms' }).notNull(),
    unseen: text('unseen', { mode: 'json' }).$type<string[]>().notNull(),
    /** Both distributions by bin, kept for breaching checks only (their chart and moved bins). */
    bins: text('bins', { mode: 'json' }).$type<Array<{ label: string; referenceShare: number; currentShare: number }>>(),
    modelVersion: text('model_version'),
  },
  (table) => [index('monitor_checks_monitor_time').on(table.monitor, table.checkedAt)],
);

/** Where each monitor stands: its streaks, whether its signal is raised, when it checks next. */
export const monitorStates = sqliteTable('monitor_states', {
  monitor: text('monitor').primaryKey(),
  breachStreak: integer('breach_streak').notNull().default(0),
  recoveryStreak: integer('recovery_streak').notNull().default(0),
  /** Raised through the intake and not yet cleared. */
  firing: integer('firing', { mode: 'boolean' }).notNull().default(false),
  /** When the run of breaches that raised (or may raise) the signal began. */
  breachingSince: integer('breaching_since', { mode: 'timestamp_ms' }),
  lastCheckedAt: integer('last_checked_at', { mode: 'timestamp_ms' }),
  nextCheckAt: integer('next_check_at', { mode: 'timestamp_ms' }),
});

export type SampleBatchRow = typeof sampleBatches.$inferSelect;
export type BaselineRow = typeof baselines.$inferSelect;
export type MonitorCheckRow = typeof monitorChecks.$inferSelect;
export type MonitorStateRow = typeof monitorStates.$inferSelect;
