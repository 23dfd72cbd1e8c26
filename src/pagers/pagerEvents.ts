import type { IncidentRow } from '../db/schema/index.js';
import { PAGERDUTY_SEVERITY, pagerDedupKey, type PagerAction } from '../domain/pagers.js';

// What an outside pager is sent, rendered from the incident as it is at delivery time (like every
// effect), so a page that waited out an outage still says the incident's current severity and
// title. Pure: the incident in, a JSON body out.

/** PagerDuty's limit on payload.summary. */
const SUMMARY_CHARS = 1024;

/** The incident as a pager may show it: a private incident says no more than its number and severity. */
function publicFacts(incident: IncidentRow) {
  if (incident.isPrivate) return { title: `Private incident ${incident.id}`, model: null, metric: null, category: null, signal: null };
  return {
    title: incident.title,
    model: incident.modelName ? { name: incident.modelName, version: incident.modelVersion } : null,
    metric: incident.metric ?? null,
    category: incident.category,
    signal: incident.signal,
  };
}

/** Where people run the incident: its Slack channel (app_redirect opens it in whichever workspace the reader is in). */
export const channelUrl = (channelId: string): string => `https://slack.com/app_redirect?channel=${encodeURIComponent(channelId)}`;

export interface PageContext {
  action: PagerAction;
  /** The escalation step that paged (trigger only). */
  step?: { label: string; reason: string };
}

/**
 * A PagerDuty Events API v2 body. The dedup_key is the incident, so a retried trigger, a second
 * step paging PagerDuty, and the acknowledge and resolve all land on one PagerDuty alert.
 */
export function pagerdutyEventBody(routingKey: string, incident: IncidentRow, page: PageContext): Record<string, unknown> {
  const dedupKey = pagerDedupKey(incident.id);
  if (page.action !== 'trigger') return { routing_key: routingKey, dedup_key: dedupKey, event_action: page.action };
  const facts = publicFacts(incident);
  const summary = `[${incident.severity}] INC-${incident.id}: ${facts.title}`;
  const details: Record<string, unknown> = {
    incident: incident.id,
    severity: incident.severity,
    state: incident.status,
    declared_at: incident.declaredAt.toISOString(),
    ...(page.step ? { step: page.step.label, reason: page.step.reason } : {}),
    ...(facts.category ? { category: facts.category } : {}),
    ...(facts.signal ? { signal: facts.signal } : {}),
    ...(facts.model ? { model: facts.model.name, ...(facts.model.version ? { model_version: facts.model.version } : {}) } : {}),
    ...(facts.metric ? { metric: facts.metric.name, value: facts.metric.value, ...(facts.metric.threshold !== undefined ? { threshold: facts.metric.threshold } : {}) } : {}),
  };
  return {
    routing_key: routingKey,
    dedup_key: dedupKey,
    event_action: 'trigger',
    payload: {
      summary: summary.length > SUMMARY_CHARS ? `${summary.slice(0, SUMMARY_CHARS - 1)}…` : summary,
      source: 'vigil',
      severity: PAGERDUTY_SEVERITY[incident.severity],
      timestamp: incident.declaredAt.toISOString(),
      ...(facts.model ? { component: facts.model.name.slice(0, 255) } : {}),
      ...(facts.category ? { group: facts.category } : {}),
      ...(facts.signal ? { class: facts.signal } : {}),
      custom_details: details,
    },
    client: 'Vigil',
    ...(incident.channelId ? { client_url: channelUrl(incident.channelId), links: [{ href: channelUrl(incident.channelId), text: 'Incident channel in Slack' }] } : {}),
  };
}

/**
 * The webhook pager's body: one shape for every action, signed as the operator actions are
 * (X-Vigil-Signature; X-Vigil-Timestamp says when it was sent), with the incident as `dedupKey`
 * and one Idempotency-Key per page, so a receiver can tell a retry from a new page.
 */
export function webhookPagerBody(incident: IncidentRow, page: PageContext): Record<string, unknown> {
  const facts = publicFacts(incident);
  return {
    event: page.action,
    dedupKey: pagerDedupKey(incident.id),
    incident: {
      id: incident.id,
      title: facts.title,
      severity: incident.severity,
      state: incident.status,
      category: facts.category,
      model: facts.model,
      metric: facts.metric,
      declaredAt: incident.declaredAt.toISOString(),
      acknowledgedBy: incident.acknowledgedBy,
      resolvedBy: incident.resolvedBy,
      channelUrl: incident.channelId ? channelUrl(incident.channelId) : null,
    },
    ...(page.step ? { step: page.step } : {}),
  };
}
