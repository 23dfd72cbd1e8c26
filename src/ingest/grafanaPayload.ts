import { z } from 'zod';
import type { Link, MetricReading, Signal } from '../domain/types.js';
import { alertmanagerAlert, alertmanagerEnvelope, alertmanagerSignal } from './alertmanagerPayload.js';

// Grafana alerting's webhook contact point: Alertmanager's version 4 body (Grafana runs an
// Alertmanager inside) plus Grafana's own fields, per alert `values`, `valueString`,
// `dashboardURL`, `panelURL`, `silenceURL`, `imageURL`, and `orgId`, `title`, `state`, `message`
// for the delivery. Loose, like Alertmanager's: the whole body is kept with each alert.

export const grafanaAlert = alertmanagerAlert.extend({
  // Grafana writes null for "no values" (an error or no-data alert).
  values: z.record(z.string(), z.number().nullable()).nullable().optional(),
  valueString: z.string().optional(),
  dashboardURL: z.string().optional(),
  panelURL: z.string().optional(),
  silenceURL: z.string().optional(),
  imageURL: z.string().optional(),
});

export const grafanaEnvelope = alertmanagerEnvelope.extend({
  orgId: z.number().int().optional(),
  title: z.string().optional(),
  state: z.string().optional(),
  message: z.string().optional(),
});

export type GrafanaAlert = z.infer<typeof grafanaAlert>;
export type GrafanaEnvelope = z.infer<typeof grafanaEnvelope>;

/** One `[ var='B' metric='x' labels={...} type='reduce' value=24 ]` of a valueString. */
interface EvaluatedExpression {
  variable: string;
  metric?: string;
  type?: string;
  value: number;
}

const EXPRESSION = /\[\s*var='([^']*)'(?:\s+metric='([^']*)')?\s+labels=\{[^}]*\}(?:\s+type='([^']*)')?\s+value=([^\s\]]+)\s*\]/g;

export function parseValueString(valueString: string): EvaluatedExpression[] {
  const found: EvaluatedExpression[] = [];
  for (const match of valueString.matchAll(EXPRESSION)) {
    const value = Number(match[4]);
    if (!Number.isFinite(value)) continue;
    found.push({ variable: match[1]!, value, ...(match[2] ? { metric: match[2] } : {}), ...(match[3] ? { type: match[3] } : {}) });
  }
  return found;
}

/**
 * The value that fired, when the alert's labels and annotations do not say it (`value`,
 * `threshold`: read as for Alertmanager). From `valueString`: the last expression that is a
 * query, reduction or math (never the threshold condition, whose value is 1 or 0); when Grafana
 * wrote no types (before 11), the first expression. Else `values` when it holds one value only.
 */
function evaluatedMetric(alert: GrafanaAlert, alertname: string): MetricReading | undefined {
  const expressions = alert.valueString ? parseValueString(alert.valueString) : [];
  const typed = expressions.filter((e) => e.type !== undefined);
  const chosen = typed.length > 0 ? typed.filter((e) => e.type !== 'threshold' && e.type !== 'classic_condition').at(-1) : expressions[0];
  if (chosen) return { name: alert.labels['metric'] ?? chosen.metric ?? `${alertname} ${chosen.variable}`, value: chosen.value };
  const values = Object.entries(alert.values ?? {}).filter((entry): entry is [string, number] => entry[1] !== null);
  if (values.length === 1) return { name: alert.labels['metric'] ?? `${alertname} ${values[0]![0]}`, value: values[0]![1] };
  return undefined;
}

const isHttpUrl = (text: string | undefined): text is string => text !== undefined && /^https?:\/\//i.test(text);

function grafanaLinks(alert: GrafanaAlert, payload: GrafanaEnvelope): Link[] {
  const links: Link[] = [];
  if (isHttpUrl(alert.generatorURL)) links.push({ title: 'Alert rule', url: alert.generatorURL });
  const runbook = alert.annotations['runbook_url'];
  if (isHttpUrl(runbook)) links.push({ title: 'Runbook', url: runbook });
  if (isHttpUrl(alert.dashboardURL)) links.push({ title: 'Dashboard', url: alert.dashboardURL });
  if (isHttpUrl(alert.panelURL)) links.push({ title: 'Panel', url: alert.panelURL });
  if (isHttpUrl(alert.imageURL)) links.push({ title: 'Panel image', url: alert.imageURL });
  if (isHttpUrl(alert.silenceURL)) links.push({ title: 'Silence', url: alert.silenceURL });
  if (isHttpUrl(payload.externalURL)) links.push({ title: 'Grafana', url: payload.externalURL });
  return links;
}

/** One Grafana alert as a Signal: read as an Alertmanager alert, with Grafana's links and evaluated value. */
export function grafanaSignal(alert: GrafanaAlert, payload: GrafanaEnvelope, source: string, receivedAt: Date): Signal {
  const signal = alertmanagerSignal(alert, payload, source, receivedAt);
  signal.sourceKind = 'grafana';
  signal.links = grafanaLinks(alert, payload);
  if (!signal.metric) {
    const metric = evaluatedMetric(alert, alert.labels['alertname'] ?? 'Alert');
    if (metric) signal.metric = metric;
  }
  if (alert.valueString) signal.annotations = { ...signal.annotations, value_string: alert.valueString };
  return signal;
}
