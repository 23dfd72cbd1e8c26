import type { Executor } from '../../db/executor.js';
import type { MonitorDefinition } from '../../domain/drift/monitor.js';
import { monitorState } from '../monitors/monitorRecords.js';

/** A monitor watching a model, and when it checks next (null: not checked yet, so at its next tick). */
export interface NextCheck {
  monitor: string;
  feature: string;
  everyMs: number;
  at: Date | null;
}

/** The monitors on a model and their next checks: what tells a rollback's verifier when to look. */
export function nextChecksOf(db: Executor, monitors: readonly MonitorDefinition[], model: string): NextCheck[] {
  return monitors
    .filter((m) => m.model === model)
    .map((m) => {
      const state = monitorState(db, m.name);
      const at = state.nextCheckAt ?? (state.lastCheckedAt ? new Date(state.lastCheckedAt.getTime() + m.everyMs) : null);
      return { monitor: m.name, feature: m.feature, everyMs: m.everyMs, at };
    });
}
