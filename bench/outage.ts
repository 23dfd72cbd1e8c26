/**
 * Slack unreachable with a backlog (figure 6): Vigil (`node dist/main.js`) opens incidents with
 * the paced emulator up, then the emulator closes its port (connection refused; its workspace is
 * kept, so the channels Vigil made still exist when it comes back), alerts arrive so effects wait,
 * and Vigil's CPU is sampled from /proc/<pid>/stat. Then the emulator listens on the same port
 * again and the bench times until no effect is pending or in flight.
 * Baselines from the same run: Vigil's CPU idle with Slack up, and how long the same kind of
 * batch took to deliver with Slack up from the start.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { keepAliveAgent, send } from './load.js';
import { logTail, contextSwitches, cpuSeconds, DbPeek, EmulatorProcess, ensureBuilt, startVigil } from './processes.js';
import { alertBody, DETECTOR_HEADERS, INCIDENTS, SIGNING_SECRET, SLACK_PACE, writeStormPolicy } from './stormShape.js';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface OutageOptions {
  /** How long CPU is sampled while Slack is down. */
  sampleMs?: number;
  /** Longest wait for the backlog once Slack is back. */
  drainCapMs?: number;
}

/** CPU (% of one core) and wake-ups per second of `pid` over `ms`. */
async function sampleCpu(pid: number, ms: number): Promise<{ percent: number; switchesPerSecond: number }> {
  const cpu0 = cpuSeconds(pid);
  const sw0 = contextSwitches(pid);
  const started = performance.now();
  await sleep(ms);
  const seconds = (performance.now() - started) / 1000;
  return { percent: ((cpuSeconds(pid) - cpu0) / seconds) * 100, switchesPerSecond: (contextSwitches(pid) - sw0) / seconds };
}

async function untilDelivered(peek: DbPeek, capMs: number): Promise<number | undefined> {
  const started = performance.now();
  while (performance.now() - started < capMs) {
    if (peek.undelivered() === 0) return performance.now() - started;
    await sleep(100);
  }
  return undefined;
}

export async function benchOutage(opts: OutageOptions = {}): Promise<string[]> {
  const sampleMs = opts.sampleMs ?? 20_000;
  const drainCapMs = opts.drainCapMs ?? 90_000;
  await ensureBuilt();
  const dir = mkdtempSync(path.join(tmpdir(), 'vigil-outage-'));
  const emulator = await EmulatorProcess.start(SLACK_PACE);
  const policyPath = path.join(dir, 'vigil.config.yaml');
  writeStormPolicy(policyPath);
  const databasePath = path.join(dir, 'vigil.db');
  const { vigil } = await startVigil({
    databasePath,
    policyPath,
    slackApiUrl: emulator.apiUrl,
    slackToken: emulator.token,
    signingSecret: SIGNING_SECRET,
    logPath: path.join(dir, 'vigil.log'),
  });
  const peek = new DbPeek(databasePath);
  const agent = keepAliveAgent(4);
  const hook = `${vigil.url}/webhooks/detector`;
  const run = `outage${Date.now().toString(36)}`;
  // A batch: five new incidents and nine alerts joining each.
  const fire = async (batch: string, shapes: number[]) => {
    for (const k of shapes) {
      for (let j = 0; j < 10; j += 1) {
        const answer = await send(agent, hook, 'POST', DETECTOR_HEADERS, alertBody(`${run}-${batch}`, k + j * INCIDENTS.length));
        if (answer.status !== 202) throw new Error(`alert answered ${answer.status}: ${answer.body}`);
      }
    }
  };
  try {
    // Slack up: the batch's delivery time, then idle CPU.
    const upStarted = performance.now();
    await fire('up', [0, 1, 2, 3, 4]);
    const upDelivered = await untilDelivered(peek, drainCapMs);
    const upMs = upDelivered === undefined ? undefined : performance.now() - upStarted;
    const idle = await sampleCpu(vigil.pid, 5000);

    // Slack down: the same batch on the five other incident shapes waits.
    await emulator.down();
    await fire('down', [5, 6, 7, 8, 9]);
    await sleep(3000);
    const waiting = peek.undelivered();
    const down = await sampleCpu(vigil.pid, sampleMs);
    const stillWaiting = peek.undelivered();

    // Slack back on the same port.
    await emulator.up();
    const drained = await untilDelivered(peek, drainCapMs);
    const dead = peek.all<{ n: number }>("select count(*) as n from effects where status = 'dead'")[0]?.n ?? 0;
    return [
      `CPU with Slack unreachable (connection refused) and ${waiting} effects waiting: ${down.percent.toFixed(1)}% of a core over ${(sampleMs / 1000).toFixed(0)} s, ` +
        `${down.switchesPerSecond.toFixed(0)} context switches/s (${stillWaiting} still waiting at the end) | baseline Vigil idle with Slack up: ${idle.percent.toFixed(1)}%, ${idle.switchesPerSecond.toFixed(0)} switches/s`,
      `backlog delivered after Slack came back: ${drained === undefined ? `NOT within ${(drainCapMs / 1000).toFixed(0)} s (${peek.undelivered()} left)` : `${(drained / 1000).toFixed(1)} s`}` +
        `${dead ? `, ${dead} effects dead` : ''} | baseline the same batch with Slack up: ${upMs === undefined ? 'not delivered within the cap' : `${(upMs / 1000).toFixed(1)} s from the first alert`}`,
    ];
  } catch (error) {
    throw new Error(`${(error as Error).message}\nVigil's log:\n${logTail(path.join(dir, 'vigil.log'))}`, { cause: error });
  } finally {
    agent.destroy();
    peek.close();
    await vigil.stop();
    await emulator.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
