import type { IncomingMessage, ServerResponse } from 'node:http';
import { formatIssuePath } from '../config/load.js';
import { BatchNotStored, type GroupCommit } from '../db/groupCommit.js';
import { ingestSignals, type IngestResult, type SignalBatch } from '../incidents/ingestSignals.js';
import type { UseCaseContext } from '../incidents/context.js';
import type { Source } from '../config/policy.js';
import { sourceForPresentedToken, sourceForToken } from './authenticate.js';
import { BodyError, bodyText, readBody } from './readBody.js';
import { WEBHOOK_ROUTES, type AcceptedWork, type WebhookRoute } from './webhookFormats.js';
import { VIGIL_ANSWERS, type Issue, type WebhookAnswers } from './webhookAnswers.js';
import { NO_WEBHOOK_METRICS, type WebhookObserver } from './webhookObserver.js';

export const MAX_WEBHOOK_BYTES = 1024 * 1024;
// Deeper than any real alert; a body nested thousands deep is refused before anything recurses into it.
const MAX_DEPTH = 64;
// Alerts stored per slice of a large delivery: each slice is one savepoint in a group commit, and
// the event loop serves other requests (a slash command, a page) between slices.
const SIGNALS_PER_SLICE = 100;
const MAX_ISSUES = 100;

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** A refusal in the route's own words (Vigil's, or PagerDuty's for its clients). */
const refuse = (answers: WebhookAnswers, res: ServerResponse, status: number, error: string, issues: Issue[] = [], headers: Record<string, string> = {}): void =>
  send(res, status, answers.refused(status, error, issues), headers);

function isJsonContentType(header: string | undefined): boolean {
  const type = (header ?? '').split(';')[0]!.trim().toLowerCase();
  return type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'));
}

interface Frame {
  node: object;
  depth: number;
  parent: Frame | undefined;
  key: string | number;
}

/**
 * Where a value nests deeper than `max`, walked without recursion. Cheap on a wide body (a
 * 5,000-alert delivery): no path is built unless one is too deep.
 */
function tooDeep(value: unknown, max: number): string | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const stack: Frame[] = [{ node: value, depth: 0, parent: undefined, key: '' }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    if (frame.depth >= max) return pathOf(frame);
    const node = frame.node;
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const child: unknown = node[i];
        if (child !== null && typeof child === 'object') stack.push({ node: child, depth: frame.depth + 1, parent: frame, key: i });
      }
    } else {
      for (const key in node) {
        const child: unknown = (node as Record<string, unknown>)[key];
        if (child !== null && typeof child === 'object') stack.push({ node: child, depth: frame.depth + 1, parent: frame, key });
      }
    }
  }
  return undefined;
}

function pathOf(frame: Frame): string {
  const keys: Array<string | number> = [];
  for (let f: Frame | undefined = frame; f?.parent; f = f.parent) keys.unshift(f.key);
  return formatIssuePath(keys) || '(top level)';
}

/** At most MAX_ISSUES, and a last one saying how many more there were: a body of 5,000 bad alerts gets a readable answer. */
function listed(issues: Issue[]): Issue[] {
  if (issues.length <= MAX_ISSUES) return issues;
  return [...issues.slice(0, MAX_ISSUES), { path: '', message: `and ${issues.length - MAX_ISSUES} more issues like these` }];
}

/** A large delivery in slices, each committed in turn; the answer covers them all. */
async function ingestInSlices(commits: GroupCommit, ctx: UseCaseContext, batch: SignalBatch): Promise<IngestResult> {
  const results: IngestResult[] = [];
  for (let i = 0; i < Math.max(1, batch.signals.length); i += SIGNALS_PER_SLICE) {
    const slice = { ...batch, signals: batch.signals.slice(i, i + SIGNALS_PER_SLICE) };
    results.push(await commits.submit((tx) => ingestSignals(tx, ctx, slice)));
  }
  return {
    incidentId: results.find((r) => r.incidentId !== null)?.incidentId ?? null,
    alertIds: results.flatMap((r) => r.alertIds),
    deduplicated: results.every((r) => r.deduplicated),
    opened: results.some((r) => r.opened),
  };
}

/** Store what a body asks for through the group commit: alerts in slices, other work in one piece. */
function store(commits: GroupCommit, ctx: UseCaseContext, work: AcceptedWork): Promise<IngestResult> {
  return 'batch' in work ? ingestInSlices(commits, ctx, work.batch) : commits.submit((tx) => work.apply(tx, ctx));
}

/** The sender's source: by the bearer header before the body is read, or by a field of the body once read. */
type Authenticated = { ok: true; source: Source } | { ok: false };

function authenticate(format: WebhookRoute, ctx: UseCaseContext, req: IncomingMessage, body?: unknown): Authenticated {
  const source = format.tokenInBody
    ? sourceForPresentedToken(ctx.policy.sources, format.kind, format.tokenInBody(body))
    : sourceForToken(ctx.policy.sources, format.kind, req.headers.authorization);
  return source ? { ok: true, source } : { ok: false };
}

const unauthorized = (format: WebhookRoute): string =>
  format.tokenInBody ? `routing_key is not the token of a ${format.kind} source` : `missing or invalid bearer token for the ${format.kind} webhook`;

/** Answers one delivery; returns the status it answered, for the metrics. */
async function answerWebhook(format: WebhookRoute, req: IncomingMessage, res: ServerResponse, ctx: UseCaseContext, commits: GroupCommit, observer: WebhookObserver): Promise<number> {
  const answers = format.answers ?? VIGIL_ANSWERS;
  const fail = (status: number, error: string, issues: Issue[] = [], headers: Record<string, string> = {}): number => {
    refuse(answers, res, status, error, issues, headers);
    return status;
  };
  // Authenticate before reading a byte of the body: strangers get 401, not parsing work. A token
  // inside the body (PagerDuty's) is checked as soon as the body is parsed, before validation.
  let auth = format.tokenInBody ? undefined : authenticate(format, ctx, req);
  if (auth && !auth.ok) return fail(401, unauthorized(format));
  if (!isJsonContentType(req.headers['content-type'])) {
    return fail(415, `content type must be application/json, got ${req.headers['content-type'] ?? 'none'}`);
  }
  let body: unknown;
  try {
    const text = bodyText(await readBody(req, format.maxBytes ?? MAX_WEBHOOK_BYTES));
    body = (format.parse ?? JSON.parse)(text);
  } catch (error) {
    if (error instanceof BodyError) return fail(error.status, error.message, error.status === 400 ? [{ path: '', message: error.message }] : []);
    return fail(400, 'body is not valid JSON', [{ path: '', message: (error as Error).message }]);
  }
  auth ??= authenticate(format, ctx, req, body);
  if (!auth.ok) return fail(401, unauthorized(format));
  const source = auth.source;
  const deep = tooDeep(body, MAX_DEPTH);
  if (deep) return fail(400, 'body failed validation', [{ path: deep, message: `nested deeper than ${MAX_DEPTH} levels` }]);
  const accepted = await format.accept(body, source, ctx.clock.now());
  if (!accepted.ok) {
    observer.refused(source.name, 'invalid');
    return fail(400, 'body failed validation', listed(accepted.issues.map((issue) => ({ path: formatIssuePath(issue.path), message: issue.message }))));
  }
  let result: IngestResult;
  try {
    result = await store(commits, ctx, accepted);
  } catch (error) {
    // Alertmanager retries 5xx, never 4xx: a storage failure must not look like a bad body.
    const cause = error instanceof BatchNotStored ? error.message : (error as Error).stack ?? String(error);
    ctx.logger.error('webhook: alert could not be stored', { source: source.name, error: cause });
    observer.refused(source.name, 'not_stored');
    return fail(503, 'alert could not be stored; retry later', [], { 'retry-after': '5' });
  }
  observer.stored(source.name, 'batch' in accepted ? accepted.batch.signals : [], result, accepted.outcome);
  if (result.opened) ctx.logger.info('webhook: opened an incident', { source: source.name, incidentId: result.incidentId, alerts: result.alertIds.length });
  else ctx.logger.debug('webhook: alert accepted', { source: source.name, incidentId: result.incidentId, deduplicated: result.deduplicated });
  send(res, 202, accepted.answer ? accepted.answer() : answers.accepted(result, accepted.key));
  return 202;
}

/**
 * The webhook routes on bare node:http, in front of Express: under an alert storm this path runs
 * thousands of times a second, and Express's routing and body parsing cost more than the alert's
 * own work (see bench/). Returns false for any other request, which Express then serves.
 */
export function webhookHandler(
  ctx: UseCaseContext,
  commits: GroupCommit,
  observer: WebhookObserver = NO_WEBHOOK_METRICS,
): (req: IncomingMessage, res: ServerResponse) => boolean {
  const byPath = new Map(WEBHOOK_ROUTES.map((format) => [format.path, format]));
  return (req, res) => {
    if (req.method !== 'POST') return false;
    const url = req.url ?? '';
    const query = url.indexOf('?');
    const format = byPath.get(query === -1 ? url : url.slice(0, query));
    if (!format) return false;
    const started = process.hrtime.bigint();
    const answered = (status: number) => observer.answered(format.path, status, Number(process.hrtime.bigint() - started) / 1e9);
    answerWebhook(format, req, res, ctx, commits, observer).then(answered, (error: unknown) => {
      ctx.logger.error('webhook: unexpected failure', { error: (error as Error).stack ?? String(error) });
      if (!res.headersSent) refuse(format.answers ?? VIGIL_ANSWERS, res, 500, 'internal error');
      answered(500);
    });
    return true;
  };
}
