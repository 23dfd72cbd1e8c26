/**
 * One drift check on 100,000 values (issue 16), in process: a baseline of 100,000 values and a
 * window of 100,000 (ten batches of 10,000) in SQLite, then `checkMonitor` end to end (read and
 * unpack both samples, run the test, store the check and the monitor's state), for `auto` on this
 * size (the normed Wasserstein distance) and for each explicit test. Baseline beside it: sorting
 * the 200,000 values once (Float64Array.sort), the floor of any test that ranks them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { builtInPolicy } from '../src/config/policy.js';
import { loadTemplates } from '../src/comms/loadTemplates.js';
import { openStore } from '../src/db/connection.js';
import type { DriftTestChoice } from '../src/domain/drift/driftTest.js';
import type { MonitorDefinition } from '../src/domain/drift/monitor.js';
import type { UseCaseContext } from '../src/incidents/context.js';
import { checkMonitor } from '../src/incidents/monitors/checkMonitor.js';
import { insertSampleBatch, upsertBaseline } from '../src/incidents/monitors/sampleStore.js';
import { silentLogger } from '../src/shared/logger.js';
import { ms, pct } from './load.js';
import { seededNormal } from '../test/support/seededNormal.js';

const VALUES = 100_000;
const RUNS = 7;


function timed(fn: () => unknown, runs = RUNS): number[] {
  fn(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    fn();
    samples.push(performance.now() - started);
  }
  return samples;
}

const line = (samples: number[]) => `p50 ${ms(pct(samples, 0.5))} max ${ms(Math.max(...samples))}`;

export async function benchDriftCheck(): Promise<string[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'vigil-drift-'));
  const store = openStore(path.join(dir, 'vigil.db'));
  try {
    const now = new Date();
    const monitor = (test: DriftTestChoice): MonitorDefinition => ({
      name: `bench-${test}`,
      model: 'bench-model',
      feature: 'x',
      test,
      baseline: { kind: 'named', name: 'bench-baseline' },
      windowMs: 3600_000,
      everyMs: 600_000,
      minSamples: 100,
      // Never raise: the bench measures the check, not the incident it would open.
      consecutive: 100,
    });
    const tests: DriftTestChoice[] = ['auto', 'ks', 'psi', 'jensenshannon', 'wasserstein', 'mean_shift'];
    const ctx: UseCaseContext = {
      db: store.db,
      clock: { now: () => now },
      policy: { ...builtInPolicy(), monitors: tests.map(monitor) },
      logger: silentLogger,
      runbooks: [],
      templates: loadTemplates(),
      effectsQueued: () => undefined,
    };
    store.sqlite.transaction(() => {
      upsertBaseline(store.db, { name: 'bench-baseline', model: 'bench-model', feature: 'x', sample: { kind: 'numeric', values: seededNormal(VALUES, 0, 1, 1) } }, now);
      for (let b = 0; b < 10; b++) {
        const values = seededNormal(VALUES / 10, 0.02, 1, 10 + b);
        insertSampleBatch(store.db, { source: 'bench', model: 'bench-model', feature: 'x', sample: { kind: 'numeric', values }, observedAt: new Date(now.getTime() - (b + 1) * 60_000) }, now);
      }
    })();
    const pooled = Float64Array.from([...seededNormal(VALUES, 0, 1, 1), ...seededNormal(VALUES, 0.02, 1, 2)]);
    const sort = timed(() => Float64Array.from(pooled).sort());
    const lines = [`baseline: sort ${(2 * VALUES).toLocaleString('en-US')} float64 values ${line(sort)}`];
    for (const test of tests) {
      let picked = '';
      const samples = timed(() => {
        picked = checkMonitor(ctx, monitor(test), 'api').test ?? '?';
      });
      lines.push(`one check, ${VALUES.toLocaleString('en-US')} reference vs ${VALUES.toLocaleString('en-US')} current values, test ${test}${test === 'auto' ? ` (picked ${picked})` : ''}: ${line(samples)} | baseline sort p50 ${ms(pct(sort, 0.5))} (${(pct(samples, 0.5) / pct(sort, 0.5)).toFixed(1)}x)`);
    }
    return lines;
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
