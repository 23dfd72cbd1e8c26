import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Harness } from '../support/harness.js';
import { PEOPLE } from '../support/testPolicy.js';
import { messageShortcut, postInChannel, slackEvent, timelineOf } from '../support/surfacePayloads.js';

const SHORTCUT = 'add_to_timeline';

describe('capturing Slack messages on the timeline', () => {
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
  const lastResponse = () => h.emulator.responses.at(-1)?.body as { text: string; response_type: string } | undefined;

  it('the message shortcut adds a message from the incident channel, once', async () => {
    const message = { channel, ts: '1790000000.000100', text: 'Deploy 4412 went out at 13:50, <@U0DATAONE> can you check?', author: PEOPLE.mlSecondary };
    const res = await messageShortcut(h, SHORTCUT, message);
    expect(res.status).toBe(200);
    await h.settle();
    expect(lastResponse()).toMatchObject({ response_type: 'ephemeral' });
    expect(lastResponse()!.text).toContain('Added to the INC-1 timeline');
    expect(captured()).toMatchObject([
      {
        incident_id: 1,
        actor: PEOPLE.responder,
        data: { ts: message.ts, text: message.text, author: PEOPLE.mlSecondary, channelId: channel, via: 'shortcut' },
      },
    ]);

    await messageShortcut(h, SHORTCUT, message, { user: PEOPLE.mlPrimary });
    await h.settle();
    expect(lastResponse()!.text).toContain('already on the INC-1 timeline');
    expect(captured()).toHaveLength(1);
  });

  it('the message shortcut outside an incident channel explains instead', async () => {
    const general = h.emulator.channelByName('general')!.id;
    await messageShortcut(h, SHORTCUT, { channel: general, ts: '1790000000.000200', text: 'lunch?' });
    await h.settle();
    expect(lastResponse()!.text).toContain('not an incident channel');
    expect(captured()).toHaveLength(0);
  });

  it('a pin in the incident channel adds the message; a retried event and a later 📌 on it record nothing more', async () => {
    const ts = await postInChannel(h, channel, 'Rollback done, accuracy recovering');
    const pin = {
      type: 'pin_added',
      user: PEOPLE.mlPrimary,
      channel_id: channel,
      item: { type: 'message', channel, created: 1790000001, created_by: PEOPLE.mlPrimary, message: { type: 'message', user: PEOPLE.mlSecondary, ts, text: 'Rollback done, accuracy recovering' } },
    };
    expect((await slackEvent(h, pin, 'Ev0PIN1')).status).toBe(200);
    await h.settle();
    expect(captured()[0]).toMatchObject({ actor: PEOPLE.mlPrimary, data: { ts, text: 'Rollback done, accuracy recovering', author: PEOPLE.mlSecondary, via: 'pin' } });

    expect((await slackEvent(h, pin, 'Ev0PIN1', { retry: 1 })).status).toBe(200);
    const reaction = { type: 'reaction_added', user: PEOPLE.lead, reaction: 'pushpin', item_user: PEOPLE.mlSecondary, item: { type: 'message', channel, ts } };
    await slackEvent(h, reaction, 'Ev0REACT1');
    await h.settle();
    expect(captured()).toHaveLength(1);
    const seen = h.vigil.store.sqlite.prepare('select event_id from processed_slack_events order by event_id').all();
    expect(seen).toEqual([{ event_id: 'Ev0PIN1' }, { event_id: 'Ev0REACT1' }]);
  });

  it('a 📌 reaction reads the message back from Slack and adds it; a retry of that event is recorded once', async () => {
    const ts = await postInChannel(h, channel, 'Feature store lag is 3 h since 12:00');
    const reaction = { type: 'reaction_added', user: PEOPLE.mlPrimary, reaction: 'pushpin', item_user: h.emulator.botUserId, item: { type: 'message', channel, ts } };
    await slackEvent(h, reaction, 'Ev0REACT2');
    await h.settle();
    expect(captured()[0]).toMatchObject({ actor: PEOPLE.mlPrimary, data: { ts, text: 'Feature store lag is 3 h since 12:00', via: 'reaction' } });
    const history = h.emulator.callsTo('conversations.history').at(-1)!;
    expect(history.args).toMatchObject({ channel, latest: ts });

    await slackEvent(h, reaction, 'Ev0REACT2', { retry: 1 });
    await slackEvent(h, reaction, 'Ev0REACT2', { retry: 2 });
    await h.settle();
    expect(captured()).toHaveLength(1);
  });

  it('ignores other reactions and pins outside incident channels', async () => {
    const ts = await postInChannel(h, channel, 'nice work');
    await slackEvent(h, { type: 'reaction_added', user: PEOPLE.lead, reaction: 'tada', item: { type: 'message', channel, ts } }, 'Ev0TADA');
    const general = h.emulator.channelByName('general')!.id;
    await slackEvent(
      h,
      { type: 'pin_added', user: PEOPLE.lead, channel_id: general, item: { type: 'message', channel: general, message: { type: 'message', user: PEOPLE.lead, ts: '1790000000.000900', text: 'menu' } } },
      'Ev0PINGENERAL',
    );
    await h.settle();
    expect(captured()).toHaveLength(0);
  });
});
