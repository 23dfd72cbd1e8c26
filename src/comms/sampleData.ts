// A realistic incident to render every template with at load: a template that only breaks on
// real data (a helper given the wrong value, a missing partial) then stops the start instead of
// the first update. Also the example the README shows. Two shapes: everything filled in, and the
// bare minimum (no roles, no signals, no optional fields), since templates must survive both.

import type { IncidentRow } from '../db/schema/index.js';
import { asTimelineEvent, type TimelineEvent } from '../incidents/timeline.js';
import type { Audience } from '../domain/stakeholderUpdates.js';
import type { StatusPageData } from './statusPage.js';
import type { TemplateMoment } from './templateNames.js';
import { buildUpdateData, type PostedUpdate, type UpdateDraft, type UpdateTemplateData } from './updateData.js';

const at = (hhmm: string): Date => new Date(`2026-03-03T${hhmm}:00Z`);

function sampleIncident(resolved: boolean): IncidentRow {
  return {
    id: 42,
    title: 'churn-predictor accuracy below threshold',
    description: null,
    severity: 'SEV2',
    category: 'model',
    status: resolved ? 'resolved' : 'investigating',
    isPrivate: false,
    customerImpact: true,
    modelName: 'churn-predictor',
    modelVersion: '2026-03-01',
    metric: { name: 'accuracy', value: 0.62, threshold: 0.85 },
    signal: 'accuracy_drop',
    declaredBy: 'detector',
    groupKey: null,
    escalationPolicy: {},
    routedRotation: 'ml',
    channelId: 'C0INC42',
    channelName: 'inc-42-churn-predictor-accuracy',
    startedAt: at('14:05'),
    detectedAt: at('14:08'),
    declaredAt: at('14:09'),
    acknowledgedAt: at('14:12'),
    acknowledgedBy: 'U0ALICE',
    investigatingAt: at('14:15'),
    mitigatedAt: resolved ? at('15:10') : null,
    reopenedAt: null,
    resolvedAt: resolved ? at('15:30') : null,
    resolvedBy: resolved ? 'U0ALICE' : null,
    resolution: null,
    harmLevel: null,
    reviewDueAt: null,
    reviewCompletedAt: null,
    reviewReminder: null,
    reviewRemindedAt: null,
    lastAlertAt: null,
    updatedAt: at('15:30'),
  };
}

function sampleTimeline(resolved: boolean): TimelineEvent[] {
  const events: Omit<TimelineEvent, 'id' | 'incidentId' | 'source' | 'starred'>[] = [
    { at: at('14:09'), kind: 'incident.declared', actor: 'detector', data: { title: 'churn-predictor accuracy below threshold', private: false } },
    { at: at('14:09'), kind: 'alert.attached', actor: 'detector', data: { alertId: 7, dedupKey: 'acc', title: 'Accuracy below threshold', signal: 'accuracy_drop', metric: { name: 'accuracy', value: 0.62, threshold: 0.85 } } },
    { at: at('14:12'), kind: 'incident.acknowledged', actor: 'U0ALICE', data: { via: 'button', sinceDeclaredMs: 180_000 } },
    { at: at('14:14'), kind: 'role.assigned', actor: 'U0ALICE', data: { role: 'commander', userId: 'U0ALICE', previous: null, by: 'U0ALICE' } },
    { at: at('14:20'), kind: 'note.added', actor: 'U0BOB', data: { text: 'Upstream feature table stopped refreshing at 13:50' } },
    { at: at('14:31'), kind: 'checklist.checked', actor: 'U0BOB', data: { itemId: 'rollback', list: 'triage', text: 'Roll back to the last good model version' } },
    ...(resolved
      ? ([
          { at: at('15:10'), kind: 'status.changed', actor: 'U0ALICE', data: { from: 'investigating', to: 'mitigated', reason: 'Rolled back to 2026-02-15' } },
          { at: at('15:30'), kind: 'incident.resolved', actor: 'U0ALICE', data: { summary: 'Rolled back; accuracy back to 84%', rootCause: 'Stale feature table', modelRolledBack: true, customerImpactEndedAt: null, from: 'mitigated', sinceDeclaredMs: 4_860_000 } },
        ] as const)
      : []),
  ];
  return events.map((event, index) => asTimelineEvent({ ...event, id: index + 1, incidentId: 42 }));
}

function sampleDraft(moment: TemplateMoment, audience: Audience): UpdateDraft {
  const resolution = moment === 'resolution' || moment === 'report';
  return {
    audience,
    moment: moment === 'report' ? 'resolution' : moment,
    state: resolution ? 'resolved' : 'identified',
    impact: 'major',
    components: ['Churn risk scores', 'Retention dashboard'],
    fields: {
      headline: 'Churn risk scores less accurate than usual',
      userImpact: 'Some at-risk customers are not flagged for retention outreach.',
      actions: resolution ? 'We rolled back to the previous model version and confirmed scores are accurate again.' : 'We are rolling back to the previous model version.',
      workaround: 'Use the list exported on 2 March for today\u2019s outreach.',
      usersAffected: 'About 23% of at-risk customers',
      decisionsAffected: 'Retention outreach lists generated since 14:05',
      businessImpact: 'Retention campaigns may miss customers about to leave.',
      actionRequired: 'Do not send outreach lists generated after 14:05.',
      rootCause: 'A data feed the model relies on stopped updating.',
      ...(resolution ? { dataImpact: 'Outreach lists generated between 14:05 and 15:30 missed some customers; no data was lost.' } : {}),
    },
    ...(resolution ? { reviewBy: new Date('2026-03-10T12:00:00Z') } : { nextUpdateAt: at('15:00') }),
    author: 'U0CAROL',
  };
}

/** Everything filled in: a SEV2 model incident, open for initial and update, resolved after. */
export function fullSampleData(moment: TemplateMoment, audience: Audience): UpdateTemplateData {
  const resolved = moment === 'resolution' || moment === 'report';
  const posted: PostedUpdate = { ...sampleDraft('initial', audience), moment: 'initial', state: 'investigating', postedAt: at('14:15'), nextUpdateAt: at('14:45') };
  return buildUpdateData({
    incident: sampleIncident(resolved),
    timeline: sampleTimeline(resolved),
    roles: { commander: 'U0ALICE', comms: 'U0CAROL', 'ml-lead': 'U0BOB' },
    update: sampleDraft(moment, audience),
    previous: [posted],
    now: resolved ? at('15:31') : at('14:40'),
    timeZone: 'Europe/Paris',
  });
}

/** The least a template can be given: required fields only, no roles, signals or history. */
export function bareSampleData(moment: TemplateMoment, audience: Audience): UpdateTemplateData {
  const incident = { ...sampleIncident(moment === 'resolution'), modelName: null, modelVersion: null, metric: null, startedAt: null };
  return buildUpdateData({
    incident,
    timeline: [],
    roles: {},
    update: {
      audience,
      moment: moment === 'report' ? 'update' : moment,
      state: 'investigating',
      impact: 'minor',
      components: [],
      fields: { headline: 'Slower responses', userImpact: 'Pages load slowly.', actions: 'We are investigating.' },
    },
    now: at('14:40'),
  });
}

/** A page with one open and one resolved incident; and with none (`empty`). */
export function sampleStatusPage(empty = false): StatusPageData {
  const update = {
    postedAt: at('14:15'),
    state: 'identified' as const,
    impact: 'major' as const,
    fields: { userImpact: 'Some at-risk customers are not flagged.', actions: 'Rolling back.', workaround: 'Use yesterday\u2019s list.' },
    nextUpdateAt: at('15:00'),
  };
  return {
    title: 'Acme ML status',
    generatedAt: at('14:40'),
    timeZone: 'UTC',
    open: empty ? [] : [{ headline: 'Churn risk scores less accurate', components: ['Churn risk scores'], state: 'identified', impact: 'major', startedAt: at('14:05'), updates: [update] }],
    resolved: empty
      ? []
      : [
          {
            headline: 'Slow search',
            components: ['Search'],
            state: 'resolved',
            impact: 'minor',
            startedAt: at('09:00'),
            resolvedAt: at('09:40'),
            updates: [{ postedAt: at('09:40'), state: 'resolved', impact: 'minor', fields: { userImpact: 'Search was slow.', actions: 'Fixed.', dataImpact: 'None.' } }],
          },
        ],
  };
}
