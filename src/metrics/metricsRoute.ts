import { createHash, timingSafeEqual } from 'node:crypto';
import type { Express } from 'express';
import { bearerToken } from '../ingest/authenticate.js';
import type { Logger } from '../shared/logger.js';
import type { VigilMetrics } from './vigilMetrics.js';

const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

/** Whether the request presents the metrics token; compared in constant time. */
function presentsToken(authorization: string | undefined, token: string): boolean {
  const presented = bearerToken(authorization);
  return presented !== undefined && timingSafeEqual(digest(presented), digest(token));
}

/**
 * `GET /metrics` in Prometheus' text format. Open when the policy sets no `metrics.token`
 * (scrapers usually sit on the same private network); with one, `Authorization: Bearer <token>`.
 */
export function registerMetricsRoute(app: Express, metrics: VigilMetrics, token: string | undefined, logger: Logger): void {
  app.get('/metrics', (req, res) => {
    if (token !== undefined && !presentsToken(req.headers.authorization, token)) {
      res.status(401).set('www-authenticate', 'Bearer').type('text/plain').send('missing or invalid bearer token for /metrics\n');
      return;
    }
    metrics.scrape().then(
      ({ contentType, text }) => {
        res.set('cache-control', 'no-store').type(contentType).send(text);
      },
      (error: unknown) => {
        logger.error('metrics: scrape failed', { error: (error as Error).message });
        res.status(500).type('text/plain').send('metrics could not be collected\n');
      },
    );
  });
}
