import { App, ExpressReceiver, LogLevel, type Logger as BoltLogger, type Receiver } from '@slack/bolt';
import type { Application } from 'express';
import type { ServerResponse } from 'node:http';
import type { Logger } from '../shared/logger.js';
import type { UseCaseContext } from '../incidents/context.js';
import { registerListeners } from './registerListeners.js';
import type { InFlightListeners } from './inFlight.js';
import { requestTimestampCheck } from './requestTimestamp.js';
import { slackRequestGate } from './requestGate.js';
import { answerUnanswered } from './answerUnanswered.js';
import { VigilSocketModeReceiver } from './socketModeReceiver.js';
import { createHttpFetch } from './httpFetch.js';

export const SLACK_EVENTS_PATH = '/slack/events';

/**
 * Slack gives an app 3 s to answer. A listener still busy after this long is answered 200 by
 * the receiver (and logged), so Slack never sees a timeout or Bolt's 404; the margin covers the
 * network between Slack and us.
 */
const ANSWER_BY_MS = 2500;

export interface SlackAppOptions {
  expressApp: Application;
  /** HTTP mode: verifies every request on /slack/events. */
  signingSecret?: string;
  /** Socket Mode (xapp-...): Slack's traffic comes over a WebSocket Vigil opens; /slack/events is not served. */
  appToken?: string;
  token: string;
  slackApiUrl?: string;
  botUserId: string;
  botId: string;
  ctx: UseCaseContext;
  logger: Logger;
  inFlight: InFlightListeners;
}

function boltLogger(logger: Logger): BoltLogger {
  return {
    debug: (...msgs) => logger.debug(`bolt: ${msgs.map(String).join(' ')}`),
    info: (...msgs) => logger.info(`bolt: ${msgs.map(String).join(' ')}`),
    warn: (...msgs) => logger.warn(`bolt: ${msgs.map(String).join(' ')}`),
    error: (...msgs) => logger.error(`bolt: ${msgs.map(String).join(' ')}`),
    setLevel: () => {},
    getLevel: () => LogLevel.INFO,
    setName: () => {},
  };
}

/** Answer a request only if nothing has yet: a listener may have acked just before. */
function answerIfOpen(response: ServerResponse, status: number, body?: unknown): void {
  if (response.headersSent) return;
  if (body === undefined) {
    response.writeHead(status);
    response.end();
    return;
  }
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

/** The Bolt app and how Slack reaches it: over HTTP (nothing to start) or over Socket Mode. */
export interface SlackReceiving {
  app: App;
  mode: 'http' | 'socket';
  /** Socket Mode: open the connection (resolves once Slack said hello). HTTP: nothing to do. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Vigil's Bolt app, on the receiver the connection calls for. Both share the listeners
 * (registerListeners) and the middleware that tracks and answers every request.
 */
export function createSlackApp(options: SlackAppOptions): SlackReceiving {
  const logger = boltLogger(options.logger);
  if (options.appToken) {
    const receiver = new VigilSocketModeReceiver({
      appToken: options.appToken,
      ...(options.slackApiUrl ? { slackApiUrl: options.slackApiUrl } : {}),
      boltLogger: logger,
      logger: options.logger,
      answerByMs: ANSWER_BY_MS,
    });
    const app = boltApp(options, receiver, logger);
    return {
      app,
      mode: 'socket',
      start: async () => {
        await app.start();
      },
      stop: async () => {
        await app.stop();
      },
    };
  }
  if (!options.signingSecret) throw new Error('createSlackApp: a signing secret (HTTP) or an app token (Socket Mode) is required');
  return { app: httpSlackApp({ ...options, signingSecret: options.signingSecret }, logger), mode: 'http', start: async () => {}, stop: async () => {} };
}

/**
 * Bolt on our Express app: it owns POST /slack/events and verifies every request's signature
 * before any listener runs (401 when bad). In front of it: the timestamp check (401 for a date
 * more than 5 minutes off, either way), and the gate that answers at once, with no listener,
 * a signed request that is not a readable Slack request (400) or of a kind Vigil never handles
 * (200). Behind it, every verified request is answered within Slack's 3 s and never with a 5xx:
 * one no listener acknowledged is answered 200 (answerUnanswered), a body Bolt itself chokes on
 * is a 400, and a listener too slow for the deadline is answered 200 by the receiver.
 */
function httpSlackApp(options: SlackAppOptions & { signingSecret: string }, logger: BoltLogger): App {
  options.expressApp.post(SLACK_EVENTS_PATH, requestTimestampCheck(options.logger), slackRequestGate(options.signingSecret, options.logger));
  const receiver = new ExpressReceiver({
    signingSecret: options.signingSecret,
    endpoints: SLACK_EVENTS_PATH,
    app: options.expressApp,
    logger,
    processBeforeResponse: false,
    // Bolt reads the body before any middleware of ours runs; what it cannot read is the sender's fault.
    processEventErrorHandler: async ({ error, response }) => {
      if (response.headersSent) {
        options.logger.error('slack: request failed after it was answered', { error: error.message });
        return false;
      }
      options.logger.warn('slack: refused a signed request Bolt could not read (400)', { error: error.message });
      answerIfOpen(response, 400, { error: 'malformed_slack_request', issues: [error.message] });
      return true;
    },
    unhandledRequestTimeoutMillis: ANSWER_BY_MS,
    unhandledRequestHandler: ({ request, response }) => {
      options.logger.warn(`slack: no answer within ${ANSWER_BY_MS} ms; answered 200 so Slack does not time out`, { url: request.url });
      answerIfOpen(response, 200);
    },
  });
  return boltApp(options, receiver, logger);
}

/** The App on either receiver, with the middleware and listeners every request goes through. */
function boltApp(options: SlackAppOptions, receiver: Receiver, logger: BoltLogger): App {
  const app = new App({
    token: options.token,
    receiver,
    botId: options.botId,
    botUserId: options.botUserId,
    logger,
    clientOptions: { ...(options.slackApiUrl ? { slackApiUrl: options.slackApiUrl } : {}), retryConfig: { retries: 1 }, fetch: createHttpFetch() },
  });
  // First middleware: everything after it (listeners included) counts as in flight.
  app.use(async ({ next }) => options.inFlight.track(next));
  app.use(answerUnanswered(options.logger));
  app.error(async (error) => {
    options.logger.error('slack: listener failed', { error: error.message });
  });
  registerListeners(app, { ctx: options.ctx, logger: options.logger });
  return app;
}
