import type { IngestResult } from '../incidents/ingestSignals.js';

/** One thing wrong with a body: where (`alerts[2].labels`, '' for the whole body) and what. */
export interface Issue {
  path: string;
  message: string;
}

/**
 * The bodies a webhook route answers with. Every route shares the steps (token, size, JSON,
 * validation, group commit); only the words differ, for senders that expect another service's
 * answers (a PagerDuty client reads `status`, `message`, `errors`).
 */
export interface WebhookAnswers {
  /** After the commit: 202 with this body. `key` is the sender's id for what it sent, if any. */
  accepted(result: IngestResult, key: string | undefined): unknown;
  /** Any refusal (400, 401, 413, 415, 503, 500): its status, the error in words, and the issues of a 400. */
  refused(status: number, error: string, issues: Issue[]): unknown;
}

/** Vigil's own (DESIGN.md's contract): `{ incidentId, alertIds, deduplicated }`, `{ error, issues }`. */
export const VIGIL_ANSWERS: WebhookAnswers = {
  accepted: (result) => ({ incidentId: result.incidentId, alertIds: result.alertIds, deduplicated: result.deduplicated }),
  refused: (status, error, issues) => (issues.length > 0 || status === 400 ? { error, issues } : { error }),
};

// PagerDuty's words for each refusal, as its Events API v2 answers them.
const PAGERDUTY_STATUS: Record<number, string> = { 400: 'invalid event', 401: 'unauthorized', 413: 'request too large', 415: 'invalid event', 503: 'unavailable' };

/**
 * PagerDuty's Events API v2 answers: 202 `{ status: "success", message: "Event processed",
 * dedup_key }`, 400 `{ status: "invalid event", message: "Event object is invalid", errors }`, and
 * the same shape for the other refusals, so a PagerDuty client logs something it understands.
 */
export const PAGERDUTY_ANSWERS: WebhookAnswers = {
  accepted: (_result, key) => ({ status: 'success', message: 'Event processed', dedup_key: key ?? null }),
  refused: (status, error, issues) => ({
    status: PAGERDUTY_STATUS[status] ?? 'error',
    message: status === 400 ? 'Event object is invalid' : error,
    errors: issues.length > 0 ? issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message)) : [error],
  }),
};
