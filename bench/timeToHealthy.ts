import { startBareServer, startVigil, type VigilProcessOptions } from './processes.js';
import { ms } from './load.js';

/**
 * `node dist/main.js` started on an existing database (the storm's), timed from spawn to the first
 * 200 on /healthz; baseline: bare node:http from spawn to its first answer. Best and worst of `runs`.
 */
export async function timeToHealthy(opts: VigilProcessOptions, runs = 3): Promise<string> {
  const vigilMs: number[] = [];
  const bareMs: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const { vigil, msToHealthy } = await startVigil(opts);
    vigilMs.push(msToHealthy);
    await vigil.stop();
    const { server, msToAnswer } = await startBareServer();
    bareMs.push(msToAnswer);
    await server.stop();
  }
  const span = (v: number[]) => `${ms(Math.min(...v))} .. ${ms(Math.max(...v))}`;
  return `time to healthy on the storm's database (${runs} starts): Vigil ${span(vigilMs)} | baseline bare node:http to first answer ${span(bareMs)}`;
}
