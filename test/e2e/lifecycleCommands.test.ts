import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Harness, fixture, messageText } from '../support/harness.js';
import { PEOPLE } from '../support/testPolicy.js';
import { timelineOf } from '../support/surfacePayloads.js';
import { inTransaction } from '../../src/incidents/context.js';
import { openIncident } from '../../src/incidents/openIncident.js';

// `/incident` subcommands that run an open incident, typed over signed HTTP. The Alertmanager
// fixture opens incident 1: SEV1, model category, fraud-detector, routed to the ml rotation.


describe('/incident subcommands for running an incident', () => {
  let h: Harness;
  let channel: string;

  const start = async () => {
    h = await Harness.start();
    channel = await h.openFixtureIncident();
  };
  const close = () => h.close();
  /** Incident 1 on a harness of its own for each test of the block that calls it: these tests change it. */
  const freshForEachTest = () => {
    beforeEach(start);
    afterEach(close);
  };

  const type = (text: string, opts: { user?: string; channel?: string } = {}): Promise<string> => h.type(text, { channel, ...opts });

  const summary = () => h.channelMessages(1)[0]!;
  // The last notice of a change; a prompt to update stakeholders may follow it (tested in stakeholderUpdates.test.ts).
  const lastNotice = () => h.channelMessages(1).findLast((m) => !(m.text ?? '').startsWith(':loudspeaker: *Stakeholders should hear'))!.text;
  const timeline = (kind: string) =>
    timelineOf(h, kind, 1);
  const incidentRow = () => h.vigil.store.sqlite.prepare('select * from incidents where id = 1').get() as Record<string, unknown>;

  describe('help and misuse', () => {
    // Answers that change nothing (each test checks so): one harness and incident for all of them.
    beforeAll(start);
    afterAll(close);

    it('help lists every lifecycle subcommand with a one-line description', async () => {
      const text = await type('help', { channel: h.emulator.channelByName('general')!.id });
      for (const usage of ['/incident list', '/incident status', '/incident severity SEV1..SEV4 [reason]', '/incident category', '/incident role', '/incident note <text>', '/incident timeline', '/incident state investigating|mitigated', '/incident reopen']) {
        expect(text).toContain(usage);
      }
    });

    it('an unknown subcommand points to help', async () => {
      expect(await type('frobnicate now')).toContain('Unknown subcommand "frobnicate"');
    });

    it.each(['status', 'severity SEV2', 'category data', 'role commander @ana', 'note hello', 'timeline', 'state investigating', 'reopen'])(
      '`%s` outside an incident channel says where it works',
      async (text) => {
        const answer = await type(text, { channel: h.emulator.channelByName('general')!.id });
        expect(answer).toContain('works inside an incident channel');
        expect(answer).toContain('/incident list');
        expect(answer).toContain('Usage: `/incident');
        expect(h.vigil.store.sqlite.prepare("select count(*) as n from timeline_events where kind in ('severity.changed','category.changed','role.assigned','note.added','status.changed')").get()).toEqual({ n: 0 });
      },
    );
  });

  describe('list', () => {
    freshForEachTest();

    it('shows open incidents from anywhere: number, severity, category, model, age, status, channel link', async () => {
      await h.webhook('detector', {
        source: 'evidently-prod',
        status: 'firing',
        dedupKey: 'churn:psi:tenure',
        title: 'PSI on feature tenure is 0.4 <!channel>',
        signal: 'data_drift',
        model: { name: 'churn-model' },
        severity: 'SEV3',
        observedAt: '2026-11-22T16:00:00Z',
      });
      await h.settle();
      h.clock.advance(12 * 60_000);
      const text = await type('list', { channel: h.emulator.channelByName('general')!.id });
      expect(text).toContain('*Open incidents (2)*');
      const [first, second] = text.split('\n').filter((line) => line.includes('*INC-'));
      expect(first).toContain('*INC-1* SEV1');
      expect(first).toContain('model · fraud-detector @ 2026-11-02 · 12m · triggered');
      expect(first).toContain(`<#${channel}>`);
      expect(second).toContain('*INC-2* SEV3');
      expect(second).toContain('data · churn-model · 12m · triggered');
      expect(second).toContain(`<#${h.incidentChannel(2)!.id}>`);
      expect(text).toContain('PSI on feature tenure is 0.4 &lt;!channel&gt;');
      expect(text).not.toContain('<!channel>');
    });

    it('shows a private incident without its title, model or category', async () => {
      const ctx = h.vigil.ctx;
      inTransaction(ctx, (tx) =>
        openIncident(
          tx,
          ctx,
          { title: 'Leaked customer emails in answers', severity: 'SEV1', category: 'safety', reasons: ['declared'], model: { name: 'support-bot' }, declaredBy: PEOPLE.lead, isPrivate: true },
          ctx.clock.now(),
        ),
      );
      await h.settle();
      const text = await type('list', { channel: h.emulator.channelByName('general')!.id });
      const line = text.split('\n').find((l) => l.includes('*INC-2*'))!;
      expect(line).toContain('SEV1 · :lock: private · triggered · 0s');
      expect(text).not.toContain('Leaked customer emails');
      expect(text).not.toContain('support-bot');
      expect(text).not.toContain('safety');
    });

    it('says so when nothing is open', async () => {
      h.vigil.store.sqlite.prepare("update incidents set status = 'resolved'").run();
      expect(await type('list')).toContain('No open incidents');
    });
  });

  describe('status', () => {
    freshForEachTest();

    it('summarises severity, state, roles, acknowledgement, last update and open checklist items', async () => {
      h.clock.advance(3 * 60_000);
      await type('ack', { user: PEOPLE.mlPrimary });
      await type(`role commander <@${PEOPLE.mlPrimary}|mlprime>`);
      h.clock.advance(2 * 60_000);
      const text = await type('status');
      expect(text).toContain('*INC-1* SEV1 · *acknowledged* · model · fraud-detector @ 2026-11-02 · declared 5m ago');
      expect(text).toContain('fraud-detector accuracy 0.71 is below the 0.85 SLA');
      expect(text).toContain(`Acknowledged by <@${PEOPLE.mlPrimary}> 2m ago (3m after it was declared)`);
      expect(text).toContain(`Commander <@${PEOPLE.mlPrimary}> · Scribe _open_ · Comms _open_ · ML lead _open_`);
      expect(text).toContain(`Last update 2m ago: <@${PEOPLE.responder}>: Commander: <@${PEOPLE.mlPrimary}>`);
      expect(text).toContain('Checklist: 13 of 13 open. Next:');
      expect(text).toContain('• Confirm which alert fired, when it started and what it measures');
      expect(text).toContain('…and 10 more');
    });

    it('says when nobody has acknowledged yet', async () => {
      h.clock.advance(7 * 60_000);
      expect(await type('status')).toContain('*Not acknowledged* after 7m: `/incident ack`');
    });
  });

  describe('severity', () => {
    freshForEachTest();

    it('changes severity with a reason: reply, channel notice, summary and topic updated, timeline row', async () => {
      const updatesBefore = summary().history.length;
      const text = await type('severity SEV2 fraud losses &lt; 1% &amp; stable');
      expect(text).toContain('INC-1 is now *SEV2* (was SEV1)');
      expect(lastNotice()).toContain(`Severity SEV1 → *SEV2* by <@${PEOPLE.responder}>: fraud losses &lt; 1% &amp; stable.`);
      expect(summary().history.length).toBeGreaterThan(updatesBefore);
      expect(messageText(summary())).toContain('INC-1 · SEV2');
      expect(h.emulator.callsTo('chat.update').some((c) => c.args['ts'] === summary().ts)).toBe(true);
      expect(h.incidentChannel(1)!.topic).toMatch(/^SEV2 · triggered/);
      const [row] = timeline('severity.changed');
      expect(row).toMatchObject({ actor: PEOPLE.responder, shown: 'Severity SEV1 → SEV2: fraud losses &lt; 1% &amp; stable' });
      expect(incidentRow()['severity']).toBe('SEV2');
    });

    it('explains a missing or unknown severity with usage and an example, and changes nothing', async () => {
      const missing = await type('severity');
      expect(missing).toContain('Which severity?');
      expect(missing).toContain('Usage: `/incident severity SEV1..SEV4 [reason]`');
      expect(missing).toContain('Example: `/incident severity SEV2 accuracy keeps falling`');
      const bad = await type('severity SEV9 <!channel>');
      expect(bad).toContain('"SEV9" is not a severity');
      expect(bad).toContain('SEV4: low');
      expect(await type('severity sev1')).toContain('already SEV1');
      expect(timeline('severity.changed')).toHaveLength(0);
    });

    it('is refused, with the reason and a timeline record, for someone the policy does not allow', async () => {
      await h.close();
      h = await Harness.start({ policy: `permissions: { changeSeverity: [${PEOPLE.lead}] }\n` });
      await h.webhook('alertmanager', fixture('alertmanager-firing.json'));
      await h.settle();
      channel = h.incidentChannel(1)!.id;
      expect(await type('severity SEV3')).toContain('You may not change severity');
      expect(timeline('permission.refused')).toHaveLength(1);
      expect(await type('severity SEV3', { user: PEOPLE.lead })).toContain('is now *SEV3*');
    });
  });

  describe('category', () => {
    freshForEachTest();

    it('reclassifies, keeps paging with the engaged rotation and says how to bring in the other', async () => {
      const text = await type('category data');
      expect(text).toContain('INC-1 is now in the *data* category (was model)');
      expect(text).toContain('Paging stays with the *ml* rotation; `/incident escalate data` brings in the data rotation too.');
      expect(lastNotice()).toContain(`Category model → *data* by <@${PEOPLE.responder}>. Paging stays with *ml*; \`/incident escalate data\` brings in the *data* rotation too.`);
      expect(messageText(summary())).toContain('*Category*\\ndata');
      const [row] = timeline('category.changed');
      expect(row!.shown).toBe('Category model → data; paging stays with ml (data routes to data)');
      expect(row!.data).toEqual({ from: 'model', to: 'data', rotation: 'ml', routesTo: 'data' });
      expect(incidentRow()['routed_rotation']).toBe('ml');
    });

    it('explains a missing or unknown category', async () => {
      const missing = await type('category');
      expect(missing).toContain('Which category?');
      expect(missing).toContain('Usage: `/incident category data|model|integration|infrastructure|safety|retrieval`');
      expect(await type('category weather')).toContain('"weather" is not a category');
      expect(await type('category model')).toContain('already in the model category');
      expect(timeline('category.changed')).toHaveLength(0);
    });
  });

  describe('note', () => {
    freshForEachTest();

    it('adds a note to the timeline and says it in the channel, mentions working and broadcasts defused', async () => {
      const text = await type(`note rolled back &amp; watching, ask <@${PEOPLE.lead}|leader> <!channel>`);
      expect(text).toContain('Noted on the timeline of INC-1');
      const notice = lastNotice();
      expect(notice).toContain(`:memo: Note from <@${PEOPLE.responder}>: rolled back &amp; watching, ask <@${PEOPLE.lead}> @channel`);
      expect(notice).not.toContain('<!channel>');
      const [row] = timeline('note.added');
      expect(row).toMatchObject({ actor: PEOPLE.responder, shown: `Note: rolled back &amp; watching, ask <@${PEOPLE.lead}> @channel`, data: { text: `rolled back & watching, ask <@${PEOPLE.lead}> @channel` } });
    });

    it('a note without text shows usage', async () => {
      const text = await type('note   ');
      expect(text).toContain('What should the note say?');
      expect(text).toContain('Usage: `/incident note <text>`');
      expect(timeline('note.added')).toHaveLength(0);
    });
  });

  describe('timeline', () => {
    freshForEachTest();

    it('shows the timeline so far, with time, actor and summary, as an ephemeral message', async () => {
      h.clock.advance(4 * 60_000);
      await type('ack', { user: PEOPLE.mlPrimary });
      await type('note checking the feature pipeline');
      const text = await type('timeline');
      expect(text).toContain('*Timeline of INC-1*');
      expect(text).toContain('times UTC');
      expect(text).toContain('*2026-11-22*');
      expect(text).toContain('`16:01` prometheus: Incident 1 declared: fraud-detector accuracy 0.71 is below the 0.85 SLA');
      expect(text).toContain(`\`16:05\` <@${PEOPLE.mlPrimary}>: Acknowledged by <@${PEOPLE.mlPrimary}>`);
      expect(text).toContain(`\`16:05\` <@${PEOPLE.responder}>: Note: checking the feature pipeline`);
      expect(h.emulator.files()).toHaveLength(0);
    });

    it('uploads a long timeline as a file in the channel and says so', async () => {
      for (let i = 1; i <= 40; i++) await h.command(`note finding number ${i}`, { channel });
      // The notes are on the timeline at once; their forty lines reach the channel at Slack's
      // pace of about one a second, which this test has no need to wait for.
      const res = await h.command('timeline', { channel });
      const text = (res.body as { text: string }).text;
      expect(text).toContain('too long for a message');
      expect(text).toContain('incident-1-timeline.txt');
      const file = await h.emulator.waitFor(() => h.emulator.files().find((f) => f.filename === 'incident-1-timeline.txt' && f.channel === channel));
      expect(file.title).toBe('INC-1 timeline');
      expect(file.content).toContain('INC-1 · SEV1 · model · triggered');
      expect(file.content).toContain(`2026-11-22 16:01:00 UTC  ${PEOPLE.responder}  Note: finding number 40`);
      expect(file.content).toContain(`paged @${PEOPLE.mlPrimary}`);
      expect(file.content.split('\n').filter((line) => line.includes('Note: finding number'))).toHaveLength(40);
    });
  });
});
