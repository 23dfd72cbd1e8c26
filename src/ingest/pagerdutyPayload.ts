import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { SIGNAL_KINDS, type Link, type MetricReading, type Signal, type SignalKind } from '../domain/types.js';
import { inferSignalKind, parseCategory, parseSeverity } from '../domain/classify.js';

// PagerDuty's Events API v2 (`POST /v2/enqueue`), so any tool that can page PagerDuty can open a
// Vigil incident unchanged. Limits are PagerDuty's own (summary 1024, dedup_key 255); unknown
// fields are kept, as PagerDuty keeps them (Grafana's notifier adds a top-level `description`).

// PagerDuty's own examples write offsets without a colon (`2015-07-17T08:42:58.315+0000`).
const PAGERDUTY_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i;
const timestamp = z
  .string()
  .regex(PAGERDUTY_TIME, { error: 'must be an ISO 8601 date and time with an offset, like 2015-07-17T08:42:58.315+0000', abort: true })
  .refine((text) => !Number.isNaN(Date.parse(text)), { error: 'is not a valid date and time' });

const link = z.looseObject({ href: z.string().min(1).max(2000), text: z.string().max(500).optional() });
const image = z.looseObject({ src: z.string().min(1).max(2000), href: z.string().max(2000).optional(), alt: z.string().max(500).optional() });

export const pagerdutyEventPayload = z.looseObject({
  summary: z.string().trim().min(1, 'is missing or blank').max(1024),
  source: z.string().trim().min(1, 'is missing or blank').max(255),
  severity: z.enum(['critical', 'error', 'warning', 'info'], { error: 'must be one of critical, error, warning, info' }),
  timestamp: timestamp.optional(),
  component: z.string().max(255).optional(),
  group: z.string().max(255).optional(),
  class: z.string().max(255).optional(),
  custom_details: z.record(z.string(), z.unknown()).optional(),
});

const base = {
  routing_key: z.string(),
  dedup_key: z.string().min(1).max(255),
  client: z.string().max(255).optional(),
  client_url: z.string().max(2000).optional(),
  links: z.array(link).max(50).default([]),
  images: z.array(image).max(50).default([]),
};

/** One event: a trigger carries the alert; acknowledge and resolve name one by its dedup_key. */
export const pagerdutyEvent = z.discriminatedUnion(
  'event_action',
  [
    z.looseObject({ ...base, event_action: z.literal('trigger'), dedup_key: base.dedup_key.optional(), payload: pagerdutyEventPayload }),
    z.looseObject({ ...base, event_action: z.literal('acknowledge'), payload: pagerdutyEventPayload.partial().optional() }),
    z.looseObject({ ...base, event_action: z.literal('resolve'), payload: pagerdutyEventPayload.partial().optional() }),
  ],
  { error: 'event_action must be one of trigger, acknowledge, resolve' },
);

export type PagerdutyEvent = z.infer<typeof pagerdutyEvent>;
type TriggerEvent = Extract<PagerdutyEvent, { event_action: 'trigger' }>;

/** The routing key a body presents, read before anything else is checked: it is the sender's token. */
export function routingKeyOf(body: unknown): string | undefined {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const key = (body as { routing_key?: unknown }).routing_key;
  return typeof key === 'string' && key.length > 0 ? key : undefined;
}

/** A trigger without a dedup_key gets one, as PagerDuty makes one; the answer says which. */
export const dedupKeyOf = (event: PagerdutyEvent): string => event.dedup_key ?? randomUUID();

const isHttpUrl = (text: string): boolean => /^https?:\/\//i.test(text);

function numberFrom(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value);
    return Number.isFinite(parsed) ? parsed : undefined;
  }
  return undefined;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

/**
 * The metric a sender put in custom_details: `metric` as a name with `value` and `threshold`
 * beside it, or `metric` as `{ name, value, threshold }`.
 */
function metricOf(details: Record<string, unknown>): MetricReading | undefined {
  const nested = details['metric'];
  const fields: Record<string, unknown> =
    nested !== null && typeof nested === 'object' && !Array.isArray(nested) ? (nested as Record<string, unknown>) : { ...details, name: nested };
  const name = text(fields['name']);
  const value = numberFrom(fields['value']);
  if (!name || value === undefined) return undefined;
  const threshold = numberFrom(fields['threshold']);
  return { name: name.slice(0, 200), value, ...(threshold !== undefined ? { threshold } : {}) };
}

function signalKindOf(details: Record<string, unknown>, event: TriggerEvent): SignalKind {
  const named = text(details['signal']);
  if (named && (SIGNAL_KINDS as readonly string[]).includes(named)) return named as SignalKind;
  return inferSignalKind(`${event.payload.class ?? ''} ${event.payload.summary}`);
}

/** Scalar custom details, shown as the alert's annotations; nested ones stay in the stored body. */
function annotationsOf(details: Record<string, unknown>): Record<string, string> {
  const shown: Record<string, string> = {};
  for (const [key, value] of Object.entries(details).slice(0, 50)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') shown[key.slice(0, 100)] = String(value).slice(0, 2000);
  }
  return shown;
}

function linksOf(event: TriggerEvent): Link[] {
  const links: Link[] = [];
  if (event.client_url && isHttpUrl(event.client_url)) links.push({ title: event.client ?? 'Source', url: event.client_url });
  for (const l of event.links) if (isHttpUrl(l.href)) links.push({ title: l.text || 'Link', url: l.href });
  for (const i of event.images) {
    const url = i.href && isHttpUrl(i.href) ? i.href : i.src;
    if (isHttpUrl(url)) links.push({ title: i.alt || 'Image', url });
  }
  return links.slice(0, 20);
}

/**
 * A trigger as a Signal. PagerDuty's severity is a hint (critical SEV1, error SEV2, warning SEV3,
 * info SEV4); custom_details may name `model`, `model_version`, `signal`, `category`, `metric`
 * (with `value`, `threshold`) and `description`. source, component, group and class are labels.
 */
export function pagerdutySignal(event: TriggerEvent, dedupKey: string, source: string, receivedAt: Date): Signal {
  const payload = event.payload;
  const details = payload.custom_details ?? {};
  const labels: Record<string, string> = { pagerduty_source: payload.source, pagerduty_severity: payload.severity };
  if (payload.component) labels['component'] = payload.component;
  if (payload.group) labels['group'] = payload.group;
  if (payload.class) labels['class'] = payload.class;
  const modelName = text(details['model']) ?? text(details['model_name']);
  const modelVersion = text(details['model_version']);
  const category = text(details['category']);
  const metric = metricOf(details);
  const description = text(details['description']) ?? text((event as { description?: unknown }).description);
  const signal: Signal = {
    source,
    sourceKind: 'pagerduty',
    status: 'firing',
    dedupKey,
    title: payload.summary,
    signal: signalKindOf(details, event),
    observedAt: receivedAt,
    labels,
    annotations: annotationsOf(details),
    links: linksOf(event),
    raw: event,
  };
  const severity = parseSeverity(payload.severity);
  if (severity) signal.severityHint = severity;
  const categoryHint = category ? parseCategory(category) : undefined;
  if (categoryHint) signal.categoryHint = categoryHint;
  if (modelName) signal.model = { name: modelName.slice(0, 200), ...(modelVersion ? { version: modelVersion.slice(0, 200) } : {}) };
  if (metric) signal.metric = metric;
  if (description && description !== payload.summary) signal.description = description.slice(0, 5000);
  if (payload.timestamp) signal.startedAt = new Date(payload.timestamp);
  return signal;
}

/** A resolve as the Signal that clears the alert of that dedup_key, as an Alertmanager `resolved` would. */
export function pagerdutyResolvedSignal(event: PagerdutyEvent, source: string, receivedAt: Date): Signal {
  return {
    source,
    sourceKind: 'pagerduty',
    status: 'resolved',
    dedupKey: event.dedup_key!,
    title: event.payload?.summary ?? event.dedup_key!,
    signal: 'custom',
    observedAt: receivedAt,
    endedAt: event.payload?.timestamp ? new Date(event.payload.timestamp) : receivedAt,
    labels: {},
    annotations: {},
    links: [],
    raw: event,
  };
}
