// The monitors as `GET /api/monitors` and `/incident monitors` show them: each definition with its
// state (after `consecutive`) and its recent checks.

import type { MonitorCheckRow } from '../../db/schema/index.js';
import type { Executor } from '../../db/executor.js';
import { monitorStateWord, type MonitorDefinition } from '../../domain/drift/monitor.js';
import { formatDuration } from '../../domain/duration.js';
import { monitorState, recentChecks } from './monitorRecords.js';

export interface MonitorOverview {
  definition: MonitorDefinition;
  state: ReturnType<typeof monitorStateWord>;
  firing: boolean;
  breachStreak: number;
  recoveryStreak: number;
  lastCheckedAt: Date | null;
  nextCheckAt: Date | null;
  recent: MonitorCheckRow[];
}

export function monitorOverviews(db: Executor, monitors: readonly MonitorDefinition[], recentCount: number): MonitorOverview[] {
  return monitors.map((definition) => {
    const state = monitorState(db, definition.name);
    return {
      definition,
      state: monitorStateWord(state, state.lastCheckedAt !== null),
      firing: state.firing,
      breachStreak: state.breachStreak,
      recoveryStreak: state.recoveryStreak,
      lastCheckedAt: state.lastCheckedAt,
      nextCheckAt: state.nextCheckAt,
      recent: recentChecks(db, definition.name, recentCount),
    };
  });
}

/** A check as JSON: statistic null where infinite or not computed, times in ISO 8601. */
export function checkJson(check: MonitorCheckRow) {
  return {
    checkedAt: check.checkedAt.toISOString(),
    trigger: check.trigger,
    test: check.test,
    statistic: check.statistic,
    pValue: check.pValue,
    threshold: check.threshold,
    n: check.n,
    m: check.m,
    breached: check.breached,
    ...(check.reason ? { reason: check.reason } : {}),
    window: { from: check.windowFrom.toISOString(), to: check.windowTo.toISOString() },
    unseen: check.unseen,
    modelVersion: check.modelVersion,
  };
}

export function overviewJson(overview: MonitorOverview) {
  const { definition } = overview;
  return {
    name: definition.name,
    model: definition.model,
    feature: definition.feature,
    test: definition.test,
    baseline: definition.baseline.kind === 'named' ? definition.baseline.name : { rolling: formatDuration(definition.baseline.periodMs) },
    window: formatDuration(definition.windowMs),
    every: formatDuration(definition.everyMs),
    threshold: definition.threshold ?? null,
    minSamples: definition.minSamples,
    consecutive: definition.consecutive,
    state: overview.state,
    firing: overview.firing,
    breachStreak: overview.breachStreak,
    recoveryStreak: overview.recoveryStreak,
    lastCheckedAt: overview.lastCheckedAt?.toISOString() ?? null,
    nextCheckAt: overview.nextCheckAt?.toISOString() ?? null,
    recentChecks: overview.recent.map(checkJson),
  };
}
