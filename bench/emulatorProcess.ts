/**
 * The Slack emulator in its own process for the benchmarks (started by bench/processes.ts with
 * `fork` and tsx), so answering Vigil's Slack calls does not share the load generator's CPU.
 * Options come as JSON in BENCH_EMULATOR_OPTIONS; it talks to the parent over IPC:
 *   -> { type: 'ready', apiUrl, port, token }
 *   <- { id, type: 'stats', since?, until? }  -> { id, stats: EmulatorStats }
 *   <- { id, type: 'down' } closes its port (state kept: Slack unreachable) -> { id }
 *   <- { id, type: 'up' } listens on the same port again -> { id }
 */
import { createSlackEmulator, type EmulatorOptions } from '@vigil/slack-emulator';

export interface DmRecord {
  /** The user the IM is with. */
  user: string;
  /** When the emulator handled the call (epoch ms). */
  at: number;
  text: string;
}

export interface EmulatorStats {
  /** Web API calls received in the window, every answer counted (429s too). */
  calls: number;
  byMethod: Record<string, number>;
  /** Of those, answered 429 (beyond the per-channel pace). */
  rateLimited: number;
  /** Every chat.postMessage into an IM that Slack accepted, whatever the window. */
  dms: DmRecord[];
}

type Request = { id: number; type: 'stats'; since?: number; until?: number } | { id: number; type: 'down' | 'up' };

const options = JSON.parse(process.env['BENCH_EMULATOR_OPTIONS'] ?? '{}') as EmulatorOptions & { port?: number };
const emulator = createSlackEmulator(options);
await emulator.start(options.port ?? 0, '127.0.0.1');
const port = Number(new URL(emulator.baseUrl).port);
emulator.addChannel({ name: 'general', id: 'C0GENERAL' });

function stats(since = 0, until = Number.POSITIVE_INFINITY): EmulatorStats {
  const byMethod: Record<string, number> = {};
  let calls = 0;
  let rateLimited = 0;
  const imUser = new Map(emulator.channels().filter((c) => c.isIm).map((c) => [c.id, c.user ?? c.name]));
  const dms: DmRecord[] = [];
  for (const call of emulator.calls) {
    const at = call.at.getTime();
    if (at >= since && at <= until) {
      calls += 1;
      byMethod[call.method] = (byMethod[call.method] ?? 0) + 1;
      if (call.status === 429) rateLimited += 1;
    }
    if (call.method !== 'chat.postMessage' || call.status !== 200) continue;
    const response = call.response as { ok?: boolean; channel?: string } | undefined;
    const user = response?.ok && response.channel ? imUser.get(response.channel) : undefined;
    if (user) dms.push({ user, at, text: typeof call.args['text'] === 'string' ? call.args['text'] : '' });
  }
  return { calls, byMethod, rateLimited, dms };
}

process.on('message', (raw) => {
  const msg = raw as Request;
  void (async () => {
    if (msg.type === 'stats') return process.send!({ id: msg.id, stats: stats(msg.since, msg.until) });
    if (msg.type === 'down') await emulator.stop();
    if (msg.type === 'up') await emulator.start(port, '127.0.0.1');
    process.send!({ id: msg.id });
  })();
});
process.on('disconnect', () => process.exit(0));
process.send!({ type: 'ready', apiUrl: emulator.apiUrl, port, token: emulator.token });
