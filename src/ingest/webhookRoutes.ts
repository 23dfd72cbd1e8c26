import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { z } from 'zod';
import type { Source, SourceKind } from '../config/policy.js';
import type { Signal } from '../domain/types.js';
import { ingestSignals, type SignalBatch } from '../incidents/ingestSignals.js';
import type { UseCaseContext } from '../incidents/context.js';
import { formatIssuePath } from '../config/load.js';
import { sourceForToken } from './authenticate.js';
import { alertmanagerPayload, alertmanagerSignals } from './alertmanagerPayload.js';
import { detectorPayload, detectorSignal } from './detectorPayload.js';

export const MAX_WEBHOOK_BYTES = 1024 * 1024;

/** One webhook format: how to validate its body and turn it into signals. */
interface WebhookFormat<T> {
  kind: SourceKind;
  schema: z.ZodType<T>;
  toBatch(payload: T, source: Source, receivedAt: Date): SignalBatch;
}

const alertmanagerFormat: WebhookFormat<z.infer<typeof alertmanagerPayload>> = {
  kind: 'alertmanager',
  schema: alertmanagerPayload,
  toBatch: (payload, source, receivedAt) => ({
    source: source.name,
    groupKey: `${source.name}:${payload.groupKey}`,
    signals: alertmanagerSignals(payload, source.name, receivedAt),
  }),
};

const detectorFormat: WebhookFormat<z.infer<typeof detectorPayload>> = {
  kind: 'detector',
  schema: detectorPayload,
  toBatch: (payload, source, receivedAt): SignalBatch => ({
    source: source.name,
    signals: [detectorSignal(payload, source.name, receivedAt) satisfies Signal],
  }),
};

function fail(res: Response, status: number, error: string, issues?: Array<{ path: string; message: string }>): void {
  res.status(status).json(issues ? { error, issues } : { error });
}

function isJsonContentType(header: string | undefined): boolean {
  const type = (header ?? '').split(';')[0]!.trim().toLowerCase();
  return type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'));
}

function webhookHandler<T>(format: WebhookFormat<T>, ctx: UseCaseContext) {
  const readBody = express.raw({ type: () => true, limit: MAX_WEBHOOK_BYTES });
  return [
    // Authenticate before reading a byte of the body: strangers get 401, not parsing work.
    (req: Request, res: Response, next: NextFunction) => {
      const source = sourceForToken(ctx.policy.sources, format.kind, req.get('authorization'));
      if (!source) return fail(res, 401, `missing or invalid bearer token for the ${format.kind} webhook`);
      res.locals['source'] = source;
      if (!isJsonContentType(req.get('content-type'))) {
        return fail(res, 415, `content type must be application/json, got ${req.get('content-type') ?? 'none'}`);
      }
      next();
    },
    readBody,
    (req: Request, res: Response) => {
      const source = res.locals['source'] as Source;
      let body: unknown;
      try {
        body = JSON.parse(Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '');
      } catch (error) {
        return fail(res, 400, 'body is not valid JSON', [{ path: '', message: (error as Error).message }]);
      }
      const parsed = format.schema.safeParse(body);
      if (!parsed.success) {
        const issues = parsed.error.issues.map((issue) => ({ path: formatIssuePath(issue.path), message: issue.message }));
        return fail(res, 400, 'body failed validation', issues);
      }
      let result;
      try {
        result = ingestSignals(ctx, format.toBatch(parsed.data, source, ctx.clock.now()));
      } catch (error) {
        // Alertmanager retries 5xx, never 4xx: a storage failure must not look like a bad body.
        ctx.logger.error('webhook: alert could not be stored', { source: source.name, error: (error as Error).message });
        res.set('Retry-After', '5');
        return fail(res, 503, 'alert could not be stored; retry later');
      }
      ctx.logger.info('webhook: alert accepted', { source: source.name, incidentId: result.incidentId, deduplicated: result.deduplicated });
      res.status(202).json({ incidentId: result.incidentId, alertIds: result.alertIds, deduplicated: result.deduplicated });
    },
  ];
}

/** Body-parser errors (too large, aborted) become the contract's answers instead of HTML pages. */
function webhookErrors(error: unknown, _req: Request, res: Response, next: NextFunction): void {
  const type = (error as { type?: string }).type;
  if (res.headersSent) return next(error);
  if (type === 'entity.too.large') return fail(res, 413, `body is larger than ${MAX_WEBHOOK_BYTES} bytes`);
  if (type === 'request.aborted') return fail(res, 400, 'request was aborted');
  return fail(res, 400, (error as Error).message ?? 'bad request');
}

export function webhookRouter(ctx: UseCaseContext): Router {
  const router = express.Router();
  router.post('/webhooks/alertmanager', ...webhookHandler(alertmanagerFormat, ctx));
  router.post('/webhooks/detector', ...webhookHandler(detectorFormat, ctx));
  router.use('/webhooks', webhookErrors);
  return router;
}
