import { quantile } from 'simple-statistics';
import { postDetector, startBenchVigil } from './support.js';

/**
 * How late an escalation step fires after its due time with the production scheduler (node-cron,
 * every 5 s), in real time: steps due every 2 s for 20 s across several incidents.
 */
export async function benchEscalationLateness(incidents = 5, seconds = 24): Promise<string[]> {
  const steps = Array.from({ length: 10 }, (_, i) => `    - { after: ${i * 2 + 1}s, notify: [U0BENCH${(i % 5) + 1}], until: resolved }`).join('\n');
  const bench = await startBenchVigil(`escalation:\n  default:\n${steps}\n`, true);
  try {
    for (let i = 0; i < incidents; i += 1) {
      await postDetector(bench.url, { dedupKey: `late-${i}`, title: `Late ${i}`, signal: 'latency', model: { name: `m${i}` } });
      await new Promise((resolve) => setTimeout(resolve, 700));
    }
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    const rows = bench.vigil.store.sqlite
      .prepare("select due_at, fired_at from escalation_steps where status = 'fired'")
      .all() as Array<{ due_at: number; fired_at: number }>;
    const lateness = rows.map((r) => r.fired_at - r.due_at);
    if (lateness.length === 0) return ['escalation lateness: no step fired'];
    return [
      `escalation step lateness (tick every 5 s): n=${lateness.length} p50=${(quantile(lateness, 0.5) / 1000).toFixed(2)} s p95=${(quantile(lateness, 0.95) / 1000).toFixed(2)} s max=${(Math.max(...lateness) / 1000).toFixed(2)} s`,
    ];
  } finally {
    await bench.close();
  }
}
