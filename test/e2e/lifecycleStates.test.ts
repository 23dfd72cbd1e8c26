import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Harness, findButton, messageText } from '../support/harness.js';
import { PEOPLE } from '../support/testPolicy.js';
import { timelineOf } from '../support/surfacePayloads.js';
import { resolveIncident } from '../../src/incidents/resolveIncident.js';

// The lifecycle by command: `/incident state investigating|mitigated` and `/incident reopen`.

const MINUTE = 60_000;

interface IncidentStamps {
  status: string;
  acknowledged_at: number | null;
  acknowledged_by: string | null;
  investigating_at: number | null;
  mitigated_at: number | null;
  reopened_at: number | null;
  resolved_at: number | null;
  resolved_by: string | null;
}

describe('incident state by command', () => {
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
  // The last notice of a change; a prompt to update stakeholders may follow it (tested in stakeholderUpdates.test.ts).
  const lastNotice = () => h.channelMessages(1).findLast((m) => !(m.text ?? '').startsWith(':loudspeaker: *Stakeholders should hear'))!.text;
  const stamps = () =>
    h.vigil.store.sqlite
      .prepare('select status, acknowledged_at, acknowledged_by, investigating_at, mitigated_at, reopened_at, resolved_at, resolved_by from incidents where id = 1')
      .get() as IncidentStamps;
  const kinds = () =>
    (h.vigil.store.sqlite.prepare('select kind from timeline_events where incident_id = 1 order by id').all() as Array<{ kind: string }>).map((r) => r.kind);
  const summaries = (kind: string) => timelineOf(h, kind, 1).map((r) => r.shown);
  const pagesTo = (user: string) => h.emulator.dmsTo(user).filter((m) => m.text.includes('You are paged'));

  async function resolve(): Promise<void> {
    resolveIncident(h.vigil.ctx, { incidentId: 1, actor: { userId: PEOPLE.mlPrimary }, resolution: { summary: 'rolled back', modelRolledBack: true } });
    await h.settle();
  }

  describe('state', () => {
    it('investigating from triggered also acknowledges: stamps, notice, topic, summary, and L2 is never paged', async () => {
      h.clock.advance(4 * MINUTE);
      const text = await type('state investigating checking the feature store', { user: PEOPLE.mlPrimary });
      expect(text).toContain('INC-1 is now *investigating* (was triggered). That also acknowledged it');
      const now = h.clock.now().getTime();
      expect(stamps()).toMatchObject({ status: 'investigating', acknowledged_at: now, acknowledged_by: PEOPLE.mlPrimary, investigating_at: now, mitigated_at: null });
      expect(lastNotice()).toBe(
        `:arrows_clockwise: Status triggered → *investigating* by <@${PEOPLE.mlPrimary}>: checking the feature store. This counts as the acknowledgement: paging for acknowledgement has stopped.`,
      );
      expect(h.incidentChannel(1)!.topic).toMatch(/^SEV1 · investigating · .* · ack by <@U0MLPRIME>/);
      expect(messageText(summary())).toContain('*Status*\\ninvestigating');
      expect(findButton(summary().blocks ?? [], 'incident:acknowledge')).toBeUndefined();
      expect(kinds().slice(-3)).toEqual(['status.changed', 'incident.acknowledged', 'escalation.cancelled']);
      expect(summaries('status.changed')).toEqual(['Status triggered → investigating: checking the feature store']);

      await h.advance(20 * MINUTE);
      expect(pagesTo(PEOPLE.mlSecondary)).toHaveLength(0);
    });

    it('mitigated after acknowledging; a mitigation that did not hold goes back to investigating and is cleared', async () => {
      await type('ack', { user: PEOPLE.mlPrimary });
      h.clock.advance(10 * MINUTE);
      expect(await type('state mitigated rolled back to 2026-10-30')).toBe(':arrows_clockwise: INC-1 is now *mitigated* (was acknowledged).');
      const mitigatedAt = h.clock.now().getTime();
      expect(stamps()).toMatchObject({ status: 'mitigated', acknowledged_by: PEOPLE.mlPrimary, mitigated_at: mitigatedAt, investigating_at: null });
      expect(messageText(summary())).toContain('*Status*\\nmitigated <!date^');
      expect(h.incidentChannel(1)!.topic).toContain('· mitigated ·');

      h.clock.advance(5 * MINUTE);
      await type('state investigating accuracy fell again');
      expect(stamps()).toMatchObject({ status: 'investigating', mitigated_at: null, investigating_at: h.clock.now().getTime() });
      expect(summaries('status.changed')).toEqual([
        'Status acknowledged → mitigated: rolled back to 2026-10-30',
        'Status mitigated → investigating: accuracy fell again',
      ]);
      // Already acknowledged: no second acknowledgement on the timeline.
      expect(kinds().filter((k) => k === 'incident.acknowledged')).toHaveLength(1);
    });

    it('explains a missing, unknown or misplaced state, and a state the incident already has', async () => {
      const missing = await type('state');
      expect(missing).toContain('Which state: investigating or mitigated?');
      expect(missing).toContain('Usage: `/incident state investigating|mitigated [what changed]`');
      expect(missing).toContain('Example: `/incident state mitigated');
      expect(await type('state sleeping')).toContain('"sleeping" is not a state you can set.');
      expect(await type('state resolved')).toContain('To resolve, use `/incident resolve`');
      expect(await type('state acknowledged')).toContain('To acknowledge, use `/incident ack`.');
      expect(await type('state triggered')).toContain('cannot go back to triggered');
      expect(kinds()).not.toContain('status.changed');
      await type('state investigating');
      expect(await type('state investigating')).toBe('Incident 1 is already investigating.');
      expect(kinds().filter((k) => k === 'status.changed')).toHaveLength(1);
    });

    it('a resolved incident is reopened, not set', async () => {
      await resolve();
      expect(await type('state investigating')).toBe('Incident 1 is resolved; `/incident reopen` it first.');
      expect(await type('severity SEV2')).toContain('resolved; reopen it first');
      expect(await type('category data')).toContain('resolved; reopen it first');
    });
  });

  describe('reopen', () => {
    it('reopens a resolved incident: investigating again, reopenedAt stamped, notice, topic, and the buttons come back', async () => {
      await type('ack', { user: PEOPLE.mlPrimary });
      await resolve();
      expect(findButton(summary().blocks ?? [], 'incident:resolve')).toBeUndefined();
      expect(findButton(summary().blocks ?? [], 'incident:claim-role:commander')).toBeUndefined();
      const pagesBefore = h.emulator.calls.filter((c) => c.method === 'chat.postMessage' && String(c.args['text']).includes('You are paged')).length;

      h.clock.advance(30 * MINUTE);
      const text = await type('reopen accuracy dropped again', { user: PEOPLE.lead });
      expect(text).toContain('INC-1 is reopened and back to investigating');
      const now = h.clock.now().getTime();
      expect(stamps()).toMatchObject({ status: 'investigating', reopened_at: now, resolved_at: null, resolved_by: null, acknowledged_by: PEOPLE.mlPrimary, investigating_at: now });
      expect(lastNotice()).toBe(
        `:arrows_counterclockwise: Reopened by <@${PEOPLE.lead}>: accuracy dropped again. Back to investigating; paging is not restarted (\`/incident escalate\` brings someone in).`,
      );
      expect(h.incidentChannel(1)!.topic).toContain('· investigating ·');
      expect(messageText(summary())).toContain('investigating _(reopened <!date^');
      expect(findButton(summary().blocks ?? [], 'incident:resolve')).toBeDefined();
      expect(findButton(summary().blocks ?? [], 'incident:escalate')).toBeDefined();
      expect(findButton(summary().blocks ?? [], 'incident:claim-role:commander')).toBeDefined();
      expect(summaries('incident.reopened')).toEqual([`Reopened by <@${PEOPLE.lead}>: accuracy dropped again`]);

      // Re-arms nothing: an hour later, nobody has been paged again.
      await h.advance(60 * MINUTE);
      const pagesAfter = h.emulator.calls.filter((c) => c.method === 'chat.postMessage' && String(c.args['text']).includes('You are paged')).length;
      expect(pagesAfter).toBe(pagesBefore);
    });

    it('reopening an incident resolved without acknowledgement makes the reopener its owner', async () => {
      await resolve();
      await type('reopen', { user: PEOPLE.lead });
      expect(stamps()).toMatchObject({ acknowledged_by: PEOPLE.lead, acknowledged_at: h.clock.now().getTime() });
      expect(findButton(summary().blocks ?? [], 'incident:acknowledge')).toBeUndefined();
    });

    it('an open incident cannot be reopened', async () => {
      expect(await type('reopen')).toBe('Incident 1 is not resolved (it is triggered); there is nothing to reopen.');
      expect(kinds()).not.toContain('incident.reopened');
    });
  });
});
