import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/db/connection.js';
import { chatterLane, enqueueEffect, incidentLane, laneHeads, markDone, markInFlight, userLane } from '../../src/effects/outbox.js';
import type { EffectKind } from '../../src/effects/effectKinds.js';
import { scratchDir } from '../support/scratch.js';

// What a delivery worker may start next: the rules a pass relies on, read straight from the queue.
describe('lane heads', () => {
  let dir: string;
  let store: Store;
  const now = new Date('2026-11-30T06:00:00Z');

  beforeEach(() => {
    dir = scratchDir('vigil-heads-');
    store = openStore(path.join(dir, 'vigil.db'));
  });

  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Queues an effect and returns its id. Payloads do not matter to the heads. */
  const queue = (incidentId: number | null, kind: EffectKind, lane?: string): number => {
    enqueueEffect(store.db, incidentId, kind, { n: Math.random() } as never, now, lane);
    return (store.sqlite.prepare('select max(id) as id from effects').get() as { id: number }).id;
  };
  const heads = () => laneHeads(store.db).map((h) => ({ id: h.id, lane: h.lane, kind: h.kind, waitingForSetup: h.waitingForSetup }));

  it('gives each lane its oldest undelivered effect, core lanes before chatter, then oldest first', () => {
    const digest1 = queue(1, 'alerts.digest');
    const create1 = queue(1, 'channel.create');
    queue(1, 'summary.post');
    const createdDone = queue(2, 'channel.create');
    markDone(store.db, createdDone, now, { channel: 'C2' });
    const page2 = queue(2, 'page.dm');
    queue(2, 'pages.refresh');
    const notice2 = queue(2, 'channel.notice');
    const home = queue(null, 'home.publish', userLane('U1'));

    expect(heads()).toEqual([
      { id: create1, lane: incidentLane(1), kind: 'channel.create', waitingForSetup: false },
      { id: page2, lane: incidentLane(2), kind: 'page.dm', waitingForSetup: false },
      // Incident 1's chatter waits until its channel, summary and checklist are set up; incident 2's may go.
      { id: digest1, lane: chatterLane(1), kind: 'alerts.digest', waitingForSetup: true },
      { id: notice2, lane: chatterLane(2), kind: 'channel.notice', waitingForSetup: false },
      { id: home, lane: userLane('U1'), kind: 'home.publish', waitingForSetup: false },
    ]);
  });

  it('keeps an effect in flight at its lane head, and moves on once it is done', () => {
    const first = queue(3, 'summary.post');
    const second = queue(3, 'summary.refresh');
    markInFlight(store.db, first);
    expect(heads().map((h) => h.id)).toEqual([first]);
    markDone(store.db, first, now);
    expect(heads().map((h) => h.id)).toEqual([second]);
    markDone(store.db, second, now);
    expect(heads()).toEqual([]);
  });
});
