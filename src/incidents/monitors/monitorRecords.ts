// Each monitor's state row and its stored checks.

import { desc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/executor.js';
import { monitorChecks, monitorStates, type MonitorCheckRow, type MonitorStateRow } from '../../db/schema/index.js';

export function monitorState(db: Executor, monitor: string): MonitorStateRow {
  return (
    db.select().from(monitorStates).where(eq(monitorStates.monitor, monitor)).get() ?? {
      monitor,
      breachStreak: 0,
      recoveryStreak: 0,
      firing: false,
      breachingSince: null,
      lastCheckedAt: null,
      nextCheckAt: null,
    }
  );
}

export function saveMonitorState(tx: Executor, state: MonitorStateRow): void {
  const { monitor, ...rest } = state;
  tx.insert(monitorStates).values(state).onConflictDoUpdate({ target: monitorStates.monitor, set: rest }).run();
}

export function recentChecks(db: Executor, monitor: string, limit: number): MonitorCheckRow[] {
  return db.select().from(monitorChecks).where(eq(monitorChecks.monitor, monitor)).orderBy(desc(monitorChecks.checkedAt), desc(monitorChecks.id)).limit(limit).all();
}

export function checkById(db: Executor, id: number): MonitorCheckRow | undefined {
  return db.select().from(monitorChecks).where(eq(monitorChecks.id, id)).get();
}
