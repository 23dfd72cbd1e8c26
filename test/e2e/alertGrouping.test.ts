import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Harness } from '../support/harness.js';
import { DETECTOR_ALERT } from '../support/samples.js';

const MINUTE = 60_000;
// The built-in grouping window: alerts of the same model and category join an open incident that
// heard from an alert within it.
const WINDOW = 30 * MINUTE;

const alert = (dedupKey: string) => ({ ...DETECTOR_ALERT, dedupKey, title: `PSI drift (${dedupKey})` });

describe('grouping alerts by model while an incident hears from them', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await Harness.start();
  });
  afterEach(async () => {
    await h.close();
  });

  it('joins while alerts keep coming, repeats count as hearing from it, and opens a new incident after a quiet window', async () => {
    const first = await h.webhook('detector', alert('psi:age'));
    expect(first.body).toMatchObject({ incidentId: 1, deduplicated: false });

    // Another alert of the same model and category 20 minutes on: it joins.
    h.clock.advance(20 * MINUTE);
    expect((await h.webhook('detector', alert('psi:income'))).body).toMatchObject({ incidentId: 1, deduplicated: false });

    // The first alert delivered again 25 minutes later (a repeat): the incident has heard from an alert.
    h.clock.advance(25 * MINUTE);
    expect((await h.webhook('detector', alert('psi:age'))).body).toMatchObject({ incidentId: 1, deduplicated: true });

    // 45 minutes after the first alert, but 20 after the last heard: still the same incident.
    h.clock.advance(20 * MINUTE);
    expect((await h.webhook('detector', alert('psi:tenure'))).body).toMatchObject({ incidentId: 1, deduplicated: false });

    // Silence for longer than the window: the next alert of the model is a new incident.
    h.clock.advance(WINDOW + MINUTE);
    expect((await h.webhook('detector', alert('psi:region'))).body).toMatchObject({ incidentId: 2, deduplicated: false });
  });

  it('a cleared alert counts as hearing from the incident', async () => {
    await h.webhook('detector', alert('psi:age'));
    h.clock.advance(25 * MINUTE);
    expect((await h.webhook('detector', { ...alert('psi:age'), status: 'resolved' })).status).toBe(202);
    h.clock.advance(25 * MINUTE);
    expect((await h.webhook('detector', alert('psi:income'))).body).toMatchObject({ incidentId: 1, deduplicated: false });
  });
});
