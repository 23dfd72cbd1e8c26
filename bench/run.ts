import os from 'node:os';

// Benchmarks print numbers; they never pass or fail on speed (machines here are shared).
// `npm run bench` runs them all; `npm run bench -- storm outage` only those whose name contains a word given.
// Each is imported only when chosen: the process benches (storm, outage) load no Vigil code here.
const BENCHES: Array<[string, () => Promise<string[]>]> = [
  ['webhookToChecklist', async () => (await import('./webhookToChecklist.js')).benchWebhookToChecklist()],
  ['dedupThroughput', async () => (await import('./dedupThroughput.js')).benchDedupThroughput()],
  ['escalationLateness', async () => (await import('./escalationLateness.js')).benchEscalationLateness()],
  ['workerPass', async () => (await import('./workerPass.js')).benchWorkerPass()],
  ['storm', async () => (await import('./storm.js')).benchStorm()],
  ['outage', async () => (await import('./outage.js')).benchOutage()],
  ['driftCheck', async () => (await import('./driftCheck.js')).benchDriftCheck()],
];

const filters = process.argv.slice(2).map((arg) => arg.toLowerCase());
const chosen = BENCHES.filter(([name]) => filters.length === 0 || filters.some((f) => name.toLowerCase().includes(f)));
if (chosen.length === 0) {
  console.error(`no benchmark matches ${filters.join(' ')}; there are: ${BENCHES.map(([name]) => name).join(', ')}`);
  process.exit(2);
}

console.log(`node ${process.version}, ${os.cpus().length} cpus, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}, ${new Date().toISOString()}`);
for (const [name, bench] of chosen) {
  const started = performance.now();
  console.log(`── ${name}`);
  try {
    for (const line of await bench()) console.log(line);
  } catch (error) {
    // One broken bench (say, a half-finished change in the tree) does not hide the others' numbers.
    console.log(`${name} FAILED: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    process.exitCode = 1;
  }
  console.log(`   (${name} took ${((performance.now() - started) / 1000).toFixed(0)} s)`);
}
