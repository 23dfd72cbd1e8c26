import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { quantile } from 'simple-statistics';
import { loadConfig } from '../src/config/load.js';
import { createVigil, type Vigil } from '../src/app.js';
import { createSlackEmulator, type SlackEmulator } from '@vigil/slack-emulator';
import { silentLogger } from '../src/shared/logger.js';

export const TOKEN = 'bench-detector-token-0123456789';

export interface BenchVigil {
  vigil: Vigil;
  emulator: SlackEmulator;
  url: string;
  close(): Promise<void>;
}

/** A real Vigil against the emulator, with its own database and policy, like the e2e harness. */
export async function startBenchVigil(policyExtra = '', runScheduler = false): Promise<BenchVigil> {
  const dir = mkdtempSync(path.join(tmpdir(), 'vigil-bench-'));
  const emulator = createSlackEmulator();
  await emulator.start(0);
  writeFileSync(
    path.join(dir, 'vigil.config.yaml'),
    `sources: [{ name: bench, kind: detector, token: "${TOKEN}" }]\nrotations:\n  ml: { members: [U0BENCH1, U0BENCH2] }\n  data: { members: [U0BENCH3, U0BENCH4] }\n  lead: { members: [U0BENCH5] }\n${policyExtra}`,
  );
  const config = loadConfig({
    SLACK_BOT_TOKEN: emulator.token,
    SLACK_SIGNING_SECRET: 'bench-secret',
    DATABASE_PATH: path.join(dir, 'vigil.db'),
    VIGIL_CONFIG: path.join(dir, 'vigil.config.yaml'),
  });
  const vigil = await createVigil({
    config,
    slack: { token: emulator.token, signingSecret: 'bench-secret', apiUrl: emulator.apiUrl },
    logger: silentLogger,
    runScheduler,
  });
  const port = await vigil.listen(0, '127.0.0.1');
  return {
    vigil,
    emulator,
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await vigil.close();
      await emulator.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function postDetector(url: string, body: unknown): Promise<Response> {
  return fetch(`${url}/webhooks/detector`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

export function summarize(label: string, samplesMs: number[]): string {
  const fmt = (v: number) => `${v.toFixed(1)} ms`;
  return `${label}: n=${samplesMs.length} p50=${fmt(quantile(samplesMs, 0.5))} p95=${fmt(quantile(samplesMs, 0.95))} max=${fmt(Math.max(...samplesMs))}`;
}
