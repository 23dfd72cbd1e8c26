import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Harness, fixture, messageText } from '../support/harness.js';
import { PEOPLE } from '../support/testPolicy.js';

describe('triage checklist interaction', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await Harness.start();
    await h.webhook('alertmanager', fixture('alertmanager-firing.json'));
    await h.settle();
  });
  afterEach(async () => {
    await h.close();
  });

  const checklistMessage = () => h.channelMessages(1).find((m) => m.text === 'Triage checklist')!;

  it('ticking an item is acknowledged at once, recorded with who and when, and shown in the message', async () => {
    const res = await h.click(checklistMessage(), 'checklist:toggle:triage-1', { user: PEOPLE.mlPrimary });
    expect(res.status).toBe(200);
    await h.settle();

    const updated = checklistMessage();
    expect(updated.history.length).toBe(1);
    const text = messageText(updated);
    expect(text).toContain(`done by <@${PEOPLE.mlPrimary}>`);
    expect(text).toContain('1 of 13 done');

    const event = h.vigil.store.sqlite
      .prepare("select actor, at, data from timeline_events where kind = 'checklist.checked'")
      .get() as { actor: string; at: number; data: string };
    expect(event.actor).toBe(PEOPLE.mlPrimary);
    expect(event.at).toBe(h.clock.now().getTime());
    expect(JSON.parse(event.data)).toMatchObject({ itemId: 'triage-1', list: 'triage', text: expect.stringContaining('Confirm which alert fired') });
  });

  it('unticking restores the item, and a repeated click of a stale button changes nothing', async () => {
    // A copy, as the person's Slack client still shows it before the update arrives.
    const before = structuredClone(checklistMessage());
    await h.click(before, 'checklist:toggle:triage-2');
    await h.settle();
    // The same (stale) "Mark done" button clicked again: no second tick recorded.
    await h.click(before, 'checklist:toggle:triage-2');
    await h.settle();
    await h.click(checklistMessage(), 'checklist:toggle:triage-2');
    await h.settle();
    expect(messageText(checklistMessage())).toContain('0 of 13 done');
    const kinds = h.vigil.store.sqlite
      .prepare("select kind from timeline_events where kind like 'checklist.%' order by id")
      .all()
      .map((r) => (r as { kind: string }).kind);
    expect(kinds).toEqual(['checklist.checked', 'checklist.unchecked']);
  });
});
