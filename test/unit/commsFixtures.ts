// A realistic incident for the comms tests, and the same incident with hostile text in every
// string a person or a detector could supply.

import type { IncidentRow } from '../../src/db/schema/index.js';
import { asTimelineEvent, type TimelineEvent } from '../../src/incidents/timeline.js';
import type { Audience } from '../../src/domain/stakeholderUpdates.js';
import type { TemplateMoment } from '../../src/comms/templateNames.js';
import { buildUpdateData, type PostedUpdate, type UpdateDataInput, type UpdateDraft, type UpdateTemplateData } from '../../src/comms/updateData.js';

export const at = (hhmm: string): Date => new Date(`2026-03-03T${hhmm}:00Z`);

/** Everything a hostile value tries: broadcasts, mentions, template syntax, links, tags, entities, headings. */
export const HOSTILE = ' <!channel> <@U123> {{x}} [click](https://evil) <script>alert(1)</script> &lt; \n# pwned';

export const RESPONDERS = { commander: 'U0ALICE', comms: 'U0CAROL', 'ml-lead': 'U0BOB' } as const;

type Say = (text: string) => string;
const plain: Say = (text) => text;

export function incidentRow(resolved: boolean, say: Say = plain): IncidentRow {
  return {
    id: 42,
    title: say('churn-predictor accuracy below threshold'),
    description: null,
    severity: 'SEV2',
    category: 'model',
    status: resolved ? 'resolved' : 'investigating',
    isPrivate: false,
    customerImpact: true,
    modelName: say('churn-predictor'),
    modelVersion: say('2026-03-01'),
    metric: { name: say('accuracy'), value: 0.62, threshold: 0.85 },
    signal: 'accuracy_drop',
    declaredBy: 'detector',
    groupKey: null,
    escalationPolicy: {},
    routedRotation: 'ml',
    channelId: 'C0INC42',
    channelName: 'inc-42-churn',
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

export function timeline(resolved: boolean, say: Say = plain): TimelineEvent[] {
  const events = [
    { at: at('14:09'), kind: 'incident.declared', actor: 'detector', data: { title: say('churn-predictor accuracy below threshold'), private: false } },
    {
      at: at('14:09'),
      kind: 'alert.attached',
      actor: 'detector',
      data: { alertId: 7, dedupKey: 'acc', title: say('Accuracy below threshold'), signal: 'accuracy_drop', metric: { name: say('accuracy'), value: 0.62, threshold: 0.85 } },
    },
    { at: at('14:10'), kind: 'alert.attached', actor: 'detector', data: { alertId: 8, dedupKey: 'psi', title: say('Feature drift'), signal: 'data_drift', metric: { name: 'psi', value: 0.31, threshold: 0.25 } } },
    { at: at('14:12'), kind: 'incident.acknowledged', actor: 'U0ALICE', data: { via: 'button', sinceDeclaredMs: 180_000 } },
    { at: at('14:14'), kind: 'role.assigned', actor: 'U0ALICE', data: { role: 'commander', userId: 'U0ALICE', previous: null, by: 'U0ALICE' } },
    { at: at('14:20'), kind: 'note.added', actor: 'U0BOB', data: { text: say('feature table on db-prod-7 stale since 13:50') } },
    { at: at('14:25'), kind: 'checklist.checked', actor: 'U0BOB', data: { itemId: 'scope', list: 'triage', text: say('Scope the blast radius') } },
    { at: at('14:26'), kind: 'checklist.checked', actor: 'U0BOB', data: { itemId: 'page', list: 'triage', text: 'Page the data team' } },
    { at: at('14:27'), kind: 'checklist.unchecked', actor: 'U0BOB', data: { itemId: 'page', list: 'triage', text: 'Page the data team' } },
    { at: at('14:28'), kind: 'message.captured', actor: 'U0BOB', data: { ts: '1.2', channelId: 'C0INC42', author: 'U0BOB', text: say('<@U0ALICE> rollback ready'), via: 'pin' } },
    ...(resolved
      ? [
          { at: at('15:10'), kind: 'status.changed', actor: 'U0ALICE', data: { from: 'investigating', to: 'mitigated', reason: say('Rolled back to 2026-02-15') } },
          { at: at('15:25'), kind: 'alert.resolved', actor: 'detector', data: { alertId: 7, dedupKey: 'acc', title: 'Accuracy below threshold', endedAt: at('15:25').toISOString() } },
          {
            at: at('15:30'),
            kind: 'incident.resolved',
            actor: 'U0ALICE',
            data: { summary: say('Rolled back; accuracy 84%'), rootCause: say('Stale feature table'), modelRolledBack: true, customerImpactEndedAt: null, from: 'mitigated', sinceDeclaredMs: 4_860_000 },
          },
        ]
      : []),
  ];
  return events.map((event, index) => asTimelineEvent({ ...event, id: index + 1, incidentId: 42 }));
}

export function draft(moment: TemplateMoment, audience: Audience, say: Say = plain): UpdateDraft {
  const resolution = moment === 'resolution' || moment === 'report';
  return {
    audience,
    moment: moment === 'report' ? 'resolution' : moment,
    state: resolution ? 'resolved' : 'identified',
    impact: 'major',
    components: [say('Churn risk scores'), say('Retention dashboard')],
    fields: {
      headline: say('Churn risk scores less accurate than usual'),
      userImpact: say('Some at-risk customers are not flagged for retention outreach'),
      actions: say('Rolling back to the previous model version'),
      workaround: say('Use the list exported on 2 March'),
      usersAffected: say('About a quarter of at-risk customers'),
      decisionsAffected: say('Outreach lists made since 14:05'),
      businessImpact: say('Retention campaigns may miss customers about to leave'),
      actionRequired: say('Do not send outreach lists made today'),
      rootCause: say('A data feed the model uses stopped updating'),
      ...(resolution ? { dataImpact: say('No data was lost; some outreach lists were incomplete') } : {}),
    },
    ...(resolution ? {} : { nextUpdateAt: at('15:00') }),
    author: 'U0CAROL',
  };
}

export function previous(audience: Audience, say: Say = plain): PostedUpdate {
  return { ...draft('initial', audience, say), state: 'investigating', postedAt: at('14:15'), nextUpdateAt: at('14:45') };
}

export function input(moment: TemplateMoment, audience: Audience, say: Say = plain, overrides: Partial<UpdateDataInput> = {}): UpdateDataInput {
  const resolved = moment === 'resolution' || moment === 'report';
  return {
    incident: incidentRow(resolved, say),
    timeline: timeline(resolved, say),
    roles: { ...RESPONDERS },
    update: draft(moment, audience, say),
    previous: [previous(audience, say)],
    now: resolved ? at('15:31') : at('14:40'),
    timeZone: 'UTC',
    ...overrides,
  };
}

export const data = (moment: TemplateMoment, audience: Audience, say: Say = plain, overrides: Partial<UpdateDataInput> = {}): UpdateTemplateData =>
  buildUpdateData(input(moment, audience, say, overrides));

export const hostile: Say = (text) => `${text}${HOSTILE}`;
