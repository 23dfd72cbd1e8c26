import type { z } from 'zod';
import type { Source, SourceKind } from '../config/policy.js';
import type { Executor } from '../db/executor.js';
import type { Signal } from '../domain/types.js';
import type { UseCaseContext } from '../incidents/context.js';
import type { IngestResult, SignalBatch } from '../incidents/ingestSignals.js';
import { acknowledgeFromSource } from '../incidents/acknowledgeFromSource.js';
import { alertmanagerAlert, alertmanagerEnvelope, alertmanagerSignal, type AlertmanagerEnvelope } from './alertmanagerPayload.js';
import { detectorPayload, detectorSignal } from './detectorPayload.js';
import { grafanaAlert, grafanaEnvelope, grafanaSignal } from './grafanaPayload.js';
import { dedupKeyOf, pagerdutyEvent, pagerdutyResolvedSignal, pagerdutySignal, routingKeyOf } from './pagerdutyPayload.js';
import { PAGERDUTY_ANSWERS, type WebhookAnswers } from './webhookAnswers.js';
import { samplesRoute } from './samplesPayload.js';
import { deploymentsRoute } from './deploymentPayload.js';

/**
 * What a body asks to be stored, in the sender's request and answered after its commit: alerts
 * (`batch`, through ingestSignals), or other work in one transaction (`apply`: an acknowledgement).
 * `key` is the sender's own id for what it sent, when its answer echoes one (PagerDuty's dedup_key).
 */
export type AcceptedWork = ({ batch: SignalBatch } | { apply: (tx: Executor, ctx: UseCaseContext) => IngestResult }) & {
  key?: string;
  /** What the metrics count an `apply` as among the alerts received (PagerDuty's acknowledge: `acknowledged`); uncounted without. */
  outcome?: string;
  /** The 202 body, read after the commit, for work that is not an alert (a stored deployment's id); the route's `answers` otherwise. */
  answer?: () => unknown;
};

type Accepted = ({ ok: true } & AcceptedWork) | { ok: false; issues: z.core.$ZodIssue[] };

/** A format as the route sees it: a body in, what to store or the issues with it out. */
export interface WebhookRoute {
  path: string;
  kind: SourceKind;
  /**
   * Where the sender's token is when not in `Authorization: Bearer` (PagerDuty's routing_key):
   * the body is then read, within the size limit, before the token is checked.
   */
  tokenInBody?: (body: unknown) => string | undefined;
  /** Largest body accepted, as sent and decoded; MAX_WEBHOOK_BYTES (1 MB) unless said (samples: 100,000 values). */
  maxBytes?: number;
  /** Body text to a value: JSON.parse unless the route reads a dialect (samples: NaN and Infinity, to name where they are). */
  parse?: (text: string) => unknown;
  accept(body: unknown, source: Source, receivedAt: Date): Promise<Accepted>;
  /** How its answers look, when the sender expects another service's (PagerDuty's); Vigil's otherwise. */
  answers?: WebhookAnswers;
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

/**
 * A route for an Alertmanager-shaped delivery (Alertmanager's own, Grafana's): the envelope at
 * once, then alerts[] entry by entry in turns; issues are reported as one schema would, with each
 * alert's under alerts[i]. The group key ties a delivery's alerts to one incident.
 */
function alertListRoute<E extends AlertmanagerEnvelope, A>(
  path: string,
  kind: SourceKind,
  envelopeSchema: z.ZodType<E>,
  alertSchema: z.ZodType<A>,
  toSignal: (alert: A, envelope: E, source: string, receivedAt: Date) => Signal,
): WebhookRoute {
  return {
    path,
    kind,
    accept: async (body, source, receivedAt) => {
      const envelope = envelopeSchema.safeParse(body);
      const issues: z.core.$ZodIssue[] = envelope.success ? [] : [...envelope.error.issues];
      const list = (body as { alerts?: unknown } | null)?.alerts;
      const entries: unknown[] = envelope.success ? envelope.data.alerts : Array.isArray(list) ? list : [];
      const parsed = await inTurns(entries, (entry) => alertSchema.safeParse(entry));
      const alerts: A[] = [];
      parsed.forEach((result, i) => {
        if (result.success) alerts.push(result.data);
        else for (const issue of result.error.issues) issues.push({ ...issue, path: ['alerts', i, ...issue.path] });
      });
      if (!envelope.success || issues.length > 0) return { ok: false, issues };
      const payload = envelope.data;
      const signals = await inTurns(alerts, (alert) => toSignal(alert, payload, source.name, receivedAt));
      return { ok: true, batch: { source: source.name, groupKey: `${source.name}:${payload.groupKey}`, signals } };
    },
  };
}

const alertmanagerRoute = alertListRoute('/webhooks/alertmanager', 'alertmanager', alertmanagerEnvelope, alertmanagerAlert, alertmanagerSignal);

const grafanaRoute = alertListRoute('/webhooks/grafana', 'grafana', grafanaEnvelope, grafanaAlert, grafanaSignal);

/**
 * PagerDuty's Events API v2: the token is the body's routing_key, and answers are PagerDuty's
 * (202 `{ status, message, dedup_key }`, 400 `{ status, message, errors }`). A trigger is an
 * alert; a resolve clears it as an Alertmanager `resolved` does; an acknowledge acknowledges the
 * incident holding it, by the sender.
 */
const pagerdutyRoute: WebhookRoute = {
  path: '/webhooks/pagerduty',
  kind: 'pagerduty',
  tokenInBody: routingKeyOf,
  answers: PAGERDUTY_ANSWERS,
  accept: async (body, source, receivedAt) => {
    const parsed = pagerdutyEvent.safeParse(body);
    if (!parsed.success) return { ok: false, issues: parsed.error.issues };
    const event = parsed.data;
    const key = dedupKeyOf(event);
    switch (event.event_action) {
      case 'trigger':
        return { ok: true, key, batch: { source: source.name, signals: [pagerdutySignal(event, key, source.name, receivedAt)] } };
      case 'resolve':
        return { ok: true, key, batch: { source: source.name, signals: [pagerdutyResolvedSignal(event, source.name, receivedAt)] } };
      case 'acknowledge':
        return {
          ok: true,
          key,
          outcome: 'acknowledged',
          apply: (tx, ctx) => acknowledgeFromSource(tx, ctx, { source: source.name, dedupKey: key, via: 'pagerduty' }),
        };
    }
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
export const WEBHOOK_ROUTES: readonly WebhookRoute[] = [alertmanagerRoute, detectorRoute, grafanaRoute, pagerdutyRoute, samplesRoute, deploymentsRoute];
