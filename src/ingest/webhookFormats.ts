import type { z } from 'zod';
import type { Source, SourceKind } from '../config/policy.js';
import type { Signal } from '../domain/types.js';
import type { SignalBatch } from '../incidents/ingestSignals.js';
import { alertmanagerPayload, alertmanagerSignals } from './alertmanagerPayload.js';
import { detectorPayload, detectorSignal } from './detectorPayload.js';

/** One webhook format: its path, who may send it, how to validate its body and turn it into signals. */
interface WebhookFormat<T> {
  path: string;
  kind: SourceKind;
  schema: z.ZodType<T>;
  toBatch(payload: T, source: Source, receivedAt: Date): SignalBatch;
}

/** A format as the route sees it: a body in, signals or the issues with it out. */
export interface WebhookRoute {
  path: string;
  kind: SourceKind;
  accept(body: unknown, source: Source, receivedAt: Date): { ok: true; batch: SignalBatch } | { ok: false; issues: z.core.$ZodIssue[] };
}

function route<T>(format: WebhookFormat<T>): WebhookRoute {
  return {
    path: format.path,
    kind: format.kind,
    accept: (body, source, receivedAt) => {
      const parsed = format.schema.safeParse(body);
      return parsed.success ? { ok: true, batch: format.toBatch(parsed.data, source, receivedAt) } : { ok: false, issues: parsed.error.issues };
    },
  };
}

const alertmanagerFormat: WebhookFormat<z.infer<typeof alertmanagerPayload>> = {
  path: '/webhooks/alertmanager',
  kind: 'alertmanager',
  schema: alertmanagerPayload,
  toBatch: (payload, source, receivedAt) => ({
    source: source.name,
    groupKey: `${source.name}:${payload.groupKey}`,
    signals: alertmanagerSignals(payload, source.name, receivedAt),
  }),
};

const detectorFormat: WebhookFormat<z.infer<typeof detectorPayload>> = {
  path: '/webhooks/detector',
  kind: 'detector',
  schema: detectorPayload,
  toBatch: (payload, source, receivedAt): SignalBatch => ({
    source: source.name,
    signals: [detectorSignal(payload, source.name, receivedAt) satisfies Signal],
  }),
};

/** Every webhook Vigil answers; a new format is one more entry here (and its payload file). */
export const WEBHOOK_ROUTES: readonly WebhookRoute[] = [route(alertmanagerFormat), route(detectorFormat)];
