import os from 'node:os';
import { benchWebhookToChecklist } from './webhookToChecklist.js';
import { benchDedupThroughput } from './dedupThroughput.js';
import { benchEscalationLateness } from './escalationLateness.js';

// Benchmarks print numbers; they never pass or fail on speed (machines here are shared).
const lines: string[] = [`node ${process.version}, ${os.cpus().length} cpus, ${new Date().toISOString()}`];
for (const bench of [benchWebhookToChecklist, benchDedupThroughput, benchEscalationLateness]) {
  const result = await bench();
  for (const line of result) {
    console.log(line);
    lines.push(line);
  }
}
