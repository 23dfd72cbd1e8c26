import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Harness, type HttpAnswer } from '../support/harness.js';
import { DETECTOR_ALERT } from '../support/samples.js';

const alert = (key: string) => ({ ...DETECTOR_ALERT, dedupKey: key, title: `PSI on ${key}` });
const stored = (h: Harness, key: string): boolean =>
  h.vigil.store.sqlite.prepare('select 1 from alerts where dedup_key = ?').get(key) !== undefined;

describe('webhooks share commits (group commit)', () => {
  let h: Harness;

  beforeEach(async () => {
    h = await Harness.start();
  });

  afterEach(async () => {
    await h.close();
  });

  /**
   * Send every alert while commits are held, so they all wait for one commit, as requests that
   * arrive while a transaction is being written do; check that none is answered early.
   */
  async function sendAsOneBatch(keys: string[]): Promise<Map<string, HttpAnswer>> {
    // The delivery worker records its attempts through the same commits: let it finish first.
    await h.settle();
    h.vigil.commits.pause();
    let answered = 0;
    const pending = keys.map((key) => h.webhook('detector', alert(key)).finally(() => (answered += 1)));
    await h.emulator.waitFor(() => h.vigil.commits.queued === keys.length, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    // Read and validated, but not committed: nobody has an answer, nothing is stored.
    expect(answered).toBe(0);
    for (const key of keys) expect(stored(h, key)).toBe(false);
    const batchesBefore = h.vigil.commits.recentBatchSizes.length;
    h.vigil.commits.resume();
    const answers = await Promise.all(pending);
    expect(h.vigil.commits.recentBatchSizes.slice(batchesBefore)).toEqual([keys.length]);
    return new Map(keys.map((key, i) => [key, answers[i]!]));
  }

  it('concurrent webhooks are committed together, each answered 202 only once its alert is stored', async () => {
    const keys = Array.from({ length: 40 }, (_, i) => `gc-${i}`);
    const answers = await sendAsOneBatch(keys);
    for (const [key, answer] of answers) {
      expect(answer.status).toBe(202);
      expect(stored(h, key)).toBe(true);
    }
    const ids = [...answers.values()].flatMap((a) => (a.body as { alertIds: number[] }).alertIds);
    expect(new Set(ids).size).toBe(40);
    // One batch, yet grouped exactly as one at a time would be: one incident for one model.
    expect(new Set([...answers.values()].map((a) => (a.body as { incidentId: number }).incidentId)).size).toBe(1);
    await h.settle();
    expect(h.emulator.channels().filter((c) => c.name.startsWith('inc-'))).toHaveLength(1);
  });

  it('a storage failure in a batch answers 503 to every request of that batch and stores none of it', async () => {
    expect((await h.webhook('detector', alert('before'))).status).toBe(202);
    // SQLite itself refuses one alert's write, as a full disk or an I/O error would.
    h.vigil.store.sqlite.exec(`create trigger poison before insert on alerts when new.dedup_key = 'poison' begin select raise(abort, 'disk I/O error'); end`);
    const keys = [...Array.from({ length: 15 }, (_, i) => `batch-${i}`), 'poison'];
    const answers = await sendAsOneBatch(keys);
    for (const [key, answer] of answers) {
      expect(answer.status).toBe(503);
      expect(answer.headers.get('retry-after')).toBe('5');
      expect(stored(h, key)).toBe(false);
    }
    expect(stored(h, 'before')).toBe(true);

    // The senders retry (Alertmanager does on 5xx); once the disk is healthy every alert lands.
    h.vigil.store.sqlite.exec('drop trigger poison');
    const retried = await Promise.all(keys.map((key) => h.webhook('detector', alert(key))));
    expect(retried.map((a) => a.status)).toEqual(Array(keys.length).fill(202));
    for (const key of keys) expect(stored(h, key)).toBe(true);
  });
});
