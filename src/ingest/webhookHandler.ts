import type { IncomingMessage, ServerResponse } from 'node:http';
import { formatIssuePath } from '../config/load.js';
import { BatchNotStored, type GroupCommit } from '../db/groupCommit.js';
import { ingestSignals, type IngestResult, type SignalBatch } from '../incidents/ingestSignals.js';
import type { UseCaseContext } from '../incidents/context.js';
import { sourceForToken } from './authenticate.js';
import { BodyError, bodyText, readBody } from './readBody.js';
import { WEBHOOK_ROUTES, type WebhookRoute } from './webhookFormats.js';

export const MAX_WEBHOOK_BYTES = 1024 * 1024;
// Deeper than any real alert; a body nested thousands deep is refused before anything recurses into it.
const MAX_DEPTH = 64;
// Alerts stored per slice of a large delivery: each slice is one savepoint in a group commit, and
// the event loop serves other requests (a slash command, a page) between slices.
const SIGNALS_PER_SLICE = 100;
const MAX_ISSUES = 100;

type Issue = { path: string; message: string };

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

const fail = (res: ServerResponse, status: number, error: string, issues: Issue[] = [], headers: Record<string, string> = {}): void =>
  send(res, status, issues.length > 0 || status === 400 ? { error, issues } : { error }, headers);

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

async function answerWebhook(format: WebhookRoute, req: IncomingMessage, res: ServerResponse, ctx: UseCaseContext, commits: GroupCommit): Promise<void> {
  // Authenticate before reading a byte of the body: strangers get 401, not parsing work.
  const source = sourceForToken(ctx.policy.sources, format.kind, req.headers.authorization);
  if (!source) return fail(res, 401, `missing or invalid bearer token for the ${format.kind} webhook`);
  if (!isJsonContentType(req.headers['content-type'])) {
    return fail(res, 415, `content type must be application/json, got ${req.headers['content-type'] ?? 'none'}`);
  }
  let body: unknown;
  try {
    const text = bodyText(await readBody(req, MAX_WEBHOOK_BYTES));
    body = JSON.parse(text);
  } catch (error) {
    if (error instanceof BodyError) return fail(res, error.status, error.message, error.status === 400 ? [{ path: '', message: error.message }] : []);
    return fail(res, 400, 'body is not valid JSON', [{ path: '', message: (error as Error).message }]);
  }
  const deep = tooDeep(body, MAX_DEPTH);
  if (deep) return fail(res, 400, 'body failed validation', [{ path: deep, message: `nested deeper than ${MAX_DEPTH} levels` }]);
  const accepted = await format.accept(body, source, ctx.clock.now());
  if (!accepted.ok) {
    return fail(res, 400, 'body failed validation', listed(accepted.issues.map((issue) => ({ path: formatIssuePath(issue.path), message: issue.message }))));
  }
  const batch = accepted.batch;
  let result: IngestResult;
  try {
    result = await ingestInSlices(commits, ctx, batch);
  } catch (error) {
    // Alertmanager retries 5xx, never 4xx: a storage failure must not look like a bad body.
    const cause = error instanceof BatchNotStored ? error.message : (error as Error).stack ?? String(error);
    ctx.logger.error('webhook: alert could not be stored', { source: source.name, error: cause });
    return fail(res, 503, 'alert could not be stored; retry later', [], { 'retry-after': '5' });
  }
  if (result.opened) ctx.logger.info('webhook: opened an incident', { source: source.name, incidentId: result.incidentId, alerts: result.alertIds.length });
  else ctx.logger.debug('webhook: alert accepted', { source: source.name, incidentId: result.incidentId, deduplicated: result.deduplicated });
  send(res, 202, { incidentId: result.incidentId, alertIds: result.alertIds, deduplicated: result.deduplicated });
}

/**
 * The webhook routes on bare node:http, in front of Express: under an alert storm this path runs
 * thousands of times a second, and Express's routing and body parsing cost more than the alert's
 * own work (see bench/). Returns false for any other request, which Express then serves.
 */
export function webhookHandler(ctx: UseCaseContext, commits: GroupCommit): (req: IncomingMessage, res: ServerResponse) => boolean {
  const byPath = new Map(WEBHOOK_ROUTES.map((format) => [format.path, format]));
  return (req, res) => {
    if (req.method !== 'POST') return false;
    const url = req.url ?? '';
    const query = url.indexOf('?');
    const format = byPath.get(query === -1 ? url : url.slice(0, query));
    if (!format) return false;
    answerWebhook(format, req, res, ctx, commits).catch((error: unknown) => {
      ctx.logger.error('webhook: unexpected failure', { error: (error as Error).stack ?? String(error) });
      if (!res.headersSent) fail(res, 500, 'internal error');
    });
    return true;
  };
}
