// Reading and writing samples and baselines: what a check needs, by model, feature and time.

import { and, asc, eq, lt, lte, sql } from 'drizzle-orm';
import type { Executor } from '../../db/executor.js';
import { baselines, sampleBatches, type BaselineRow, type SampleKind } from '../../db/schema/index.js';
import type { DriftSample } from '../../domain/drift/binning.js';
import { packLabels, packNumbers, unpackSamples } from './samplePacking.js';

export interface SampleBatch {
  source: string;
  model: string;
  modelVersion?: string;
  feature: string;
  sample: { kind: 'numeric'; values: number[] } | { kind: 'categorical'; values: string[] };
  observedAt: Date;
}

const packed = (sample: SampleBatch['sample']): Buffer => (sample.kind === 'numeric' ? packNumbers(sample.values) : packLabels(sample.values));

export function insertSampleBatch(tx: Executor, batch: SampleBatch, now: Date): number {
  const row = tx
    .insert(sampleBatches)
    .values({
      source: batch.source,
      model: batch.model,
      modelVersion: batch.modelVersion ?? null,
      feature: batch.feature,
      kind: batch.sample.kind,
      count: batch.sample.values.length,
      data: packed(batch.sample),
      observedAt: batch.observedAt,
      receivedAt: now,
    })
    .returning({ id: sampleBatches.id })
    .get();
  return row.id;
}

export interface WindowSamples {
  /** Undefined when no batch was observed in the window. */
  sample: DriftSample | undefined;
  /** Both kinds arrived for this feature: the window is read as the kind of its latest batch. */
  mixedKinds: boolean;
  latestVersion: string | null;
}

/** The samples of a feature observed in (from, to]. */
export function samplesBetween(db: Executor, model: string, feature: string, from: Date, to: Date): WindowSamples {
  const rows = db
    .select({ kind: sampleBatches.kind, data: sampleBatches.data, count: sampleBatches.count, modelVersion: sampleBatches.modelVersion })
    .from(sampleBatches)
    .where(and(eq(sampleBatches.model, model), eq(sampleBatches.feature, feature), sql`${sampleBatches.observedAt} > ${from.getTime()}`, lte(sampleBatches.observedAt, to)))
    .orderBy(asc(sampleBatches.observedAt), asc(sampleBatches.id))
    .all();
  if (rows.length === 0) return { sample: undefined, mixedKinds: false, latestVersion: null };
  const kind: SampleKind = rows[rows.length - 1]!.kind;
  const ofKind = rows.filter((row) => row.kind === kind);
  const latestVersion = [...rows].reverse().find((row) => row.modelVersion !== null)?.modelVersion ?? null;
  return { sample: unpackSamples(kind, ofKind), mixedKinds: ofKind.length !== rows.length, latestVersion };
}

export interface BaselineInput {
  name: string;
  model: string;
  feature: string;
  sample: SampleBatch['sample'];
}

/** Store a named baseline, replacing one of the same name. */
export function upsertBaseline(tx: Executor, input: BaselineInput, now: Date): { replaced: boolean } {
  const existing = tx.select({ name: baselines.name }).from(baselines).where(eq(baselines.name, input.name)).get();
  const values = { model: input.model, feature: input.feature, kind: input.sample.kind, count: input.sample.values.length, data: packed(input.sample), updatedAt: now };
  if (existing) tx.update(baselines).set(values).where(eq(baselines.name, input.name)).run();
  else tx.insert(baselines).values({ name: input.name, createdAt: now, ...values }).run();
  return { replaced: existing !== undefined };
}

export type BaselineSummary = Omit<BaselineRow, 'data'>;

export function listBaselines(db: Executor): BaselineSummary[] {
  return db
    .select({ name: baselines.name, model: baselines.model, feature: baselines.feature, kind: baselines.kind, count: baselines.count, createdAt: baselines.createdAt, updatedAt: baselines.updatedAt })
    .from(baselines)
    .orderBy(asc(baselines.name))
    .all();
}

export function baselineSample(db: Executor, name: string): DriftSample | undefined {
  const row = db.select().from(baselines).where(eq(baselines.name, name)).get();
  return row ? unpackSamples(row.kind, [row]) : undefined;
}

/** Drop batches observed before `before`; returns how many. */
export function pruneSamples(tx: Executor, before: Date): number {
  return tx.delete(sampleBatches).where(lt(sampleBatches.observedAt, before)).run().changes;
}
