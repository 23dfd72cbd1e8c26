import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProcessRig } from '../support/processRig.js';
import { DETECTOR_ALERT } from '../support/samples.js';
import { TOKENS } from '../support/testPolicy.js';

// Real processes start slowly on a busy machine: a minute, not the default half.
describe('a crash mid-storm', { timeout: 60_000 }, () => {
  let rig: ProcessRig;

  beforeEach(async () => {
    rig = await ProcessRig.create();
  });

  afterEach(async () => {
    await rig.destroy();
  });

  it('kill -9 while alerts pour in loses no alert that was answered 202', async () => {
    await rig.vigil.start();
    const accepted: string[] = [];
    let sent = 0;
    let killed = false;
    const send = async (key: string) => {
      const res = await fetch(`${rig.vigil.url}/webhooks/detector`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKENS.detector}`, 'content-type': 'application/json' },
        body: JSON.stringify({ ...DETECTOR_ALERT, dedupKey: key, title: `PSI on ${key}` }),
      }).catch(() => undefined);
      if (res?.status === 202) accepted.push(key);
    };
    // Sixteen senders at once, until the process is killed under them.
    const sender = async () => {
      while (!killed && sent < 2_000) await send(`storm-${(sent += 1)}`);
    };
    const senders = Array.from({ length: 16 }, sender);
    await new Promise<void>((resolve) => {
      const look = setInterval(() => {
        if (accepted.length >= 150) {
          clearInterval(look);
          resolve();
        }
      }, 5);
    });
    await rig.vigil.kill();
    killed = true;
    await Promise.all(senders);
    expect(accepted.length).toBeGreaterThanOrEqual(150);

    // Every alert that got its 202 survived the crash, and restarting keeps it so.
    await rig.vigil.start();
    const db = new Database(rig.databasePath, { readonly: true });
    try {
      const keys = new Set((db.prepare('select dedup_key as k from alerts').all() as Array<{ k: string }>).map((r) => r.k));
      const lost = accepted.filter((key) => !keys.has(key));
      expect(lost).toEqual([]);
      // ...and none is stored twice.
      const doubled = db.prepare('select dedup_key from alerts group by dedup_key having count(*) > 1').all();
      expect(doubled).toEqual([]);
    } finally {
      db.close();
    }
  });
});
