import type { RequestHandler } from 'express';
import type { Source } from '../config/policy.js';
import { sourceForToken } from '../ingest/authenticate.js';

/**
 * Every `/api/*` route needs the bearer token of a source of kind `api` in the policy file,
 * compared in constant time like the webhooks' (a webhook's token does not open the API, nor the
 * other way round). Checked before anything else, so a stranger learns nothing, not even which
 * routes exist.
 */
export function requireApiToken(sources: readonly Source[]): RequestHandler {
  return (req, res, next) => {
    const source = sourceForToken(sources, 'api', req.headers.authorization);
    if (!source) {
      res.status(401).set('www-authenticate', 'Bearer').json({ error: 'missing or invalid bearer token for the API' });
      return;
    }
    next();
  };
}
