/**
 * One delivery-worker pass over a deep outbox, in process: 10,000 undelivered effects across 50
 * lanes (a third of the lane heads waiting in backoff, as after a Slack outage), timing the
 * queries a pass runs. Baseline: a bare `select count(*)` and a one-row insert on the same database.
 *
 * The worker's queries change with the code, so this looks at what src/effects/outbox.ts exports:
 * `laneHeads(db)` + `effectsById(db, ids)` (the heads it would start) when they exist, else the older
 * `dueLaneHeads(db, now, busy, 4)` + `nextDueAt(db)`. Adapt `passQueries` when they change again.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openStore } from '../src/db/connection.js';
import type { Db } from '../src/db/connection.js';
import * as outbox from '../src/effects/outbox.js';
import { enqueueEffect, markRetry } from '../src/effects/outbox.js';
import { ms, pct } from './load.js';

function time(fn: () => unknown, runs: number): number[] {
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    fn();
    samples.push(performance.now() - started);
  }
  return samples;
}

type Fn = (...args: unknown[]) => unknown;

/** The queries one worker pass makes, named, for whichever outbox API this tree has. */
function passQueries(db: Db): { name: string; run: () => void } {
  const api = outbox as unknown as Record<string, Fn | undefined>;
  const { laneHeads, effectsById, dueLaneHeads, nextDueAt } = api;
  if (laneHeads && effectsById) {
    return {
      name: 'laneHeads + effectsById(4 heads)',
      run: () => {
        const heads = laneHeads(db) as Array<{ id: number }>;
        effectsById(db, heads.slice(0, 4).map((head) => head.id));
      },
    };
  }
  if (dueLaneHeads && nextDueAt) {
    return {
      name: 'dueLaneHeads(4) + nextDueAt',
      run: () => {
        dueLaneHeads(db, new Date(), new Set(), 4);
        nextDueAt(db);
      },
    };
  }
  throw new Error('workerPass: src/effects/outbox.ts has neither laneHeads nor dueLaneHeads; adapt bench/workerPass.ts');
}

const line = (samples: number[]) => `p50 ${ms(pct(samples, 0.5))} max ${ms(Math.max(...samples))}`;

export async function benchWorkerPass(effects = 10_000, lanes = 50, runs = 30): Promise<string[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'vigil-pass-'));
  const store = openStore(path.join(dir, 'vigil.db'));
  try {
    const { db, sqlite } = store;
    const now = new Date();
    sqlite.transaction(() => {
      for (let i = 0; i < effects; i += 1) {
        const lane = i % lanes;
        enqueueEffect(db, null, 'channel.notice', { notice: 'alert_attached', data: { alertId: i } }, now, `incident:${lane + 1}`);
      }
    })();
    // Lane heads of every third lane failed once and wait for their retry a minute from now.
    const heads = sqlite.prepare('select min(id) as id, lane from effects group by lane').all() as Array<{ id: number; lane: string }>;
    for (const [i, head] of heads.entries()) if (i % 3 === 0) markRetry(db, head.id, new Date(Date.now() + 60_000), 'bench: Slack was down');

    const queries = passQueries(db);
    const pass = time(queries.run, runs);
    const count = time(() => sqlite.prepare('select count(*) from effects').get(), runs);
    const insert = sqlite.prepare("insert into effects (lane, kind, payload, status, attempts, next_attempt_at, created_at) values ('bench', 'bench', '{}', 'done', 0, 0, 0)");
    const insertOne = time(() => insert.run(), runs);
    return [
      `worker pass over ${effects.toLocaleString('en-US')} pending effects in ${lanes} lanes (${queries.name}, ${runs} passes): ${line(pass)} | baseline same DB: select count(*) ${line(count)}, one-row insert (own commit) ${line(insertOne)}`,
    ];
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
