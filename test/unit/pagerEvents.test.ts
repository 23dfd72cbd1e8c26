import { describe, expect, it } from 'vitest';
import type { IncidentRow } from '../../src/db/schema/index.js';
import { pagerdutyEventBody, webhookPagerBody } from '../../src/pagers/pagerEvents.js';
import { PAGERDUTY_ANSWERS, VIGIL_ANSWERS } from '../../src/ingest/webhookAnswers.js';

const incident = {
  id: 42,
  title: 'Fraud model approves everything',
  severity: 'SEV2',
  category: 'model',
  status: 'triggered',
  isPrivate: false,
  modelName: 'fraud-detector',
  modelVersion: '2026-11-02',
  metric: { name: 'approval_rate', value: 1, threshold: 0.4 },
  signal: 'prediction_drift',
  channelId: 'C0INC42',
  declaredAt: new Date('2026-11-22T16:01:00Z'),
  acknowledgedBy: null,
  resolvedBy: null,
} as unknown as IncidentRow;

describe('what a pager is sent', () => {
  it('a PagerDuty trigger: dedup_key the incident, our severity in its words, facts in custom_details', () => {
    const body = pagerdutyEventBody('R0UTING', incident, { action: 'trigger', step: { label: 'Phone', reason: 'escalation' } });
    expect(body).toEqual({
      routing_key: 'R0UTING',
      dedup_key: 'vigil-incident-42',
      event_action: 'trigger',
      payload: {
        summary: '[SEV2] INC-42: Fraud model approves everything',
        source: 'vigil',
        severity: 'error',
        timestamp: '2026-11-22T16:01:00.000Z',
        component: 'fraud-detector',
        group: 'model',
        class: 'prediction_drift',
        custom_details: {
          incident: 42,
          severity: 'SEV2',
          state: 'triggered',
          declared_at: '2026-11-22T16:01:00.000Z',
          step: 'Phone',
          reason: 'escalation',
          category: 'model',
          signal: 'prediction_drift',
          model: 'fraud-detector',
          model_version: '2026-11-02',
          metric: 'approval_rate',
          value: 1,
          threshold: 0.4,
        },
      },
      client: 'Vigil',
      client_url: 'https://slack.com/app_redirect?channel=C0INC42',
      links: [{ href: 'https://slack.com/app_redirect?channel=C0INC42', text: 'Incident channel in Slack' }],
    });
  });

  it('acknowledge and resolve name the alert only; a summary is cut to PagerDuty’s 1024 characters', () => {
    expect(pagerdutyEventBody('R', incident, { action: 'resolve' })).toEqual({ routing_key: 'R', dedup_key: 'vigil-incident-42', event_action: 'resolve' });
    const long = pagerdutyEventBody('R', { ...incident, title: 'x'.repeat(5000) }, { action: 'trigger' }) as { payload: { summary: string } };
    expect(long.payload.summary).toHaveLength(1024);
  });

  it('a private incident tells a pager its number and severity, nothing else', () => {
    const secret = { ...incident, isPrivate: true, title: 'Payroll leak' };
    for (const body of [pagerdutyEventBody('R', secret, { action: 'trigger' }), webhookPagerBody(secret, { action: 'trigger' })]) {
      const text = JSON.stringify(body);
      expect(text).toContain('Private incident 42');
      expect(text).not.toMatch(/Payroll|fraud|approval_rate|prediction_drift/);
    }
  });
});

describe("a webhook route's answers", () => {
  const result = { incidentId: 7, alertIds: [3], deduplicated: false, opened: true };
  it("Vigil's own and PagerDuty's", () => {
    expect(VIGIL_ANSWERS.accepted(result, undefined)).toEqual({ incidentId: 7, alertIds: [3], deduplicated: false });
    expect(PAGERDUTY_ANSWERS.accepted(result, 'srv01/mysql')).toEqual({ status: 'success', message: 'Event processed', dedup_key: 'srv01/mysql' });
    expect(PAGERDUTY_ANSWERS.refused(400, 'body failed validation', [{ path: 'payload.summary', message: 'is missing or blank' }, { path: '', message: 'x' }])).toEqual({
      status: 'invalid event',
      message: 'Event object is invalid',
      errors: ['payload.summary: is missing or blank', 'x'],
    });
    expect(PAGERDUTY_ANSWERS.refused(503, 'alert could not be stored; retry later', [])).toEqual({
      status: 'unavailable',
      message: 'alert could not be stored; retry later',
      errors: ['alert could not be stored; retry later'],
    });
  });
});
