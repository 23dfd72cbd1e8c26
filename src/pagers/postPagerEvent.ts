import { RetryOutsideSlack } from '../slack/delivery/slackErrors.js';

/** A pager answered that this event will never be taken (a 4xx other than 429): retrying cannot help. */
export class PagerRefused extends Error {
  override name = 'PagerRefused';
  constructor(
    readonly status: number,
    readonly answer: string,
  ) {
    super(`answered ${status}${answer ? `: ${answer}` : ''}`);
  }
}

/** Enough of an answer to log and keep on the timeline. */
const ANSWER_CHARS = 500;

const cut = (text: string): string => (text.length > ANSWER_CHARS ? `${text.slice(0, ANSWER_CHARS)}…` : text);

/**
 * One POST of a pager event. 2xx: taken, the answer's JSON returned (PagerDuty's has the
 * dedup_key). 429, 5xx, a timeout or no connection: RetryOutsideSlack, so the durable queue tries
 * again with backoff (PagerDuty's own advice; its dedup_key makes a repeat harmless). Any other
 * 4xx, or a redirect (never followed: the event goes where the policy says): PagerRefused.
 */
export async function postPagerEvent(url: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<Record<string, unknown>> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const name = (error as Error).name;
    if (name === 'TimeoutError' || name === 'AbortError') throw new RetryOutsideSlack(`no answer within ${timeoutMs / 1000}s`);
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new RetryOutsideSlack(cause?.code ?? cause?.message ?? (error as Error).message);
  }
  const text = await response.text().catch(() => '');
  if (response.status >= 200 && response.status < 300) return parsedObject(text);
  if (response.status === 429 || response.status >= 500) throw new RetryOutsideSlack(`answered ${response.status}${text ? `: ${cut(text)}` : ''}`);
  throw new PagerRefused(response.status, cut(text));
}

function parsedObject(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
