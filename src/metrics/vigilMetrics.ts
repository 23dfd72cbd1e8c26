import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Db } from '../db/executor.js';
import type { Signal } from '../domain/types.js';
import type { IngestResult } from '../incidents/ingestSignals.js';
import type { WebhookObserver } from '../ingest/webhookObserver.js';
import type { Clock } from '../shared/clock.js';
import { acknowledgements, openIncidentsBySeverity, outboxState } from './storeGauges.js';

// Vigil's own health in Prometheus terms, on prom-client (the maintained Node client: exposition
// format, histograms, process and event-loop metrics). One registry per Vigil: tests run several
// in one process, and each must count its own.

/** A delivered effect as the metrics see it: its kind and payload (a page's `dueAt`, a pager's name). */
export interface DeliveredEffect {
  kind: string;
  payload: Record<string, unknown>;
}

/** Which way a delivered effect paged someone, if it did. */
function pageChannel(effect: DeliveredEffect): string | undefined {
  switch (effect.kind) {
    case 'page.dm':
      return 'slack_dm';
    case 'page.usergroup':
      return 'slack_usergroup';
    case 'pager.trigger':
      return typeof effect.payload['pager'] === 'string' ? effect.payload['pager'] : 'pager';
    default:
      return undefined;
  }
}

const SECONDS_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const PAGE_DELAY_BUCKETS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600];
const BATCH_BUCKETS = [1, 2, 4, 8, 16, 32, 64, 128, 256, 500];
const TTA_BUCKETS = [60, 120, 300, 600, 900, 1800, 3600, 7200, 14400];

export class VigilMetrics implements WebhookObserver {
  readonly registry = new Registry();
  private readonly webhookRequests: Counter<'route' | 'status'>;
  private readonly webhookDuration: Histogram<'route'>;
  private readonly alertsReceived: Counter<'source' | 'outcome'>;
  private readonly pagesSent: Counter<'channel'>;
  private readonly pageDelay: Histogram<'channel'>;
  private readonly deliveryFailures: Counter<'kind' | 'verdict'>;
  private readonly slackCalls: Counter<'method'>;
  private readonly slackErrors: Counter<'method' | 'error'>;
  private readonly slackDuration: Histogram<'method'>;
  private readonly commitBatch: Histogram;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {
    const registers = [this.registry];
    // Process CPU, memory, handles, GC and event-loop lag (nodejs_eventloop_lag_seconds and its percentiles).
    collectDefaultMetrics({ register: this.registry });
    this.webhookRequests = new Counter({ name: 'vigil_webhook_requests_total', help: 'Webhook requests answered, by route and HTTP status.', labelNames: ['route', 'status'], registers });
    this.webhookDuration = new Histogram({ name: 'vigil_webhook_duration_seconds', help: 'Time from a webhook request to its answer (after the commit for a 202).', labelNames: ['route'], buckets: SECONDS_BUCKETS, registers });
    this.alertsReceived = new Counter({
      name: 'vigil_alerts_received_total',
      help: 'Alerts received by source and outcome: accepted, deduplicated, resolved, acknowledged; invalid and not_stored count deliveries.',
      labelNames: ['source', 'outcome'],
      registers,
    });
    this.pagesSent = new Counter({ name: 'vigil_pages_sent_total', help: 'Pages delivered, by channel (slack_dm, slack_usergroup, pagerduty, webhook).', labelNames: ['channel'], registers });
    this.pageDelay = new Histogram({ name: 'vigil_page_delay_seconds', help: 'From when a page was due to when it was delivered, by channel.', labelNames: ['channel'], buckets: PAGE_DELAY_BUCKETS, registers });
    this.deliveryFailures = new Counter({ name: 'vigil_effect_delivery_failures_total', help: 'Failed attempts to deliver an effect, by kind and verdict (transient, rate_limited, permanent).', labelNames: ['kind', 'verdict'], registers });
    this.slackCalls = new Counter({ name: 'vigil_slack_api_calls_total', help: 'Slack Web API calls made by the delivery worker, by method.', labelNames: ['method'], registers });
    this.slackErrors = new Counter({ name: 'vigil_slack_api_errors_total', help: "Slack Web API calls that failed, by method and Slack's error (or the HTTP failure).", labelNames: ['method', 'error'], registers });
    this.slackDuration = new Histogram({ name: 'vigil_slack_api_duration_seconds', help: 'Slack Web API call latency, by method.', labelNames: ['method'], buckets: SECONDS_BUCKETS, registers });
    this.commitBatch = new Histogram({
      name: 'vigil_group_commit_batch_size',
      help: 'Pieces of work (webhook deliveries or their slices) stored per group commit: one fsync each.',
      buckets: BATCH_BUCKETS,
      registers,
    });
    this.storeMetrics(registers);
  }

  /** Gauges and a histogram read from the store at scrape time, so a restart does not reset them. */
  private storeMetrics(registers: Registry[]): void {
    const db = this.db;
    const clock = this.clock;
    new Gauge({
      name: 'vigil_incidents_open',
      help: 'Open (not resolved) incidents by severity.',
      labelNames: ['severity'],
      registers,
      collect() {
        this.reset();
        for (const severity of ['SEV1', 'SEV2', 'SEV3', 'SEV4']) this.set({ severity }, 0);
        for (const row of openIncidentsBySeverity(db)) this.set({ severity: row.severity }, row.count);
      },
    });
    new Gauge({
      name: 'vigil_effects_pending',
      help: 'Effects waiting to be delivered (pending or being retried), by class (core, chatter).',
      labelNames: ['class'],
      registers,
      collect() {
        for (const [cls, count] of outboxState(db).undelivered) this.set({ class: cls }, count);
      },
    });
    new Gauge({
      name: 'vigil_effects_dead',
      help: 'Effects given up for good and still in the outbox, by kind.',
      labelNames: ['kind'],
      registers,
      collect() {
        this.reset();
        for (const [kind, count] of outboxState(db).dead) this.set({ kind }, count);
      },
    });
    new Gauge({
      name: 'vigil_effects_oldest_pending_age_seconds',
      help: 'Age of the oldest undelivered effect (0 when none).',
      registers,
      collect() {
        const oldest = outboxState(db).oldestCreatedAt;
        this.set(oldest === null ? 0 : Math.max(0, (clock.now().getTime() - oldest) / 1000));
      },
    });
    new Histogram({
      name: 'vigil_time_to_acknowledge_seconds',
      help: 'Time from declaration to the first acknowledgement, of every acknowledged incident, by severity.',
      labelNames: ['severity'],
      buckets: TTA_BUCKETS,
      registers,
      collect() {
        this.reset();
        for (const row of acknowledgements(db)) this.observe({ severity: row.severity }, row.seconds);
      },
    });
  }

  // --- webhooks (WebhookObserver) ---

  /** One group commit stored `size` pieces of work. */
  committed(size: number): void {
    this.commitBatch.observe(size);
  }

  answered(route: string, status: number, seconds: number): void {
    this.webhookRequests.inc({ route, status: String(status) });
    this.webhookDuration.observe({ route }, seconds);
  }

  stored(source: string, signals: readonly Signal[], result: IngestResult, outcome: string | undefined): void {
    if (signals.length === 0) {
      if (outcome) this.alertsReceived.inc({ source, outcome });
      return;
    }
    const resolved = signals.filter((s) => s.status === 'resolved').length;
    const firing = signals.length - resolved;
    if (resolved > 0) this.alertsReceived.inc({ source, outcome: 'resolved' }, resolved);
    if (firing > 0) this.alertsReceived.inc({ source, outcome: result.deduplicated ? 'deduplicated' : 'accepted' }, firing);
  }

  refused(source: string, outcome: 'invalid' | 'not_stored'): void {
    this.alertsReceived.inc({ source, outcome });
  }

  // --- delivery (the outbox worker) ---

  delivered(effect: DeliveredEffect): void {
    const channel = pageChannel(effect);
    if (!channel) return;
    this.pagesSent.inc({ channel });
    const dueAt = effect.payload['dueAt'];
    if (typeof dueAt === 'string') this.pageDelay.observe({ channel }, Math.max(0, (this.clock.now().getTime() - Date.parse(dueAt)) / 1000));
  }

  deliveryFailed(kind: string, verdict: string): void {
    this.deliveryFailures.inc({ kind, verdict });
  }

  // --- Slack Web API ---

  slackCall(method: string, seconds: number, error: string | undefined): void {
    this.slackCalls.inc({ method });
    this.slackDuration.observe({ method }, seconds);
    if (error !== undefined) this.slackErrors.inc({ method, error });
  }

  /** The exposition text and its content type. */
  async scrape(): Promise<{ contentType: string; text: string }> {
    return { contentType: this.registry.contentType, text: await this.registry.metrics() };
  }
}
