import type { ActionHook } from '../../config/policy.js';
import { signedHookHeaders } from '../../shared/hookSignature.js';

/** What the hook answered to one attempt: its status and body, or why there was no answer. */
export interface HookAnswer {
  status: number | null;
  /** The answer's body, cut to ANSWER_CHARS. */
  body: string | null;
  /** No answer: a timeout, a refused connection. */
  error: string | null;
}

/** Enough of an answer to show people and keep on the record; a hook's HTML error page is not. */
export const ANSWER_CHARS = 2000;

/**
 * One signed POST of the stored body to the operator's hook, with the action's timeout. Never
 * throws: every way it can go is an answer the caller judges. Redirects are not followed (a
 * signed request must reach the URL the operator configured, not one a response names).
 */
export async function callHook(hook: ActionHook, body: string, idempotencyKey: string, now: Date = new Date()): Promise<HookAnswer> {
  try {
    const response = await fetch(hook.url, {
      method: 'POST',
      headers: signedHookHeaders(hook.secret, body, idempotencyKey, now),
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(hook.timeoutMs),
    });
    const text = await response.text();
    return { status: response.status, body: text.length > ANSWER_CHARS ? `${text.slice(0, ANSWER_CHARS)}…` : text, error: null };
  } catch (error) {
    const name = (error as Error).name;
    if (name === 'TimeoutError' || name === 'AbortError') return { status: null, body: null, error: `no answer within ${hook.timeoutMs / 1000}s` };
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return { status: null, body: null, error: cause?.code ?? cause?.message ?? (error as Error).message };
  }
}
