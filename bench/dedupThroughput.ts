import { postDetector, startBenchVigil } from './support.js';

/** Repeated deliveries of alerts already in an open incident (Alertmanager's repeat_interval): requests per second. */
export async function benchDedupThroughput(requests = 1000, concurrency = 8): Promise<string[]> {
  const bench = await startBenchVigil();
  try {
    await postDetector(bench.url, { dedupKey: 'dup', title: 'Repeated alert', signal: 'latency' });
    let sent = 0;
    const started = performance.now();
    const worker = async () => {
      while (sent < requests) {
        sent += 1;
        const res = await postDetector(bench.url, { dedupKey: 'dup', title: 'Repeated alert', signal: 'latency' });
        if (res.status !== 202) throw new Error(`webhook answered ${res.status}`);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    const seconds = (performance.now() - started) / 1000;
    return [`deduplicated deliveries: ${requests} in ${seconds.toFixed(2)} s = ${(requests / seconds).toFixed(0)} req/s (concurrency ${concurrency})`];
  } finally {
    await bench.close();
  }
}
