import { z } from 'zod';
import type { Link, Signal } from '../domain/types.js';
import { SIGNAL_KINDS, type SignalKind } from '../domain/types.js';
import { inferSignalKind, parseCategory, parseSeverity } from '../domain/classify.js';
import { isoDateTime } from './isoDateTime.js';

// Prometheus Alertmanager's webhook body, version 4. Loose objects: Alertmanager adds fields
// between releases and we keep them (the raw body is stored with each alert).

const stringMap = z.record(z.string(), z.string());

export const alertmanagerAlert = z.looseObject({
  status: z.enum(['firing', 'resolved']),
  labels: stringMap,
  annotations: stringMap.default({}),
  startsAt: isoDateTime,
  endsAt: isoDateTime.optional(),
  generatorURL: z.string().optional(),
  fingerprint: z.string().min(1),
});

/**
 * Everything but the alerts' own fields: a delivery of thousands of alerts is validated as this
 * envelope, then alert by alert in pieces (webhookFormats.ts) so no single turn of the event loop
 * holds them all.
 */
export const alertmanagerEnvelope = z.looseObject({
  version: z.string(),
  groupKey: z.string().min(1),
  truncatedAlerts: z.number().int().min(0).optional(),
  status: z.enum(['firing', 'resolved']),
  receiver: z.string(),
  groupLabels: stringMap.default({}),
  commonLabels: stringMap.default({}),
  commonAnnotations: stringMap.default({}),
  externalURL: z.string().optional(),
  alerts: z.array(z.unknown()).min(1, 'must hold at least one alert'),
});

export const alertmanagerPayload = alertmanagerEnvelope.extend({
  alerts: z.array(alertmanagerAlert).min(1, 'must hold at least one alert'),
});

export type AlertmanagerPayload = z.infer<typeof alertmanagerPayload>;
export type AlertmanagerEnvelope = z.infer<typeof alertmanagerEnvelope>;
export type AlertmanagerAlert = z.infer<typeof alertmanagerAlert>;

// Alertmanager writes this for "no end yet".
const ZERO_TIME = '0001-01-01T00:00:00Z';

function numberFrom(...candidates: Array<string | undefined>): number | undefined {
  for (const candidate of candidates) {
    if (candidate === undefined || candidate.trim() === '') continue;
    const value = Number(candidate);
    if (Number.isFinite(value)) return value;
  }
  return undefined;
}

function signalKindOf(alert: AlertmanagerAlert): SignalKind {
  const label = alert.labels['signal'];
  if (label && (SIGNAL_KINDS as readonly string[]).includes(label)) return label as SignalKind;
  return inferSignalKind(`${alert.labels['alertname'] ?? ''} ${alert.annotations['summary'] ?? ''}`);
}

function linksOf(alert: AlertmanagerAlert, payload: AlertmanagerEnvelope): Link[] {
  const links: Link[] = [];
  if (alert.generatorURL) links.push({ title: 'Prometheus', url: alert.generatorURL });
  const runbook = alert.annotations['runbook_url'];
  if (runbook) links.push({ title: 'Runbook', url: runbook });
  const dashboard = alert.annotations['dashboard_url'] ?? alert.annotations['dashboard'];
  if (dashboard) links.push({ title: 'Dashboard', url: dashboard });
  if (payload.externalURL) links.push({ title: 'Alertmanager', url: payload.externalURL });
  return links;
}

/** Every entry of alerts[] becomes one Signal; the group key ties them to one incident. */
export function alertmanagerSignals(payload: AlertmanagerPayload, source: string, receivedAt: Date): Signal[] {
  return payload.alerts.map((alert) => alertmanagerSignal(alert, payload, source, receivedAt));
}

/** One entry of alerts[] as a Signal, read with its delivery's envelope. */
export function alertmanagerSignal(alert: AlertmanagerAlert, payload: AlertmanagerEnvelope, source: string, receivedAt: Date): Signal {
  const labels = alert.labels;
  const annotations = alert.annotations;
  const alertname = labels['alertname'] ?? 'Alert';
  const modelName = labels['model'];
  const metricValue = numberFrom(annotations['value'], labels['value']);
  const threshold = numberFrom(annotations['threshold'], labels['threshold']);
  const severityHint = labels['severity'] ? parseSeverity(labels['severity']) : undefined;
  const categoryHint = labels['category'] ? parseCategory(labels['category']) : undefined;
  const ended = alert.status === 'resolved' && alert.endsAt && alert.endsAt !== ZERO_TIME ? new Date(alert.endsAt) : undefined;
  const signal: Signal = {
    source,
    sourceKind: 'alertmanager',
    status: alert.status,
    dedupKey: alert.fingerprint,
    groupKey: payload.groupKey,
    title: annotations['summary'] ?? (modelName ? `${alertname} on ${modelName}` : alertname),
    signal: signalKindOf(alert),
    observedAt: receivedAt,
    startedAt: new Date(alert.startsAt),
    labels,
    annotations,
    links: linksOf(alert, payload),
    raw: alert,
  };
  if (annotations['description']) signal.description = annotations['description'];
  if (modelName) signal.model = { name: modelName, ...(labels['model_version'] ? { version: labels['model_version'] } : {}) };
  if (metricValue !== undefined) {
    signal.metric = { name: labels['metric'] ?? alertname, value: metricValue, ...(threshold !== undefined ? { threshold } : {}) };
  }
  if (severityHint) signal.severityHint = severityHint;
  if (categoryHint) signal.categoryHint = categoryHint;
  if (ended) signal.endedAt = ended;
  return signal;
}
