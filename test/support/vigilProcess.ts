import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { inject } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

/**
 * How to start src/main.ts: from the copy compiled once per run (buildForProcesses.ts), or through
 * tsx when there is none (a run without that global setup).
 */
export function vigilCommand(): string[] {
  const built = inject('vigilBuild');
  const main = built ? path.join(built, 'src/main.js') : undefined;
  return main && existsSync(main) ? [main] : ['--import', 'tsx', path.join(ROOT, 'src/main.ts')];
}

/**
 * Vigil as a real operating-system process (src/main.ts, see vigilCommand), for tests that kill it
 * with SIGKILL and start it again on the same database.
 */
export class VigilProcess {
  private child: ChildProcess | undefined;
  output = '';
  port = 0;

  constructor(private readonly env: Record<string, string>) {}

  async start(extraEnv: Record<string, string> = {}): Promise<void> {
    this.output = '';
    const child = spawn(process.execPath, vigilCommand(), {
      cwd: ROOT,
      env: { PATH: process.env['PATH'] ?? '', PORT: '0', HOST: '127.0.0.1', ...this.env, ...extraEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const collect = (chunk: Buffer) => {
      this.output += chunk.toString();
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    this.port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`vigil did not start:\n${this.output}`)), 30_000);
      const look = () => {
        const match = /vigil listening on port (\d+)/.exec(this.output);
        if (match) {
          clearTimeout(timer);
          resolve(Number(match[1]));
        }
      };
      child.stdout!.on('data', look);
      child.stderr!.on('data', look);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`vigil exited with ${code} before listening:\n${this.output}`));
      });
    });
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** No goodbye: the way a crash or an OOM kill ends a process. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }
}

/** Run a short-lived Vigil command and collect how it ended (for start-up failures). */
export function runVigilOnce(env: Record<string, string>, timeoutMs = 30_000): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, vigilCommand(), {
      cwd: ROOT,
      env: { PATH: process.env['PATH'] ?? '', PORT: '0', HOST: '127.0.0.1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}
