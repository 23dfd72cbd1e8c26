import { z } from 'zod';
import { CATEGORIES, SEVERITIES, SIGNAL_KINDS, type Signal } from '../domain/types.js';
import { isoDateTime } from './isoDateTime.js';

// Vigil's own JSON for AI detectors (DESIGN.md). Extend, never rename: detectors depend on it.

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

export const detectorPayload = z.looseObject({
  source: z.string().min(1).max(200).optional(),
  status: z.enum(['firing', 'resolved']).default('firing'),
  dedupKey: z.string().min(1).max(500),
  title: z.string().min(1).max(500),
  description: z.string().max(5000).optional(),
  signal: z.enum(SIGNAL_KINDS),
  model: z.looseObject({ name: z.string().min(1).max(200), version: z.string().max(200).optional() }).optional(),
  metric: z
    .looseObject({ name: z.string().min(1).max(200), value: z.number().finite(), threshold: z.number().finite().optional() })
    .optional(),
  severity: z.enum(SEVERITIES).optional(),
  category: z.enum(CATEGORIES).optional(),
  observedAt: isoDateTime.optional(),
  startedAt: isoDateTime.optional(),
  endedAt: isoDateTime.optional(),
  labels: z.record(z.string(), z.string()).default({}),
  links: z.array(z.object({ title: z.string().min(1).max(200), url: httpUrl })).max(20).default([]),
});

export type DetectorPayload = z.infer<typeof detectorPayload>;

export function detectorSignal(payload: DetectorPayload, source: string, receivedAt: Date): Signal {
  const signal: Signal = {
    source,
    sourceKind: 'detector',
    status: payload.status,
    dedupKey: payload.dedupKey,
    title: payload.title,
    signal: payload.signal,
    observedAt: payload.observedAt ? new Date(payload.observedAt) : receivedAt,
    labels: { ...payload.labels, ...(payload.source ? { detector: payload.source } : {}) },
    annotations: {},
    links: payload.links,
    raw: payload,
  };
  if (payload.description) signal.description = payload.description;
  if (payload.model) signal.model = { name: payload.model.name, ...(payload.model.version ? { version: payload.model.version } : {}) };
  if (payload.metric) {
    signal.metric = {
      name: payload.metric.name,
      value: payload.metric.value,
      ...(payload.metric.threshold !== undefined ? { threshold: payload.metric.threshold } : {}),
    };
  }
  if (payload.severity) signal.severityHint = payload.severity;
  if (payload.category) signal.categoryHint = payload.category;
  if (payload.startedAt) signal.startedAt = new Date(payload.startedAt);
  if (payload.endedAt) signal.endedAt = new Date(payload.endedAt);
  return signal;
}
