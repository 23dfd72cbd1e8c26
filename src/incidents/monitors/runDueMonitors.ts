// The monitors' timers: each monitor checks on its own interval. Its next check time is a row
// (monitor_states.next_check_at), so a restart neither skips nor repeats a check, and a process that
// was down checks once when it is back, not once per missed interval. The scheduler asks every
// few seconds which are due.

import type { UseCaseContext } from '../context.js';
import { inTransaction } from '../context.js';
import { checkMonitor } from './checkMonitor.js';
import { monitorState } from './monitorRecords.js';
import { pruneSamples } from './sampleStore.js';

/** Check every monitor whose next check is due (never checked: at once); returns how many ran. */
export function runDueMonitors(ctx: UseCaseContext): number {
  const now = ctx.clock.now().getTime();
  let ran = 0;
  for (const monitor of ctx.policy.monitors) {
    const next = monitorState(ctx.db, monitor.name).nextCheckAt;
    if (next !== null && next.getTime() > now) continue;
    try {
      checkMonitor(ctx, monitor, 'schedule');
      ran++;
    } catch (error) {
      // One monitor's failure does not hold the others back; it is tried again on the next tick.
      ctx.logger.error('monitors: check failed', { monitor: monitor.name, error: (error as Error).message });
    }
  }
  return ran;
}

/** Samples older than this are kept anyway, beyond what the monitors need: the slack of an hour. */
const RETENTION_SLACK_MS = 3600_000;
/** With no monitor configured, samples are kept a day (enough to define one and see it check). */
const RETENTION_WITHOUT_MONITORS_MS = 24 * 3600_000;

/** How far back any monitor reads: its window, plus its rolling baseline's period. */
export function samplesRetentionMs(ctx: UseCaseContext): number {
  const needs = ctx.policy.monitors.map((m) => m.windowMs + (m.baseline.kind === 'rolling' ? m.baseline.periodMs : 0));
  return needs.length === 0 ? RETENTION_WITHOUT_MONITORS_MS : Math.max(...needs) + RETENTION_SLACK_MS;
}

/** Drop the samples no monitor will read again; returns how many batches went. */
export function pruneOldSamples(ctx: UseCaseContext): number {
  const before = new Date(ctx.clock.now().getTime() - samplesRetentionMs(ctx));
  return inTransaction(ctx, (tx) => pruneSamples(tx, before));
}
