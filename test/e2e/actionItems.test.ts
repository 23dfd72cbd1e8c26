import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EmuMessage } from '@vigil/slack-emulator';
import { actionItemActionId } from '../../src/slack/blocks/actionIds.js';
import { Harness, findButton, messageText } from '../support/harness.js';
import { checks, lastModal, select, submitView, text } from '../support/surfacePayloads.js';
import { PEOPLE } from '../support/testPolicy.js';

// Action items end to end: typed in an incident channel, listed across incidents, ticked from
// their buttons, and reminded to their owners on a moved clock. The harness clock starts on
// Sunday 2026-11-22 16:01 UTC, so "tomorrow" is Monday 2026-11-23.

interface ItemRow {
  id: number;
  incident_id: number;
  text: string;
  owner: string | null;
  due_at: number | null;
  status: string;
  done_by: string | null;
  done_at: number | null;
}

interface EphemeralAnswer {
  response_type: string;
  text: string;
  blocks?: unknown[];
}

const ana = PEOPLE.mlPrimary;
const bob = PEOPLE.mlSecondary;
const as = (user: string) => `<@${user}|${user.toLowerCase()}>`;

describe('action items', () => {
  let h: Harness;
  let channel: string;

  beforeEach(async () => {
    h = await Harness.start();
    channel = await h.openFixtureIncident();
    // Acknowledged, so a day of moved clock does not page everyone along the way.
    await h.type('ack', { channel, user: ana });
  });
  afterEach(async () => {
    await h.close();
  });

  const items = (): ItemRow[] => h.vigil.store.sqlite.prepare('select * from action_items order by id').all() as ItemRow[];
  const actionEvents = () =>
    (h.vigil.store.sqlite.prepare("select kind, actor, at, data from timeline_events where kind like 'action.%' order by id").all() as Array<{ kind: string; actor: string; at: number; data: string }>).map(
      (e) => ({ ...e, data: JSON.parse(e.data) as Record<string, unknown> }),
    );
  const listMessages = (inChannel = channel): EmuMessage[] => h.emulator.messages(inChannel).filter((m) => m.text.startsWith('Action items of'));
  const actions = async (args: string, opts: { user?: string; channel?: string } = {}): Promise<EphemeralAnswer> => {
    const res = await h.command(`actions ${args}`.trim(), opts);
    expect(res.status).toBe(200);
    return res.body as EphemeralAnswer;
  };
  /** The item ids a listing shows, in order. */
  const listed = (answer: { blocks?: unknown[] }): number[] =>
    (answer.blocks ?? []).flatMap((b) => {
      const id = /^action-item:(\d+)$/.exec((b as { block_id?: string }).block_id ?? '')?.[1];
      return id ? [Number(id)] : [];
    });
  const advanceTo = (iso: string) => h.advance(new Date(iso).getTime() - h.clock.now().getTime());

  /** A second incident, declared by hand (private when asked). Returns its id and channel. */
  async function declare(title: string, options: { private?: boolean } = {}): Promise<{ id: number; channel: string }> {
    await h.command(`declare ${title}`);
    await h.settle();
    await submitView(h, lastModal(h), {
      title: text(title),
      severity: select('SEV3'),
      category: select('data'),
      ...(options.private ? { isPrivate: checks('private') } : {}),
    });
    await h.settle();
    const id = (h.vigil.store.sqlite.prepare('select max(id) as id from incidents').get() as { id: number }).id;
    const row = h.vigil.store.sqlite.prepare('select channel_id from incidents where id = ?').get(id) as { channel_id: string };
    return { id, channel: row.channel_id };
  }

  it('adds an item with owner and due date: a private answer, one list in the channel, the timeline; a second item edits the list and is said in a line', async () => {
    const reply = await h.type(`action Alert on PSI of the fraud features ${as(ana)} tomorrow`, { channel, user: PEOPLE.responder });
    expect(reply).toContain('Added to the action items of INC-1');
    expect(reply).toContain('*Alert on PSI of the fraud features*');
    expect(reply).toContain(`owner <@${ana}>`);
    expect(reply).toContain('due tomorrow (Mon 23 Nov)');

    expect(items()).toMatchObject([
      { id: 1, incident_id: 1, text: 'Alert on PSI of the fraud features', owner: ana, due_at: Date.parse('2026-11-23T00:00:00Z'), status: 'open' },
    ]);
    expect(actionEvents()).toMatchObject([
      { kind: 'action.added', actor: PEOPLE.responder, data: { itemId: 1, text: 'Alert on PSI of the fraud features', owner: ana, dueAt: '2026-11-23T00:00:00.000Z' } },
    ]);
    const [list] = listMessages();
    expect(list).toBeDefined();
    expect(messageText(list!)).toContain('Alert on PSI of the fraud features');
    expect(messageText(list!)).toContain('1 open · 0 done');
    expect(findButton(list!.blocks ?? [], actionItemActionId(1))?.element).toMatchObject({ text: { text: 'Done' } });
    const lines = () => h.emulator.messages(channel).filter((m) => m.text.includes('added an action item'));
    // The first item is the list's first post: no extra line for it.
    expect(lines()).toHaveLength(0);

    await h.type('action Backfill the missing labels in 3d', { channel, user: bob });
    expect(listMessages()).toHaveLength(1);
    const edited = listMessages()[0]!;
    expect(edited.history.length).toBeGreaterThanOrEqual(1);
    expect(messageText(edited)).toContain('2 open · 0 done');
    expect(messageText(edited)).toContain('Backfill the missing labels');
    expect(messageText(edited)).toContain('_no owner_');
    expect(lines()).toHaveLength(1);
    expect(lines()[0]!.text).toContain(`<@${bob}> added an action item: Backfill the missing labels · no owner yet · due Wed 25 Nov 2026`);
  });

  it('answers misuse with the usage and an example, and stores nothing', async () => {
    const usage = 'Usage: `/incident action <text> [@owner] [due date]`';
    const cases: Array<[string, string]> = [
      ['action', 'What should be done?'],
      [`action ${as(ana)} friday`, 'What should be done?'],
      ['action Fix the feature job 2026-02-30', '2026-02-30 is not a day of the calendar'],
      ['action Fix the feature job 2026-11-01', '2026-11-01 is in the past'],
      ['action Fix the feature job in 3 months', 'say in 3d or in 2w'],
      ['action Fix the feature job due someday', '"someday" is not a due date'],
      ['action Fix the feature job @ana', 'is not a Slack user Vigil can see'],
      [`action Fix the feature job ${as(ana)} ${as(bob)}`, 'one owner'],
    ];
    for (const [typed, problem] of cases) {
      const reply = await h.type(typed, { channel });
      expect(reply, typed).toContain(problem);
      expect(reply, typed).toContain(usage);
      expect(reply, typed).toContain('Example: `/incident action ');
    }
    expect(await h.type('action Fix the feature job')).toContain('`/incident action` works inside an incident channel');
    const wrongScope = await actions('mine');
    expect(wrongScope.text).toContain('Usage: `/incident actions [all]`');
    expect(items()).toHaveLength(0);
  });

  it('lists open items across incidents, the caller’s own first and then by due date; a private incident’s only in its own channel', async () => {
    await h.type(`action Add a canary for the fraud model ${as(bob)} in 2w`, { channel }); // 1: bob, Dec 6
    await h.type(`action Document the rollback ${as(ana)} 2026-12-10`, { channel }); // 2: ana, Dec 10
    await h.type('action Alert on PSI tomorrow', { channel }); // 3: nobody, Nov 23
    await h.type(`action Write the review ${as(ana)} tuesday`, { channel }); // 4: ana, Nov 24
    const other = await declare('Feature store lag');
    await h.type(`action Page on feature store lag ${as(bob)} today`, { channel: other.channel }); // 5: bob, Nov 22
    const secret = await declare('Customer PII in model answers', { private: true });
    await h.type(`action Purge the leaked answers ${as(ana)} today`, { channel: secret.channel }); // 6: ana, private

    const forAna = await actions('', { user: ana });
    expect(listed(forAna)).toEqual([4, 2, 5, 3, 1]);
    const shown = JSON.stringify(forAna.blocks);
    expect(shown).toContain('*Yours*');
    expect(shown).toContain('*INC-2*');
    expect(shown).toContain('*due today*');
    expect(shown).not.toContain('Purge the leaked answers');

    expect(listed(await actions('', { user: bob }))).toEqual([5, 1, 3, 4, 2]);
    // In the private incident's channel its item is shown, in its place among ana's.
    expect(listed(await actions('', { user: ana, channel: secret.channel }))).toEqual([6, 4, 2, 5, 3, 1]);

    // A day later the earliest ones are overdue, and marked so.
    await advanceTo('2026-11-24T10:00:00Z');
    const later = JSON.stringify((await actions('', { user: ana })).blocks);
    expect(later).toContain(':warning: *overdue* 2 days (due Sun 22 Nov)');
  });

  it('marks done and undoes from the buttons, once under a double click, with who and when; `all` shows it done', async () => {
    await h.type(`action Alert on PSI of the fraud features ${as(ana)} tomorrow`, { channel });
    // A copy, as the person's Slack client still shows it before the edit arrives.
    const stale = structuredClone(listMessages()[0]!);
    await h.click(stale, actionItemActionId(1), { user: bob });
    await h.click(stale, actionItemActionId(1), { user: bob });
    await h.settle();

    expect(items()[0]).toMatchObject({ status: 'done', done_by: bob, done_at: h.clock.now().getTime() });
    expect(actionEvents().map((e) => [e.kind, e.actor])).toEqual([
      ['action.added', PEOPLE.responder],
      ['action.done', bob],
    ]);
    const list = listMessages()[0]!;
    expect(messageText(list)).toContain('0 open · 1 done');
    expect(messageText(list)).toContain(`done by <@${bob}>`);
    expect(findButton(list.blocks ?? [], actionItemActionId(1))?.element).toMatchObject({ text: { text: 'Undo' } });
    // The second click was told where the item stands, privately.
    expect(h.emulator.ephemerals.some((e) => e.user === bob && e.text.includes('already done'))).toBe(true);

    expect(listed(await actions('', { user: ana }))).toEqual([]);
    const all = await actions('all', { user: ana });
    expect(listed(all)).toEqual([1]);

    // Undo from the list only ana sees: the list is replaced in place, the channel's is edited.
    const general = h.emulator.channelByName('general')!.id;
    await h.click({ ts: '1790000000.000100', channel: general, blocks: all.blocks ?? [] }, actionItemActionId(1), { user: ana });
    await h.settle();
    expect(items()[0]).toMatchObject({ status: 'open', done_by: null, done_at: null });
    expect(actionEvents().at(-1)).toMatchObject({ kind: 'action.reopened', actor: ana, data: { itemId: 1 } });
    const replaced = h.emulator.responses.at(-1)?.body as { replace_original?: boolean; blocks?: unknown[] };
    expect(replaced.replace_original).toBe(true);
    expect(findButton(replaced.blocks ?? [], actionItemActionId(1))?.element).toMatchObject({ text: { text: 'Done' } });
    expect(messageText(listMessages()[0]!)).toContain('1 open · 0 done');
  });

  it('reminds the owner by DM when the item comes due, then daily while overdue, never twice a day (across a restart too), and no more once done', async () => {
    await h.type(`action Retrain with last week's labels ${as(bob)} tomorrow`, { channel });
    const reminders = () => h.emulator.dmsTo(bob).filter((m) => /^Action item/.test(m.text));

    await advanceTo('2026-11-23T08:59:00Z');
    expect(reminders()).toHaveLength(0);

    await advanceTo('2026-11-23T09:00:30Z');
    expect(reminders()).toHaveLength(1);
    const first = messageText(reminders()[0]!);
    expect(first).toContain('*Action item due today* (Mon 23 Nov)');
    expect(first).toContain('Retrain with last week');
    expect(first).toContain('INC-1');
    expect(first).toContain(`<#${channel}>`);
    expect(findButton(reminders()[0]!.blocks ?? [], actionItemActionId(1))).toBeDefined();

    await h.advance(3 * 3600_000);
    expect(reminders()).toHaveLength(1);
    // A restart the same day: the reminder is on record, so the first tick of the new process sends none.
    await h.vigil.close();
    await h.boot();
    await h.advance(0);
    expect(reminders()).toHaveLength(1);

    await advanceTo('2026-11-24T09:00:30Z');
    expect(reminders()).toHaveLength(2);
    expect(messageText(reminders()[1]!)).toContain('*Action item overdue* by 1 day (due Mon 23 Nov)');

    // Done from the DM: the DM says so (Undo instead of Done), and the reminders stop.
    await h.click(reminders()[1]!, actionItemActionId(1), { user: bob });
    await h.settle();
    const refreshed = reminders()[1]!;
    expect(messageText(refreshed)).toContain(`Done by <@${bob}>`);
    expect(findButton(refreshed.blocks ?? [], actionItemActionId(1))?.element).toMatchObject({ text: { text: 'Undo' } });
    expect(items()[0]).toMatchObject({ status: 'done', done_by: bob });

    await advanceTo('2026-11-25T09:00:30Z');
    await advanceTo('2026-11-26T09:00:30Z');
    expect(reminders()).toHaveLength(2);
  });

  it('reminds the incident channel when nobody owns the item', async () => {
    await h.type('action Write down the rollback steps tomorrow', { channel });
    await advanceTo('2026-11-23T09:00:30Z');
    const inChannel = h.emulator.messages(channel).filter((m) => m.text.includes('Action item due today'));
    expect(inChannel).toHaveLength(1);
    expect(messageText(inChannel[0]!)).toContain('nobody owns it yet');
    await h.advance(3600_000);
    expect(h.emulator.messages(channel).filter((m) => /^Action item (due|overdue)/.test(m.text))).toHaveLength(1);
  });
});
