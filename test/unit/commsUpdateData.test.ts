import { describe, expect, it } from 'vitest';
import { buildUpdateData } from '../../src/comms/updateData.js';
import { at, data, draft, input, previous } from './commsFixtures.js';

describe('buildUpdateData', () => {
  it('while open: the duration so far, from when the problem began', () => {
    const d = data('update', 'internal');
    expect(d.incident.isResolved).toBe(false);
    expect(d.incident.startedAt).toEqual(at('14:05'));
    expect(d.incident.durationMs).toBe(35 * 60_000);
    expect(d.incident.ref).toBe('INC-42');
  });

  it('once resolved: the total duration, and the resolution as recorded', () => {
    const d = data('resolution', 'internal');
    expect(d.incident.resolvedAt).toEqual(at('15:30'));
    expect(d.incident.durationMs).toBe(85 * 60_000);
    expect(d.resolution).toEqual({ summary: 'Rolled back; accuracy 84%', rootCause: 'Stale feature table', modelRolledBack: true });
    expect(d.update.isResolution).toBe(true);
  });

  it('what fired and when, with its metric and when it cleared', () => {
    const d = data('resolution', 'internal');
    expect(d.firstSignalAt).toEqual(at('14:09'));
    expect(d.signals).toEqual([
      { at: at('14:09'), title: 'Accuracy below threshold', signal: 'accuracy_drop', metric: { name: 'accuracy', value: 0.62, threshold: 0.85 }, refired: false, clearedAt: at('15:25') },
      { at: at('14:10'), title: 'Feature drift', signal: 'data_drift', metric: { name: 'psi', value: 0.31, threshold: 0.25 }, refired: false },
    ]);
    expect(d.models).toEqual([{ name: 'churn-predictor', version: '2026-03-01' }]);
  });

  it('mitigation so far: notes, checklist items still done, the move to mitigated', () => {
    expect(data('resolution', 'internal').mitigation.map((step) => [step.kind, step.text, step.by])).toEqual([
      ['note', 'feature table on db-prod-7 stale since 13:50', 'U0BOB'],
      ['checklist', 'Scope the blast radius', 'U0BOB'],
      ['mitigated', 'Rolled back to 2026-02-15', 'U0ALICE'],
    ]);
  });

  it('roles in their order, and the contact is the comms role, else the commander', () => {
    const d = data('update', 'executive');
    expect(d.roles.map((r) => `${r.title}=${r.userId}`)).toEqual(['Commander=U0ALICE', 'Comms=U0CAROL', 'ML lead=U0BOB']);
    expect(d.contact).toBe('U0CAROL');
    expect(data('update', 'executive', undefined, { roles: { commander: 'U0ALICE' } }).contact).toBe('U0ALICE');
  });

  it('the timeline and its milestones', () => {
    const d = data('resolution', 'executive');
    expect(d.timeline).toHaveLength(13);
    expect(d.milestones.map((line) => line.kind)).toEqual(['incident.declared', 'incident.acknowledged', 'status.changed', 'incident.resolved']);
  });

  it('previous updates oldest first; the audience ones apart; the latest as previousUpdate', () => {
    const later = { ...previous('client'), postedAt: at('14:30'), state: 'identified' as const };
    const internal = { ...previous('internal'), postedAt: at('14:20') };
    const d = data('update', 'client', undefined, { previous: [later, internal, previous('client')] });
    expect(d.updatesPosted.map((u) => u.postedAt)).toEqual([at('14:15'), at('14:20'), at('14:30')]);
    expect(d.updatesToAudience.map((u) => u.audience)).toEqual(['client', 'client']);
    expect(d.previousUpdate?.postedAt).toEqual(at('14:30'));
  });

  it('names and headlines are said on one line', () => {
    const d = buildUpdateData({ ...input('update', 'client'), update: { ...draft('update', 'client'), components: ['a\nb'], fields: { headline: ' x\n\ny ', userImpact: 'l1\nl2', actions: 'a' } } });
    expect(d.update.fields.headline).toBe('x y');
    expect(d.update.components).toEqual(['a b']);
    expect(d.update.fields.userImpact).toBe('l1\nl2');
  });

  it('a report without a draft speaks from the latest posted update, or from the incident', () => {
    const { update: _none, ...withoutDraft } = input('report', 'internal');
    const fromPosted = buildUpdateData(withoutDraft);
    expect(fromPosted.update.fields.headline).toBe('Churn risk scores less accurate than usual');
    expect(fromPosted.update.state).toBe('resolved');
    const fromIncident = buildUpdateData({ ...withoutDraft, previous: [] });
    expect(fromIncident.update).toMatchObject({ audience: 'internal', impact: 'major', components: ['churn-predictor'], state: 'resolved', moment: 'resolution' });
    expect(fromIncident.update.fields.headline).toBe('churn-predictor accuracy below threshold');
  });
});
