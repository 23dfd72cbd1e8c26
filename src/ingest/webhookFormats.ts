import type { z } from 'zod';
import type { Source, SourceKind } from '../config/policy.js';
import type { Signal } from '../domain/types.js';
import type { SignalBatch } from '../incidents/ingestSignals.js';
import { alertmanagerAlert, alertmanagerEnvelope, alertmanagerSignal, type AlertmanagerAlert } from './alertmanagerPayload.js';
import { detectorPayload, detectorSignal } from './detectorPayload.js';

type Accepted = { ok: true; batch: SignalBatch } | { ok: false; issues: z.core.$ZodIssue[] };

/** A format as the route sees it: a body in, signals or the issues with it out. */
export interface WebhookRoute {
  path: string;
  kind: SourceKind;
  accept(body: unknown, source: Source, receivedAt: Date): Promise<Accepted>;
}

// Entries of a long list handled per turn of the event loop: validating and converting 250
// alerts takes a few milliseconds, so a 5,000-alert delivery never holds the loop for long.
const ITEMS_PER_TURN = 250;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** `each` over every item, ITEMS_PER_TURN at a time, letting other requests be served in between. */
async function inTurns<I, O>(items: readonly I[], each: (item: I, index: number) => O): Promise<O[]> {
  const out: O[] = [];
  for (let start = 0; start < items.length; start += ITEMS_PER_TURN) {
    if (start > 0) await nextTurn();
    const end = Math.min(items.length, start + ITEMS_PER_TURN);
    for (let i = start; i < end; i++) out.push(each(items[i]!, i));
  }
  return out;
}

const alertmanagerRoute: WebhookRoute = {
  path: '/webhooks/alertmanager',
  kind: 'alertmanager',
  // The envelope at once, then alerts[] entry by entry in turns; issues are reported as one
  // schema would, with each alert's under alerts[i].
  accept: async (body, source, receivedAt) => {
    const envelope = alertmanagerEnvelope.safeParse(body);
    const issues: z.core.$ZodIssue[] = envelope.success ? [] : [...envelope.error.issues];
    const list = (body as { alerts?: unknown } | null)?.alerts;
    const entries: unknown[] = envelope.success ? envelope.data.alerts : Array.isArray(list) ? list : [];
    const parsed = await inTurns(entries, (entry) => alertmanagerAlert.safeParse(entry));
    const alerts: AlertmanagerAlert[] = [];
    parsed.forEach((result, i) => {
      if (result.success) alerts.push(result.data);
      else for (const issue of result.error.issues) issues.push({ ...issue, path: ['alerts', i, ...issue.path] });
    });
    if (!envelope.success || issues.length > 0) return { ok: false, issues };
    const payload = envelope.data;
    const signals = await inTurns(alerts, (alert) => alertmanagerSignal(alert, payload, source.name, receivedAt));
    return { ok: true, batch: { source: source.name, groupKey: `${source.name}:${payload.groupKey}`, signals } };
  },
};

const detectorRoute: WebhookRoute = {
  path: '/webhooks/detector',
  kind: 'detector',
  accept: async (body, source, receivedAt) => {
    const parsed = detectorPayload.safeParse(body);
    if (!parsed.success) return { ok: false, issues: parsed.error.issues };
    return { ok: true, batch: { source: source.name, signals: [detectorSignal(parsed.data, source.name, receivedAt) satisfies Signal] } };
  },
};

/** Every webhook Vigil answers; a new format is one more entry here (and its payload file). */
export const WEBHOOK_ROUTES: readonly WebhookRoute[] = [alertmanagerRoute, detectorRoute];
