import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { Config } from './config/load.js';
import { loadRunbooks } from './config/loadRunbooks.js';
import { loadTemplates } from './comms/loadTemplates.js';
import { openStore, type Store } from './db/connection.js';
import type { UseCaseContext } from './incidents/context.js';
import { GroupCommit } from './db/groupCommit.js';
import { webhookHandler } from './ingest/webhookHandler.js';
import { Scheduler } from './scheduler/scheduler.js';
import { registerStatusRoutes } from './statusPage/statusRoutes.js';
import { registerApiRoutes } from './api/apiRoutes.js';
import { systemClock, type Clock } from './shared/clock.js';
import { createLogger, type Logger } from './shared/logger.js';
import { requestIdFrom, withRequest } from './shared/requestContext.js';
import { DeliveryWorker, type DeliveryWorkerOptions } from './slack/delivery/deliveryWorker.js';
import { createDeliveryClient } from './slack/delivery/webClient.js';
import { createSlackApp } from './slack/slackApp.js';
import { InFlightListeners } from './slack/inFlight.js';
import { VigilMetrics } from './metrics/vigilMetrics.js';
import { registerMetricsRoute } from './metrics/metricsRoute.js';

export interface SlackConnection {
  token: string;
  /** HTTP mode: Slack posts to /slack/events, signed with this. */
  signingSecret?: string;
  /** Socket Mode (xapp-...): Vigil opens a WebSocket to Slack instead; takes precedence over HTTP. */
  appToken?: string;
  /** Base URL of the Web API (`https://slack.com/api/` or the emulator's). */
  apiUrl?: string;
  /** Who the token is, when the start already asked Slack (auth.test); asked here otherwise. */
  identity?: { userId: string; botId: string };
  /** How long a Web API call may take (DEFAULT_TIMEOUT_MS unless told; a test of late answers waits less). */
  timeoutMs?: number;
}

export interface VigilOptions {
  config: Config;
  slack: SlackConnection;
  clock?: Clock;
  logger?: Logger;
  /** Run node-cron jobs; tests that move the clock call `scheduler.tick()` instead. */
  runScheduler?: boolean;
  /** Delivery tuning; tests that are not about Slack's pace pass a faster `pacing`. */
  delivery?: DeliveryWorkerOptions;
}

export interface Vigil {
  ctx: UseCaseContext;
  store: Store;
  worker: DeliveryWorker;
  scheduler: Scheduler;
  /** Webhook deliveries committed together (group commit). */
  commits: GroupCommit;
  /** Resolves when no Slack listener is running and no effect is waiting to be delivered. */
  settle(timeoutMs?: number): Promise<void>;
  /** Start serving HTTP; resolves with the bound port (0 picks a free one). */
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

async function askIdentity(client: ReturnType<typeof createDeliveryClient>): Promise<{ userId: string; botId: string }> {
  const answer = await client.auth.test();
  return { userId: answer.user_id ?? '', botId: answer.bot_id ?? '' };
}

/** Build the whole application from explicit parts: nothing here reads process.env. */
export async function createVigil(options: VigilOptions): Promise<Vigil> {
  const { config } = options;
  const logger = options.logger ?? createLogger(config.env.LOG_LEVEL);
  const clock = options.clock ?? systemClock;
  const runbooks = loadRunbooks(config.policy.runbooksFolder);
  const templates = loadTemplates(config.policy.stakeholders.templatesFolder);
  const store = openStore(config.env.DATABASE_PATH);

  // Vigil's own health for Prometheus (GET /metrics): webhooks, deliveries and Slack calls report to it.
  const metrics = new VigilMetrics(store.db, clock);
  const client = createDeliveryClient(options.slack.token, options.slack.apiUrl, metrics, options.slack.timeoutMs);
  // Asked once per start: main's token check already knows it, and a second call after the modules'
  // load (seconds on a loaded machine) met Slack's keep-alive connection closed under it.
  const identity = options.slack.identity ?? (await askIdentity(client));
  const botUserId = identity.userId;
  const botId = identity.botId;

  let worker: DeliveryWorker | undefined;
  const ctx: UseCaseContext = {
    db: store.db,
    clock,
    policy: config.policy,
    logger,
    runbooks,
    templates,
    effectsQueued: () => worker?.kick(),
  };
  const commits = new GroupCommit(store.sqlite, store.db, () => worker?.kick(), { onBatch: (size) => metrics.committed(size) });
  worker = new DeliveryWorker(
    { db: store.db, commit: (work) => commits.submit(work), client, clock, botUserId, logger, runbooks, actionHooks: config.policy.actions, monitors: config.policy.monitors, pagers: config.policy.pagers },
    { ...options.delivery, observer: metrics },
  );
  const scheduler = new Scheduler(ctx);
  const inFlight = new InFlightListeners();

  const expressApp = express();
  expressApp.disable('x-powered-by');
  expressApp.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  registerStatusRoutes(expressApp, ctx);
  registerApiRoutes(expressApp, ctx);
  registerMetricsRoute(expressApp, metrics, config.policy.metricsToken, logger);
  const slack = createSlackApp({
    expressApp,
    ...(options.slack.signingSecret ? { signingSecret: options.slack.signingSecret } : {}),
    ...(options.slack.appToken ? { appToken: options.slack.appToken } : {}),
    token: options.slack.token,
    ...(options.slack.apiUrl ? { slackApiUrl: options.slack.apiUrl } : {}),
    botUserId,
    botId,
    ctx,
    logger,
    inFlight,
  });
  const handleWebhook = webhookHandler(ctx, commits, metrics);
  const server = http.createServer((req, res) => {
    // One id per request, on every log line it causes: the webhook or Slack request, the use
    // case, the group commit that stores it.
    const requestId = requestIdFrom(req.headers['x-request-id']);
    res.setHeader('x-request-id', requestId);
    withRequest({ requestId }, () => {
      if (!handleWebhook(req, res)) expressApp(req, res);
    });
  });

  return {
    ctx,
    store,
    worker,
    scheduler,
    commits,
    settle: async (timeoutMs = 10_000) => {
      const deadline = Date.now() + timeoutMs;
      // Listeners queue effects and delivery may trigger nothing new, so settle until both are quiet at once.
      for (;;) {
        while (inFlight.busy) {
          if (Date.now() > deadline) throw new Error('Slack listeners still running');
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
        await worker!.idle(Math.max(1, deadline - Date.now()));
        if (!inFlight.busy) return;
      }
    },
    listen: (port, host = '0.0.0.0') =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          worker!.start();
          if (options.runScheduler !== false) scheduler.start();
          // Socket Mode: Slack's requests come over a connection we open; HTTP: nothing to open.
          slack.start().then(() => resolve((server.address() as AddressInfo).port), reject);
        });
      }),
    close: async () => {
      await slack.stop();
      await scheduler.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      while (inFlight.busy) await new Promise((resolve) => setTimeout(resolve, 5));
      server.closeAllConnections();
      await worker!.stop();
      store.close();
    },
  };
}
