import { ErrorCode, type WebAPIHTTPError, type WebAPIPlatformError, type WebAPIRequestError } from '@slack/web-api';

/**
 * Why a Web API call failed, in the terms an operator acts on: Slack refused it (its error code,
 * and for `missing_scope` the scope it needs), Slack could not be reached (the network's code),
 * or Slack answered an HTTP error. Undefined for anything that is not a Web API call's error.
 */
export type SlackCallFailure =
  | { kind: 'refused'; error: string; needed?: string }
  | { kind: 'unreachable'; cause: string }
  | { kind: 'http'; status: number };

/** The first errno-like code (ECONNREFUSED, ENOTFOUND, UND_ERR_CONNECT_TIMEOUT...) down an error's causes. */
export function networkCode(error: unknown, depth = 0): string | undefined {
  if (depth > 5 || typeof error !== 'object' || error === null) return undefined;
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === 'string' && !code.startsWith('slack_')) return code;
  return networkCode(cause, depth + 1) ?? (Array.isArray(errors) ? networkCode(errors[0], depth + 1) : undefined);
}

export function slackCallFailure(error: unknown): SlackCallFailure | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === ErrorCode.PlatformError) {
    const data = (error as WebAPIPlatformError).data as { error: string; needed?: unknown };
    return { kind: 'refused', error: data.error, ...(typeof data.needed === 'string' ? { needed: data.needed } : {}) };
  }
  if (code === ErrorCode.RequestError) {
    const original = (error as WebAPIRequestError).original;
    return { kind: 'unreachable', cause: networkCode(original) ?? (/timeout/i.test(original.message) ? 'timeout' : original.message) };
  }
  if (code === ErrorCode.HTTPError) return { kind: 'http', status: (error as WebAPIHTTPError).statusCode };
  return undefined;
}

/** A few words for the failure, e.g. "refused: invalid_auth", "unreachable (ECONNREFUSED)". */
export function describeSlackFailure(failure: SlackCallFailure): string {
  switch (failure.kind) {
    case 'refused':
      return failure.needed ? `${failure.error} (needs ${failure.needed})` : failure.error;
    case 'unreachable':
      return `unreachable (${failure.cause})`;
    case 'http':
      return `HTTP ${failure.status}`;
  }
}
