// The JSON API under /api: one router, one authentication for every route in it. A later route
// is one more entry in API_ROUTES.

import { Router, type Express, type RequestHandler } from 'express';
import type { UseCaseContext } from '../incidents/context.js';
import { requireApiToken } from './apiAuth.js';
import { statsRoute } from './statsRoute.js';
import { DRIFT_API_ROUTES } from './driftRoutes.js';
import { modelsRoute } from './modelsRoute.js';

export interface ApiRoute {
  /** GET unless said. */
  method?: 'get' | 'post';
  /** Below /api. */
  path: string;
  handler: (ctx: UseCaseContext) => RequestHandler;
}

const API_ROUTES: readonly ApiRoute[] = [
  { path: '/stats', handler: statsRoute },
  { path: '/models', handler: modelsRoute },
  ...DRIFT_API_ROUTES,
];

export function registerApiRoutes(app: Express, ctx: UseCaseContext): void {
  const router = Router();
  router.use(requireApiToken(ctx.policy.sources));
  router.use((_req, res, next) => {
    // Numbers about incidents: not for shared caches.
    res.set('cache-control', 'no-store');
    next();
  });
  for (const route of API_ROUTES) router[route.method ?? 'get'](route.path, route.handler(ctx));
  router.use((_req, res) => {
    res.status(404).json({ error: 'no such API route' });
  });
  app.use('/api', router);
}
