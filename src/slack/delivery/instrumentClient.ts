import { ErrorCode, WebClient, type WebAPICallResult, type WebClientOptions } from '@slack/web-api';
import { slackErrorCode } from './slackErrors.js';

/** Told of every Web API call the delivery client makes: its method, how long it took, and its error if any. */
export interface SlackApiObserver {
  slackCall(method: string, seconds: number, error: string | undefined): void;
}

/** Slack's error code, or the kind of failure when Slack gave none (rate limited, HTTP error, no answer). */
function errorOf(error: unknown): string {
  const platform = slackErrorCode(error);
  if (platform) return platform;
  switch ((error as { code?: string }).code) {
    case ErrorCode.RateLimitedError:
      return 'ratelimited';
    case ErrorCode.HTTPError:
      return 'http_error';
    case ErrorCode.RequestError:
      return 'request_error';
    default:
      return 'unknown';
  }
}

/**
 * A WebClient that times every call. Every method (chat.postMessage, files.uploadV2's steps...)
 * goes through `apiCall`, which the client binds to each method as it is built, so overriding it
 * in a subclass sees them all; the client behaves exactly as before.
 */
export class InstrumentedWebClient extends WebClient {
  constructor(
    token: string,
    options: WebClientOptions,
    private readonly observer: SlackApiObserver,
  ) {
    super(token, options);
  }

  override async apiCall(method: string, options?: Record<string, unknown>): Promise<WebAPICallResult> {
    const started = process.hrtime.bigint();
    const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
    try {
      const result = await super.apiCall(method, options);
      this.observer.slackCall(method, seconds(), undefined);
      return result;
    } catch (error) {
      this.observer.slackCall(method, seconds(), errorOf(error));
      throw error;
    }
  }
}
