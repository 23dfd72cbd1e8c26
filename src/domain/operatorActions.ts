// Operator actions: what an incident may ask the operator's own systems to do about a model.
// Pure: the words and the rules for a hook's answer; no HTTP, no Slack.

export const OPERATOR_ACTION_KINDS = ['rollback', 'killSwitch'] as const;
export type OperatorActionKind = (typeof OPERATOR_ACTION_KINDS)[number];

/** pending until the hook accepts (2xx), refuses (a final 4xx) or fails after every retry. */
export const OPERATOR_ACTION_STATUSES = ['pending', 'accepted', 'refused', 'failed'] as const;
export type OperatorActionStatus = (typeof OPERATOR_ACTION_STATUSES)[number];

export const OPERATOR_ACTION_WORDS: Record<OperatorActionKind, { noun: string; done: string }> = {
  rollback: { noun: 'rollback', done: 'rolled back' },
  killSwitch: { noun: 'kill switch', done: 'disabled' },
};

/**
 * Attempts before giving up on a hook that answers 5xx or nothing. With the delivery worker's
 * backoff (1 s, 2 s, 4 s, 8 s, 16 s, with jitter) the last is sent about half a minute after
 * the first, plus each attempt's timeout.
 */
export const HOOK_MAX_ATTEMPTS = 6;

/** How a hook's answer ends (or does not end) an attempt. */
export type HookVerdict = 'accepted' | 'refused' | 'retry';

/**
 * 2xx: accepted. A 4xx says this request is wrong and sending it again cannot help: final,
 * except 408 (request timeout) and 429 (too many requests), which ask to be sent later. A 3xx is
 * final too: the hook URL points somewhere else, which the operator must fix in the policy. 5xx,
 * or no answer at all (a timeout, a refused connection), may pass: retried.
 */
export function judgeHookAnswer(status: number | null): HookVerdict {
  if (status === null) return 'retry';
  if (status >= 200 && status < 300) return 'accepted';
  if (status === 408 || status === 429 || status >= 500) return 'retry';
  return 'refused';
}
