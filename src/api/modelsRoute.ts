import type { RequestHandler } from 'express';
import { z } from 'zod';
import { formatIssuePath } from '../config/load.js';
import type { UseCaseContext } from '../incidents/context.js';
import { modelHistories } from '../incidents/deployments/modelHistories.js';

// Unknown parameters are ignored; a repeated one is an array and fails.
const modelsQuery = z.object({ model: z.string().min(1).max(200).optional() });

/**
 * `GET /api/models[?model=]`: every model CI/CD reported, with what is live in each environment
 * (a later accepted rollback or kill switch counts) and its deployments, newest first.
 */
export const modelsRoute =
  (ctx: UseCaseContext): RequestHandler =>
  (req, res) => {
    const parsed = modelsQuery.safeParse(req.query);
    if (!parsed.success) {
      res.status(400).json({ error: 'invalid query', issues: parsed.error.issues.map((issue) => ({ path: formatIssuePath(issue.path), message: issue.message })) });
      return;
    }
    res.json({ models: modelHistories(ctx.db, parsed.data.model) });
  };
