// The drift monitors' API (issue 16): baselines in and listed, monitors listed with their state,
// and a check run on demand. Entries of API_ROUTES, behind the api token like every /api route.

import type { IncomingMessage } from 'node:http';
import type { RequestHandler, Response } from 'express';
import { z } from 'zod';
import { formatIssuePath } from '../config/load.js';
import { inTransaction, type UseCaseContext } from '../incidents/context.js';
import { checkMonitor } from '../incidents/monitors/checkMonitor.js';
import { monitorOverviews, overviewJson } from '../incidents/monitors/monitorOverview.js';
import { listBaselines, upsertBaseline } from '../incidents/monitors/sampleStore.js';
import { BodyError, bodyText, readBody } from '../ingest/readBody.js';
import { MAX_SAMPLES_BYTES, oneSampleList, parseSamplesJson, sampleList, sampleOf } from '../ingest/samplesPayload.js';
import type { ApiRoute } from './apiRoutes.js';

const RECENT_CHECKS = 10;

const baselinePayload = z
  .looseObject({
    name: z.string().regex(/^[a-z0-9][a-z0-9_.-]*$/i, 'must be a simple name (letters, digits, . _ -)').max(200),
    model: z.string().min(1).max(200),
    feature: z.string().min(1).max(200),
    values: sampleList('values').optional(),
    categories: sampleList('categories').optional(),
  })
  .superRefine(oneSampleList);

const invalid = (res: Response, issues: Array<{ path: string; message: string }>) => res.status(400).json({ error: 'body failed validation', issues });

/** The JSON body of a request with no body parser before it: 415 unless JSON, 413 over 4 MB, NaN named where it is. */
async function jsonBody(req: IncomingMessage, res: Response): Promise<{ ok: true; body: unknown } | { ok: false }> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') {
    res.status(415).json({ error: `content type must be application/json, got ${req.headers['content-type'] ?? 'none'}` });
    return { ok: false };
  }
  try {
    return { ok: true, body: parseSamplesJson(bodyText(await readBody(req, MAX_SAMPLES_BYTES))) };
  } catch (error) {
    if (error instanceof BodyError) res.status(error.status).json({ error: error.message, ...(error.status === 400 ? { issues: [{ path: '', message: error.message }] } : {}) });
    else invalid(res, [{ path: '', message: `body is not valid JSON: ${(error as Error).message}` }]);
    return { ok: false };
  }
}

/** `POST /api/baselines`: store a named reference set, replacing one of the same name. */
const postBaseline =
  (ctx: UseCaseContext): RequestHandler =>
  async (req, res) => {
    const read = await jsonBody(req, res);
    if (!read.ok) return;
    const parsed = baselinePayload.safeParse(read.body);
    if (!parsed.success) return void invalid(res, parsed.error.issues.map((issue) => ({ path: formatIssuePath(issue.path), message: issue.message })));
    const { name, model, feature } = parsed.data;
    const sample = sampleOf(parsed.data);
    const { replaced } = inTransaction(ctx, (tx) => upsertBaseline(tx, { name, model, feature, sample }, ctx.clock.now()));
    res.status(replaced ? 200 : 201).json({ name, model, feature, kind: sample.kind, size: sample.values.length, replaced });
  };

/** `GET /api/baselines`: every stored baseline with its size. */
const getBaselines =
  (ctx: UseCaseContext): RequestHandler =>
  (_req, res) => {
    res.json({
      baselines: listBaselines(ctx.db).map((b) => ({ name: b.name, model: b.model, feature: b.feature, kind: b.kind, size: b.count, createdAt: b.createdAt.toISOString(), updatedAt: b.updatedAt.toISOString() })),
    });
  };

/** `GET /api/monitors`: each monitor, its state after `consecutive`, and its recent checks. */
const getMonitors =
  (ctx: UseCaseContext): RequestHandler =>
  (_req, res) => {
    res.json({ monitors: monitorOverviews(ctx.db, ctx.policy.monitors, RECENT_CHECKS).map(overviewJson) });
  };

/** `POST /api/monitors/<name>/check`: run the check now; it counts like a scheduled one. */
const postCheck =
  (ctx: UseCaseContext): RequestHandler =>
  (req, res) => {
    const name = String(req.params['name'] ?? '');
    const monitor = ctx.policy.monitors.find((m) => m.name === name);
    if (!monitor) return void res.status(404).json({ error: `no monitor named ${name} in the policy file` });
    res.json(checkMonitor(ctx, monitor, 'api'));
  };

export const DRIFT_API_ROUTES: readonly ApiRoute[] = [
  { method: 'post', path: '/baselines', handler: postBaseline },
  { path: '/baselines', handler: getBaselines },
  { path: '/monitors', handler: getMonitors },
  { method: 'post', path: '/monitors/:name/check', handler: postCheck },
];
