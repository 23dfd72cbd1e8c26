import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Harness, findButton, messageText } from '../support/harness.js';
import { PEOPLE } from '../support/testPolicy.js';
import { timelineOf } from '../support/surfacePayloads.js';

// Incident roles: `/incident role <role> @user` and the "Take <role>" buttons on the summary.


describe('incident roles', () => {
  let h: Harness;
  let channel: string;

  beforeEach(async () => {
    h = await Harness.start();
    channel = await h.openFixtureIncident();
  });
  afterEach(async () => {
    await h.close();
  });

  const type = (text: string, opts: { user?: string; channel?: string } = {}): Promise<string> => h.type(text, { channel, ...opts });

  const summary = () => h.channelMessages(1)[0]!;
  const roleRows = () =>
    timelineOf(h, 'role.assigned', 1);
  const holders = () => h.vigil.store.sqlite.prepare('select role, user_id as userId, assigned_by as assignedBy from incident_roles order by role').all();
  const ephemeralsTo = (user: string) => h.emulator.ephemerals.filter((e) => e.user === user).map((e) => e.text);

  it('the summary shows every role as open, with a "Take" button for each', () => {
    const text = messageText(summary());
    expect(text).toContain('Commander: _open_ · Scribe: _open_ · Comms: _open_ · ML lead: _open_');
    for (const role of ['commander', 'scribe', 'comms', 'ml-lead']) {
      const button = findButton(summary().blocks ?? [], `incident:claim-role:${role}`);
      expect(button?.element['value']).toBe(`1:${role}`);
    }
    expect(text).toContain('Take Commander');
    expect(text).toContain('Take ML lead');
  });

  it('assigns a role by command: reply, channel notice, invite, summary updated, timeline row', async () => {
    const text = await type(`role commander <@${PEOPLE.lead}|leader>`);
    expect(text).toBe(`:bust_in_silhouette: <@${PEOPLE.lead}> is now Commander of INC-1. The channel has been told.`);
    expect(h.channelMessages(1).at(-1)!.text).toBe(`:bust_in_silhouette: <@${PEOPLE.lead}> is now *Commander* (set by <@${PEOPLE.responder}>).`);
    expect(h.incidentChannel(1)!.members).toContain(PEOPLE.lead);
    const updated = messageText(summary());
    expect(updated).toContain(`Commander: <@${PEOPLE.lead}> · Scribe: _open_`);
    expect(findButton(summary().blocks ?? [], 'incident:claim-role:commander')).toBeUndefined();
    expect(findButton(summary().blocks ?? [], 'incident:claim-role:scribe')).toBeDefined();
    expect(roleRows()).toEqual([
      {
        incident_id: 1,
        actor: PEOPLE.responder,
        shown: `Commander: <@${PEOPLE.lead}> (set by <@${PEOPLE.responder}>)`,
        data: { role: 'commander', userId: PEOPLE.lead, previous: null, by: PEOPLE.responder },
      },
    ]);
  });

  it('re-assigning replaces the holder and records both; the same holder again changes nothing', async () => {
    await type(`role commander <@${PEOPLE.lead}>`);
    const text = await type(`role ic <@${PEOPLE.mlPrimary}|mlprime>`);
    expect(text).toContain(`<@${PEOPLE.mlPrimary}> is now Commander of INC-1, replacing <@${PEOPLE.lead}>`);
    expect(h.channelMessages(1).at(-1)!.text).toContain(`taking over from <@${PEOPLE.lead}>`);
    expect(holders()).toEqual([{ role: 'commander', userId: PEOPLE.mlPrimary, assignedBy: PEOPLE.responder }]);
    expect(roleRows()[1]!.data).toMatchObject({ userId: PEOPLE.mlPrimary, previous: PEOPLE.lead });
    expect(messageText(summary())).toContain(`Commander: <@${PEOPLE.mlPrimary}>`);

    expect(await type(`role commander <@${PEOPLE.mlPrimary}>`)).toContain('already holds the Commander role of INC-1; nothing changed');
    expect(roleRows()).toHaveLength(2);
  });

  it('`me` takes a role yourself', async () => {
    await type('role scribe me', { user: PEOPLE.dataPrimary });
    expect(holders()).toEqual([{ role: 'scribe', userId: PEOPLE.dataPrimary, assignedBy: PEOPLE.dataPrimary }]);
    expect(roleRows()[0]!.shown).toBe(`Scribe: <@${PEOPLE.dataPrimary}> (took the role)`);
  });

  it('explains a missing role, an unknown role and a missing person, and changes nothing', async () => {
    const missing = await type('role');
    expect(missing).toContain('Which role, and who?');
    expect(missing).toContain('Usage: `/incident role commander|scribe|comms|ml-lead @user`');
    expect(missing).toContain('Example: `/incident role commander @ana`');
    expect(await type(`role boss <@${PEOPLE.lead}>`)).toContain('"boss" is not a role');
    expect(await type('role scribe')).toContain('Name one person for Scribe with an @mention');
    expect(await type('role scribe ana')).toContain('"ana" is not one');
    expect(roleRows()).toHaveLength(0);
  });

  it('a "Take" button gives the role to whoever clicks, and the summary loses that button', async () => {
    const res = await h.click(summary(), 'incident:claim-role:scribe', { user: PEOPLE.mlPrimary });
    expect(res.status).toBe(200);
    await h.settle();
    expect(ephemeralsTo(PEOPLE.mlPrimary)).toContain(':bust_in_silhouette: You are Scribe of INC-1: keep the timeline: notes, decisions, pinned messages.');
    expect(messageText(summary())).toContain(`Scribe: <@${PEOPLE.mlPrimary}>`);
    expect(findButton(summary().blocks ?? [], 'incident:claim-role:scribe')).toBeUndefined();
    expect(h.channelMessages(1).at(-1)!.text).toBe(`:bust_in_silhouette: <@${PEOPLE.mlPrimary}> is now *Scribe*.`);
    expect(roleRows()[0]).toMatchObject({ actor: PEOPLE.mlPrimary, shown: `Scribe: <@${PEOPLE.mlPrimary}> (took the role)` });
  });

  it('a stale "Take" button does not replace whoever took the role first', async () => {
    const stale = structuredClone(summary());
    await h.click(stale, 'incident:claim-role:commander', { user: PEOPLE.mlPrimary });
    await h.settle();
    await h.click(stale, 'incident:claim-role:commander', { user: PEOPLE.mlSecondary });
    await h.settle();
    expect(ephemeralsTo(PEOPLE.mlSecondary).join('\n')).toContain(`<@${PEOPLE.mlPrimary}> already holds the Commander role. To take over, type \`/incident role commander @you\``);
    expect(holders()).toEqual([{ role: 'commander', userId: PEOPLE.mlPrimary, assignedBy: PEOPLE.mlPrimary }]);
    expect(roleRows()).toHaveLength(1);
  });

  it('roles cannot change on a resolved incident', async () => {
    h.vigil.store.sqlite.prepare("update incidents set status = 'resolved' where id = 1").run();
    expect(await type(`role comms <@${PEOPLE.lead}>`)).toContain('Incident 1 is resolved; reopen it first.');
    expect(roleRows()).toHaveLength(0);
  });
});
