/**
 * Process helpers for the benchmarks that run Vigil as a real OS process (`node dist/main.js`),
 * next to a bare node:http baseline and the Slack emulator, each in a process of its own.
 */
import { execFileSync, execSync, fork, spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { EmulatorOptions } from '@vigil/slack-emulator';
import type { EmulatorStats } from './emulatorProcess.js';

export const ROOT = path.resolve(import.meta.dirname, '..');
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

let built: Promise<void> | undefined;

/** `npm run build` once per bench run (BENCH_SKIP_BUILD=1 skips it); dist/main.js must exist after. */
export function ensureBuilt(): Promise<void> {
  built ??= (async () => {
    if (process.env['BENCH_SKIP_BUILD'] !== '1') {
      try {
        execSync('npm run build', { cwd: ROOT, stdio: 'pipe' });
      } catch (error) {
        const out = String((error as { stdout?: Buffer }).stdout ?? '') + String((error as { stderr?: Buffer }).stderr ?? '');
        process.stderr.write(`bench: npm run build failed, using whatever dist/ holds:\n${out.split('\n').slice(-15).join('\n')}\n`);
      }
    }
    if (!existsSync(path.join(ROOT, 'dist/main.js'))) throw new Error('bench: dist/main.js missing; run npm run build');
  })();
  return built;
}

/** A port nobody listens on right now (127.0.0.1). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU seconds in user and in system (kernel) mode the process has used so far, from /proc/<pid>/stat. */
export function cpuTimes(pid: number): { user: number; system: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces) start at state, field 3.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { user: Number(fields[11]) / CLOCK_TICKS, system: Number(fields[12]) / CLOCK_TICKS }; // utime, stime: fields 14, 15
}

/** CPU seconds (user + system) of the process's main thread alone (the event loop), from /proc/<pid>/task/<pid>/stat. */
export function mainThreadCpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/**
 * CPU seconds (user + system) per kind of thread, from /proc/<pid>/task/<tid>/stat, keyed by the
 * thread's name ("node" for the event loop, "V8 DefaultWorke" for GC and compiler helpers,
 * "libuv-worker" for the thread pool): says which part of the process spends what.
 */
export function threadCpuSeconds(pid: number): Map<string, number> {
  const byName = new Map<string, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    } catch {
      continue; // the thread ended between listing and reading
    }
    const name = tid === String(pid) ? 'event loop' : stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    byName.set(name, (byName.get(name) ?? 0) + (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS);
  }
  return byName;
}

/** CPU seconds (user + system) the process has used so far. */
export function cpuSeconds(pid: number): number {
  const { user, system } = cpuTimes(pid);
  return user + system;
}

function statusField(pid: number, name: string): number {
  const match = new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) : NaN;
}

/** Resident set size in MB (VmRSS). */
export const rssMb = (pid: number): number => statusField(pid, 'VmRSS') / 1024;
/** Context switches so far (each is, roughly, one time the process went to sleep or was woken). */
export const contextSwitches = (pid: number): number =>
  statusField(pid, 'voluntary_ctxt_switches') + statusField(pid, 'nonvoluntary_ctxt_switches');

/** Samples RSS of a process every `everyMs` until stopped; the peak. */
export function rssSampler(pid: number, everyMs = 200): { stop(): number } {
  let peak = 0;
  const look = () => {
    try {
      peak = Math.max(peak, rssMb(pid));
    } catch {
      // the process ended
    }
  };
  look();
  const timer = setInterval(look, everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      look();
      return peak;
    },
  };
}

/** The last lines of a log file, to explain a failure. */
export function logTail(file: string, lines = 25): string {
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n') : '(no log)';
}

export interface ServerProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  readonly port: number;
  readonly url: string;
  /** SIGTERM, then SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
  kill(): Promise<void>;
}

function handle(child: ChildProcess, port: number): ServerProcess {
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  const kill = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  };
  return {
    child,
    pid: child.pid!,
    port,
    url: `http://127.0.0.1:${port}`,
    kill,
    stop: async (graceMs = 5000) => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => void kill(), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** GET `url` until it answers `status`; ms from `since` (performance.now()) to that answer. */
export async function pollUntil(url: string, status: number, since: number, timeoutMs = 30_000, isAlive: () => boolean = () => true): Promise<number> {
  for (;;) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      await res.arrayBuffer();
      if (res.status === status) return performance.now() - since;
    } catch {
      // not listening yet
    }
    if (!isAlive()) throw new Error(`process exited before ${url} answered ${status}`);
    if (performance.now() - since > timeoutMs) throw new Error(`${url} did not answer ${status} within ${timeoutMs} ms`);
    await sleep(5);
  }
}

/** Extra node flags for a spawned server, from an environment variable (space-separated). */
const nodeArgsFrom = (variable: string): string[] => (process.env[variable] ?? '').split(' ').filter(Boolean);

/**
 * A baseline server under plain node; ms from spawn to its first answer. `bench/bareServer.mjs`
 * unless said; `databasePath` is for `bench/durableServer.mjs`, which stores what it is sent.
 */
export async function startBareServer(script = 'bench/bareServer.mjs', databasePath?: string): Promise<{ server: ServerProcess; msToAnswer: number }> {
  const port = await freePort();
  const started = performance.now();
  // BENCH_BARE_NODE_ARGS profiles the baselines the same way BENCH_VIGIL_NODE_ARGS profiles Vigil.
  const child = spawn(process.execPath, [...nodeArgsFrom('BENCH_BARE_NODE_ARGS'), path.join(ROOT, script)], {
    env: { PATH: process.env['PATH'] ?? '', PORT: String(port), ...(databasePath ? { DATABASE_PATH: databasePath } : {}) },
    stdio: 'ignore',
  });
  const msToAnswer = await pollUntil(`http://127.0.0.1:${port}/`, 200, started, 10_000, () => child.exitCode === null);
  return { server: handle(child, port), msToAnswer };
}

export interface VigilProcessOptions {
  databasePath: string;
  policyPath: string;
  slackApiUrl: string;
  slackToken: string;
  signingSecret: string;
  /** Where its stdout and stderr go (a file, so reading them costs the bench nothing). */
  logPath: string;
}

/** `node dist/main.js` on a fresh port; ms from spawn to the first 200 on /healthz. */
export async function startVigil(opts: VigilProcessOptions): Promise<{ vigil: ServerProcess; msToHealthy: number }> {
  await ensureBuilt();
  const port = await freePort();
  const log = openSync(opts.logPath, 'a');
  const started = performance.now();
  // BENCH_VIGIL_NODE_ARGS (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`) profiles Vigil under the storm.
  const child = spawn(process.execPath, [...nodeArgsFrom('BENCH_VIGIL_NODE_ARGS'), path.join(ROOT, 'dist/main.js')], {
    cwd: ROOT,
    env: {
      PATH: process.env['PATH'] ?? '',
      PORT: String(port),
      HOST: '127.0.0.1',
      SLACK_BOT_TOKEN: opts.slackToken,
      SLACK_SIGNING_SECRET: opts.signingSecret,
      SLACK_API_URL: opts.slackApiUrl,
      DATABASE_PATH: opts.databasePath,
      VIGIL_CONFIG: opts.policyPath,
    },
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  try {
    const msToHealthy = await pollUntil(`http://127.0.0.1:${port}/healthz`, 200, started, 30_000, () => child.exitCode === null);
    return { vigil: handle(child, port), msToHealthy };
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}\nits log:\n${logTail(opts.logPath)}`);
  }
}

/** The emulator in its own process (bench/emulatorProcess.ts under tsx), driven over IPC. */
export class EmulatorProcess {
  private nextId = 1;
  private readonly waiting = new Map<number, (value: unknown) => void>();

  private constructor(
    private readonly child: ChildProcess,
    readonly apiUrl: string,
    readonly port: number,
    readonly token: string,
  ) {
    child.on('message', (raw) => {
      const msg = raw as { id?: number };
      if (msg.id === undefined) return;
      this.waiting.get(msg.id)?.(msg);
      this.waiting.delete(msg.id);
    });
  }

  static async start(options: EmulatorOptions = {}): Promise<EmulatorProcess> {
    const child = fork(path.join(ROOT, 'bench/emulatorProcess.ts'), [], {
      cwd: ROOT,
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, BENCH_EMULATOR_OPTIONS: JSON.stringify(options) },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    const ready = await new Promise<{ apiUrl: string; port: number; token: string }>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('emulator process did not start within 30 s')), 30_000);
      child.once('message', (msg) => {
        clearTimeout(timer);
        resolve(msg as { apiUrl: string; port: number; token: string });
      });
      child.once('exit', (code) => reject(new Error(`emulator process exited with ${code}`)));
    });
    return new EmulatorProcess(child, ready.apiUrl, ready.port, ready.token);
  }

  get pid(): number {
    return this.child.pid!;
  }

  private ask(request: Record<string, unknown>): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.child.send({ ...request, id });
    });
  }

  /** Calls received between `since` and `until` (epoch ms), and every accepted DM. */
  async stats(since?: number, until?: number): Promise<EmulatorStats> {
    const answer = (await this.ask({ type: 'stats', ...(since !== undefined ? { since } : {}), ...(until !== undefined ? { until } : {}) })) as {
      stats: EmulatorStats;
    };
    return answer.stats;
  }

  /** Close its port, keeping the workspace: Slack unreachable (connection refused). */
  async down(): Promise<void> {
    await this.ask({ type: 'down' });
  }

  /** Listen on the same port again. */
  async up(): Promise<void> {
    await this.ask({ type: 'up' });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGTERM');
    await exited;
  }
}

/** A read-only look at Vigil's database from outside its process. */
export class DbPeek {
  private readonly db: Database.Database;

  constructor(databasePath: string) {
    this.db = new Database(databasePath, { readonly: true, fileMustExist: true });
  }

  /** Effects not yet delivered (pending or in_flight). */
  undelivered(): number {
    return (this.db.prepare("select count(*) as n from effects where status in ('pending', 'in_flight')").get() as { n: number }).n;
  }

  count(table: string): number {
    return (this.db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
  }

  all<T>(sql: string, ...params: unknown[]): T[] {
    return this.db.prepare(sql).all(...params) as T[];
  }

  close(): void {
    this.db.close();
  }
}
