import { sql } from 'drizzle-orm';
import { describe, it } from 'vitest';
import { addNote } from '../../src/incidents/addNote.js';
import { Harness } from '../support/harness.js';
import { DETECTOR_ALERT } from '../support/samples.js';
import { PEOPLE } from '../support/testPolicy.js';

const undeliveredNotices = (h: Harness): number =>
  h.vigil.store.db.get<{ n: number }>(sql`select count(*) as n from effects where kind = 'channel.notice' and status in ('pending', 'in_flight')`)!.n;

/** These tests are about Slack's pace (and a backlog of chatter behind it): each delivers at it, on its own harness. */
const atSlackPace = (story: (h: Harness) => Promise<void>) => Harness.run({ slackPace: true }, story);

// Side by side: each test spends seconds waiting on Slack's pace or a backoff, not computing.
describe.concurrent('pages first, Slack paced, cheap when Slack is down', () => {
  it('a page that falls due behind a long backlog of channel chatter reaches its person first', ({ expect }) => atSlackPace(async (h) => {
    expect((await h.webhook('detector', DETECTOR_ALERT)).status).toBe(202);
    await h.settle();
    // Forty notes, the same use case /incident note calls: forty lines that Slack's pace of one
    // message a second per channel makes a backlog of most of a minute.
    for (let i = 0; i < 40; i++) addNote(h.vigil.ctx, { incidentId: 1, userId: PEOPLE.responder, text: `finding ${i}` });
    expect(undeliveredNotices(h)).toBeGreaterThan(35);

    // L2 (the data rotation's secondary) is due 15 minutes in: move the clock and let the scheduler fire.
    h.clock.advance(15 * 60_000);
    h.vigil.scheduler.tick();
    const started = Date.now();
    await h.emulator.waitFor(() => h.emulator.dmsTo(PEOPLE.dataSecondary).length > 0, 5_000);
    // The page went out while nearly all of the chatter still waits its turn.
    expect(undeliveredNotices(h)).toBeGreaterThan(30);
    expect(Date.now() - started).toBeLessThan(5_000);
  }));

  it('keeps chatter to about one message a second per channel, after a short burst', ({ expect }) => atSlackPace(async (h) => {
    expect((await h.webhook('detector', DETECTOR_ALERT)).status).toBe(202);
    await h.settle();
    const channel = h.incidentChannel(1)!.id;
    for (let i = 0; i < 7; i++) addNote(h.vigil.ctx, { incidentId: 1, userId: PEOPLE.responder, text: `finding ${i}` });
    await h.settle();
    const notes = h.emulator.messages(channel).filter((m) => m.text.includes('finding'));
    expect(notes).toHaveLength(7);
    // A burst of three, then one a second: the seventh comes at least about four seconds after the first.
    const spread = (Number(notes[6]!.ts) - Number(notes[0]!.ts)) * 1000;
    expect(spread).toBeGreaterThanOrEqual(3_500);
  }));

  it('while Slack is unreachable the worker sleeps until its earliest retry, and the backlog lands once Slack is back', ({ expect }) => atSlackPace(async (h) => {
    const port = Number(new URL(h.emulator.apiUrl).port);
    await h.emulator.stop();
    expect((await h.webhook('detector', DETECTOR_ALERT)).status).toBe(202);
    const passesAtStart = h.vigil.worker.passes;
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    // Retries back off 1 s, 2 s, ...: a handful of passes in 3 s, where a spinning worker makes thousands.
    const passes = h.vigil.worker.passes - passesAtStart;
    expect(passes).toBeLessThanOrEqual(8);
    const heads = h.vigil.store.db.all<{ next: number }>(sql`select next_attempt_at as next from effects where status = 'in_flight'`);
    expect(heads.length).toBeGreaterThan(0);
    for (const head of heads) expect(head.next).toBeLessThanOrEqual(Date.now() + 30_000);

    await h.emulator.start(port);
    await h.vigil.settle(15_000);
    expect(h.incidentChannel(1)).toBeDefined();
    expect(h.emulator.messages(h.incidentChannel(1)!.id).some((m) => m.text.startsWith('INC-1'))).toBe(true);
  }));
});
