import { ErrorCode, type WebAPIPlatformError, type WebAPIRateLimitedError } from '@slack/web-api';

/** How the delivery worker should react to a failed Web API call. */
export type FailureVerdict =
  | { kind: 'rate_limited'; retryAfterMs: number }
  /**
   * Worth another try: Slack said no for a reason that may pass (internal error, 5xx), or gave
   * no answer at all (timeout, reset) and may have done it; retries check first (markRetry).
   */
  | { kind: 'transient'; message: string; outsideSlack?: true }
  /** Retrying cannot help (missing scope, bad request): give up on this effect. */
  | { kind: 'permanent'; message: string };

const TRANSIENT_PLATFORM_ERRORS = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout', 'ratelimited']);

export function slackErrorCode(error: unknown): string | undefined {
  const candidate = error as Partial<WebAPIPlatformError>;
  return candidate.code === ErrorCode.PlatformError ? candidate.data?.error : undefined;
}

/**
 * An effect that calls something other than Slack (an operator's rollback hook) failed for a
 * reason that may pass: retried with backoff like a Slack 5xx, but it says nothing about whether
 * Slack is answering, so it does not pull other effects' retries forward.
 */
export class RetryOutsideSlack extends Error {
  override name = 'RetryOutsideSlack';
}

export function judgeFailure(error: unknown): FailureVerdict {
  if (error instanceof RetryOutsideSlack) return { kind: 'transient', message: error.message, outsideSlack: true };
  const code = (error as { code?: string }).code;
  const message = (error as Error).message ?? String(error);
  switch (code) {
    case ErrorCode.RateLimitedError:
      return { kind: 'rate_limited', retryAfterMs: Math.max(1, (error as WebAPIRateLimitedError).retryAfter) * 1000 };
    case ErrorCode.PlatformError: {
      const platform = slackErrorCode(error) ?? 'unknown';
      return TRANSIENT_PLATFORM_ERRORS.has(platform) ? { kind: 'transient', message: platform } : { kind: 'permanent', message: platform };
    }
    case ErrorCode.HTTPError:
      return { kind: 'transient', message };
    case ErrorCode.RequestError:
      return { kind: 'transient', message };
    default:
      // A bug in our own rendering code would repeat forever; give up and log it.
      return { kind: 'permanent', message };
  }
}
