import { postDetector, startBenchVigil, summarize } from './support.js';

/**
 * Time from a detector webhook to (a) its 202 and (b) the triage checklist posted in the new
 * incident channel, over real HTTP against the emulator. Incidents one after another.
 */
export async function benchWebhookToChecklist(incidents = 40): Promise<string[]> {
  const bench = await startBenchVigil();
  const accepted: number[] = [];
  const checklist: number[] = [];
  try {
    for (let i = 0; i < incidents; i += 1) {
      const started = performance.now();
      const res = await postDetector(bench.url, {
        dedupKey: `bench-${i}`,
        title: `Bench drift ${i}`,
        signal: 'prediction_drift',
        model: { name: `model-${i}` },
      });
      if (res.status !== 202) throw new Error(`webhook answered ${res.status}`);
      accepted.push(performance.now() - started);
      await bench.emulator.waitFor(
        () => bench.emulator.calls.some((c) => c.method === 'chat.postMessage' && (c.args as { text?: string }).text === 'Triage checklist' && JSON.stringify(c.args).includes(`INC-${i + 1}`)),
        10_000,
      );
      checklist.push(performance.now() - started);
    }
  } finally {
    await bench.close();
  }
  return [summarize('webhook -> 202', accepted), summarize('webhook -> triage checklist posted', checklist)];
}
