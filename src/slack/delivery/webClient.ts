import { LogLevel, WebClient, type WebClientOptions } from '@slack/web-api';
import { createHttpFetch } from '../httpFetch.js';
import { InstrumentedWebClient, type SlackApiObserver } from './instrumentClient.js';

/** How long a Web API call may take before its answer is given up on (and the call retried, checking first). */
export const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * The Web API client the delivery worker uses. Its own retries are off: the durable queue owns
 * retrying, so a 429 comes straight back with Retry-After instead of being waited out in memory.
 */
export function createDeliveryClient(token: string, slackApiUrl: string | undefined, observer?: SlackApiObserver, timeoutMs = DEFAULT_TIMEOUT_MS): WebClient {
  const options: WebClientOptions = {
    ...(slackApiUrl ? { slackApiUrl } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: timeoutMs,
    logLevel: LogLevel.ERROR,
    // node:http with kept-alive connections instead of the global fetch: a fraction of the CPU per call.
    fetch: createHttpFetch(),
  };
  // With an observer (the metrics), every call is timed and its error counted.
  return observer ? new InstrumentedWebClient(token, options, observer) : new WebClient(token, options);
}
