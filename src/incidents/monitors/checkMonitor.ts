// One check of one drift monitor, scheduled or asked for over the API: read the current window
// and the reference, run the test (pure, src/domain/drift/), store the check, move the streaks,
// and raise or clear the monitor's signal through the one intake (ingestSignals) exactly as a
// detector's webhook would, so channel, paging and grouping are a webhook alert's.

import { monitorChecks } from '../../db/schema/index.js';
import type { Executor } from '../../db/executor.js';
import type { DriftSample } from '../../domain/drift/binning.js';
import { driftVerdict, DriftTestError, pickTest, type DriftTestName, type DriftVerdict } from '../../domain/drift/driftTest.js';
import { applyVerdict, monitorStateWord, type MonitorDefinition, type StreakAction } from '../../domain/drift/monitor.js';
import { breachSignal, monitorSource, recoverySignal, type MonitorBreach } from '../../domain/drift/monitorSignal.js';
import { formatDuration } from '../../domain/duration.js';
import { enqueueEffect } from '../../effects/outbox.js';
import { inTransaction, type UseCaseContext } from '../context.js';
import { ingestSignals } from '../ingestSignals.js';
import { monitorState, saveMonitorState } from './monitorRecords.js';
import { baselineSample, samplesBetween } from './sampleStore.js';

export type CheckTrigger = 'schedule' | 'api';

/** A check as `POST /api/monitors/<name>/check` answers it. */
export interface CheckAnswer {
  monitor: string;
  /** The test that ran (for auto, the one it picked); null when there was nothing to test. */
  test: DriftTestName | null;
  /** null where infinite (chi-square with a category the reference never had) or not computed. */
  statistic: number | null;
  pValue: number | null;
  threshold: number | null;
  n: number;
  m: number;
  /** This check's verdict; null below minSamples or without a reference, with a reason. */
  breached: boolean | null;
  reason?: string;
  window: { from: string; to: string };
  unseen: string[];
  /** The monitor's state after this check (after `consecutive`). */
  state: ReturnType<typeof monitorStateWord>;
  /** What this check did to the monitor's signal. */
  signal: 'raised' | 'cleared' | 'firing' | 'none';
  incidentId: number | null;
}

interface Inputs {
  reference: DriftSample | undefined;
  current: DriftSample | undefined;
  modelVersion: string | null;
  /** Why there is no reference, when there is none. */
  missing?: string;
}

function readInputs(ctx: UseCaseContext, monitor: MonitorDefinition, from: Date, to: Date): Inputs {
  const current = samplesBetween(ctx.db, monitor.model, monitor.feature, from, to);
  if (monitor.baseline.kind === 'named') {
    const reference = baselineSample(ctx.db, monitor.baseline.name);
    return {
      reference,
      current: current.sample,
      modelVersion: current.latestVersion,
      ...(reference ? {} : { missing: `no baseline named ${monitor.baseline.name} yet (POST /api/baselines)` }),
    };
  }
  const rolling = samplesBetween(ctx.db, monitor.model, monitor.feature, new Date(from.getTime() - monitor.baseline.periodMs), from);
  return {
    reference: rolling.sample,
    current: current.sample,
    modelVersion: current.latestVersion,
    ...(rolling.sample ? {} : { missing: `no samples in the rolling baseline (the ${formatDuration(monitor.baseline.periodMs)} before the window)` }),
  };
}

type Outcome = { verdict: DriftVerdict } | { test: DriftTestName | null; n: number; m: number; reason: string };

/** What a check found, the same for the stored row and the API's answer: a verdict's numbers, or why there is none. */
function checkFacts(outcome: Outcome) {
  if ('verdict' in outcome) {
    const { verdict } = outcome;
    // An infinite statistic (a category the reference never saw) is stored and answered as null.
    const statistic = Number.isFinite(verdict.statistic) ? verdict.statistic : null;
    return { test: verdict.test, statistic, pValue: verdict.pValue, threshold: verdict.threshold, n: verdict.n, m: verdict.m, breached: verdict.breached, reason: null, unseen: verdict.unseen };
  }
  return { test: outcome.test, statistic: null, pValue: null, threshold: null, n: outcome.n, m: outcome.m, breached: null, reason: outcome.reason, unseen: [] };
}

/** The answer says `reason` only when there is one. */
function answerFacts({ reason, ...facts }: ReturnType<typeof checkFacts>) {
  return reason === null ? facts : { ...facts, reason };
}

/** The verdict, or why there is none: no reference, too few samples, or values the test cannot take. */
function judge(monitor: MonitorDefinition, inputs: Inputs): Outcome {
  const n = inputs.reference?.values.length ?? 0;
  const m = inputs.current?.values.length ?? 0;
  const test = inputs.reference ? (monitor.test === 'auto' ? pickTest(inputs.reference) : monitor.test) : monitor.test === 'auto' ? null : monitor.test;
  if (!inputs.reference) return { test, n, m, reason: inputs.missing ?? 'no reference' };
  if (n < monitor.minSamples || m < monitor.minSamples) {
    return { test, n, m, reason: `too few samples for a verdict: the reference has ${n} and the current window ${m}; the monitor needs at least ${monitor.minSamples} in each` };
  }
  try {
    return { verdict: driftVerdict(inputs.reference, inputs.current!, monitor.test, monitor.threshold) };
  } catch (error) {
    if (error instanceof DriftTestError) return { test, n, m, reason: error.message };
    throw error;
  }
}

function storeCheck(tx: Executor, monitor: MonitorDefinition, outcome: Outcome, trigger: CheckTrigger, window: { from: Date; to: Date }, modelVersion: string | null): number {
  const verdict = 'verdict' in outcome ? outcome.verdict : undefined;
  return tx
    .insert(monitorChecks)
    .values({
      monitor: monitor.name,
      checkedAt: window.to,
      trigger,
      ...checkFacts(outcome),
      windowFrom: window.from,
      windowTo: window.to,
      // The chart and the moved bins of a breach are drawn from these.
      bins: verdict?.breached ? verdict.bins : null,
      modelVersion,
    })
    .returning({ id: monitorChecks.id })
    .get().id;
}

/** Run one check of `monitor` now. Synchronous: reading and testing 100,000 values takes tens of milliseconds. */
export function checkMonitor(ctx: UseCaseContext, monitor: MonitorDefinition, trigger: CheckTrigger): CheckAnswer {
  const now = ctx.clock.now();
  const window = { from: new Date(now.getTime() - monitor.windowMs), to: now };
  const inputs = readInputs(ctx, monitor, window.from, window.to);
  const outcome = judge(monitor, inputs);
  const verdict = 'verdict' in outcome ? outcome.verdict : undefined;

  return inTransaction(ctx, (tx) => {
    const checkId = storeCheck(tx, monitor, outcome, trigger, window, inputs.modelVersion);
    const before = monitorState(tx, monitor.name);
    const { streaks, action } = applyVerdict(before, verdict ? verdict.breached : null, monitor.consecutive);
    const breachingSince = streaks.breachStreak > 0 || streaks.firing ? (before.breachingSince ?? (verdict?.breached ? now : null)) : null;
    saveMonitorState(tx, {
      monitor: monitor.name,
      ...streaks,
      breachingSince,
      lastCheckedAt: now,
      nextCheckAt: new Date(now.getTime() + monitor.everyMs),
    });
    const { signal, incidentId } = verdict ? raiseOrClear(tx, ctx, { monitor, verdict, window, modelVersion: inputs.modelVersion, breachingSince: breachingSince ?? now }, action, checkId, now) : { signal: 'none' as const, incidentId: null };
    return {
      monitor: monitor.name,
      ...answerFacts(checkFacts(outcome)),
      window: { from: window.from.toISOString(), to: window.to.toISOString() },
      state: monitorStateWord(streaks, true),
      signal,
      incidentId,
    };
  });
}

/**
 * Through the intake: the firing alert when the streak raises it (and on every breach while it
 * fires, which is quiet for an open incident but opens a new one if a person resolved it while the
 * drift went on), the resolved alert when recoveries clear it. A chart goes to the channel when
 * the alert is new to its incident.
 */
function raiseOrClear(tx: Executor, ctx: UseCaseContext, breach: MonitorBreach, action: StreakAction, checkId: number, now: Date): { signal: CheckAnswer['signal']; incidentId: number | null } {
  const source = monitorSource(breach.monitor.name);
  if (action === 'raise' || action === 'still_firing') {
    const result = ingestSignals(tx, ctx, { source, signals: [breachSignal(breach)] });
    if (result.incidentId !== null && (action === 'raise' || result.opened)) {
      enqueueEffect(tx, result.incidentId, 'monitor.chart', { checkId, model: breach.monitor.model, feature: breach.monitor.feature }, now);
    }
    return { signal: action === 'raise' ? 'raised' : 'firing', incidentId: result.incidentId };
  }
  if (action === 'clear') {
    const result = ingestSignals(tx, ctx, { source, signals: [recoverySignal(breach)] });
    return { signal: 'cleared', incidentId: result.incidentId };
  }
  return { signal: 'none', incidentId: null };
}
