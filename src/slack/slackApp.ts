import { App, ExpressReceiver, LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Application } from 'express';
import type { Logger } from '../shared/logger.js';
import type { UseCaseContext } from '../incidents/context.js';
import { registerListeners } from './registerListeners.js';
import type { InFlightListeners } from './inFlight.js';

export interface SlackAppOptions {
  expressApp: Application;
  signingSecret: string;
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

/**
 * Bolt on our Express app: it owns POST /slack/events and verifies every request's signature
 * and timestamp (bad or older than 5 minutes: 401) before any listener runs.
 */
export function createSlackApp(options: SlackAppOptions): App {
  const logger = boltLogger(options.logger);
  const receiver = new ExpressReceiver({
    signingSecret: options.signingSecret,
    endpoints: '/slack/events',
    app: options.expressApp,
    logger,
    processBeforeResponse: false,
  });
  const app = new App({
    token: options.token,
    receiver,
    botId: options.botId,
    botUserId: options.botUserId,
    logger,
    clientOptions: { ...(options.slackApiUrl ? { slackApiUrl: options.slackApiUrl } : {}), retryConfig: { retries: 1 } },
  });
  // First middleware: everything after it (listeners included) counts as in flight.
  app.use(async ({ next }) => options.inFlight.track(next));
  app.error(async (error) => {
    options.logger.error('slack: listener failed', { error: error.message });
  });
  registerListeners(app, { ctx: options.ctx, logger: options.logger });
  return app;
}
