import { LogLevel, WebClient } from '@slack/web-api';

/**
 * The Web API client the delivery worker uses. Its own retries are off: the durable queue owns
 * retrying, so a 429 comes straight back with Retry-After instead of being waited out in memory.
 */
export function createDeliveryClient(token: string, slackApiUrl: string | undefined): WebClient {
  return new WebClient(token, {
    ...(slackApiUrl ? { slackApiUrl } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: 10_000,
    logLevel: LogLevel.ERROR,
  });
}
