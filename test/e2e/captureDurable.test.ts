import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Harness } from '../support/harness.js';
import { PEOPLE } from '../support/testPolicy.js';
import { postInChannel, slackEvent, timelineOf } from '../support/surfacePayloads.js';

// A 📌 names a message without its text, so Vigil reads it back from Slack. Slack sends the
// event once (it got its 200), so a read-back that fails must be retried from the durable queue
// until Slack answers, across restarts, and still keep the message exactly once.

describe('a 📌 is captured durably, whatever Slack does when the message is read back', () => {
  let h: Harness;
  let channel: string;
  beforeEach(async () => {
    h = await Harness.start();
    channel = await h.openFixtureIncident();
  });
  afterEach(async () => {
    await h.close();
  });

  const captured = () => timelineOf(h, 'message.captured');
  const pushpin = (ts: string, user = PEOPLE.mlPrimary) => ({ type: 'reaction_added', user, reaction: 'pushpin', item_user: PEOPLE.mlSecondary, item: { type: 'message', channel, ts } });
  const effects = () => h.vigil.store.sqlite.prepare("select kind, status, attempts from effects where kind = 'message.capture'").all() as Array<{ kind: string; status: string; attempts: number }>;
  const historyCalls = () => h.emulator.callsTo('conversations.history').length;
  async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error('condition not met in time');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  it('survives two failed read-backs: answered at once, kept once the third read succeeds', async () => {
    const ts = await postInChannel(h, channel, 'Retraining job failed at 14:02, rolled back to v41');
    h.emulator.injectFault('conversations.history', { status: 500 }, 2);
    const before = historyCalls();

    const started = Date.now();
    const res = await slackEvent(h, pushpin(ts), 'Ev0DURABLE1');
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(1000);

    await h.settle();
    expect(historyCalls() - before).toBe(3);
    expect(captured()).toMatchObject([
      { actor: PEOPLE.mlPrimary, data: { ts, text: 'Retraining job failed at 14:02, rolled back to v41', author: expect.any(String), via: 'reaction' } },
    ]);
    expect(effects()).toEqual([{ kind: 'message.capture', status: 'done', attempts: 3 }]);

    // Slack resends the event; a second person 📌s the same message: still kept once.
    await slackEvent(h, pushpin(ts), 'Ev0DURABLE1', { retry: 1 });
    await slackEvent(h, pushpin(ts, PEOPLE.lead), 'Ev0DURABLE2');
    await h.settle();
    expect(captured()).toHaveLength(1);
  });

  it('survives Slack refusing with a platform error, then rate limiting', async () => {
    const ts = await postInChannel(h, channel, 'Canary at 5% shows the same drift');
    h.emulator.injectFault('conversations.history', { error: 'internal_error' }, 1);
    h.emulator.injectFault('conversations.history', { rateLimited: 1 }, 1);
    await slackEvent(h, pushpin(ts), 'Ev0DURABLE3');
    await h.settle();
    expect(captured()).toMatchObject([{ data: { ts, text: 'Canary at 5% shows the same drift', via: 'reaction' } }]);
  });

  it('survives a restart between a failed read-back and the next', async () => {
    const ts = await postInChannel(h, channel, 'Feature store lag back under 5 min');
    const before = historyCalls();
    h.emulator.injectFault('conversations.history', { status: 500 }, 1);
    await slackEvent(h, pushpin(ts), 'Ev0DURABLE4');
    const failedOnce = () => h.vigil.store.sqlite.prepare("select count(*) as n from effects where kind = 'message.capture' and status = 'in_flight' and last_error is not null").get() as { n: number };
    await until(() => historyCalls() > before && failedOnce().n === 1);
    // The read failed; the next try is about a second away. Stop Vigil before it.
    expect(captured()).toHaveLength(0);
    await h.vigil.close();

    await h.boot();
    await h.settle();
    expect(captured()).toMatchObject([{ data: { ts, text: 'Feature store lag back under 5 min', via: 'reaction' } }]);
  });

  it('a 📌 on a message Slack no longer has keeps nothing and gives up nothing', async () => {
    await slackEvent(h, pushpin('1790000000.999999'), 'Ev0GONE');
    await h.settle();
    expect(captured()).toHaveLength(0);
    expect(effects()).toMatchObject([{ status: 'done' }]);
  });

  it('a 📌 outside an incident channel queues nothing and records nothing', async () => {
    const general = h.emulator.channelByName('general')!.id;
    const ts = await postInChannel(h, general, 'lunch?');
    await slackEvent(h, { ...pushpin(ts), item: { type: 'message', channel: general, ts } }, 'Ev0ELSEWHERE');
    await h.settle();
    expect(effects()).toHaveLength(0);
    expect(h.vigil.store.sqlite.prepare("select count(*) as n from processed_slack_events where event_id = 'Ev0ELSEWHERE'").get()).toEqual({ n: 0 });
  });
});
