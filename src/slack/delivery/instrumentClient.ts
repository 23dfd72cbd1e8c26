import { ErrorCode, type WebClient } from '@slack/web-api';
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
 * Every method of the client goes through `apiCall` (chat.postMessage, files.uploadV2's steps...),
 * so timing it there sees them all, and the client keeps its own behaviour untouched.
 */
export function instrumentClient(client: WebClient, observer: SlackApiObserver): WebClient {
  const call = client.apiCall.bind(client);
  client.apiCall = async (method, options) => {
    const started = process.hrtime.bigint();
    const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
    try {
      const result = await call(method, options);
      observer.slackCall(method, seconds(), undefined);
      return result;
    } catch (error) {
      observer.slackCall(method, seconds(), errorOf(error));
      throw error;
    }
  };
  return client;
}
