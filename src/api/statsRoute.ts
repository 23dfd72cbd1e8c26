import type { RequestHandler } from 'express';
import { z } from 'zod';
import { formatIssuePath } from '../config/load.js';
import type { UseCaseContext } from '../incidents/context.js';
import { DEFAULT_STATS_PERIOD_MS, incidentStatsReport, type StatsPeriod } from '../incidents/stats/incidentStatsQuery.js';
import { isoDateTime } from '../ingest/isoDateTime.js';
import { statsJson } from './statsJson.js';

// Unknown parameters are ignored, as a query string usually is; a repeated one is an array and fails.
const statsQuery = z.object({ from: isoDateTime.optional(), to: isoDateTime.optional() });

interface Issue {
  path: string;
  message: string;
}

/** The period asked for: `to` defaults to now, `from` to 90 days before `to`. */
function periodFrom(query: unknown, now: Date): { period: StatsPeriod } | { issues: Issue[] } {
  const parsed = statsQuery.safeParse(query);
  if (!parsed.success) return { issues: parsed.error.issues.map((issue) => ({ path: formatIssuePath(issue.path), message: issue.message })) };
  const to = parsed.data.to ? new Date(parsed.data.to) : now;
  const from = parsed.data.from ? new Date(parsed.data.from) : new Date(to.getTime() - DEFAULT_STATS_PERIOD_MS);
  if (from.getTime() >= to.getTime()) return { issues: [{ path: 'from', message: `must be before to (${to.toISOString()})` }] };
  return { period: { from, to } };
}

/** `GET /api/stats?from=&to=`: the numbers of /incident stats, durations in seconds. */
export const statsRoute =
  (ctx: UseCaseContext): RequestHandler =>
  (req, res) => {
    const asked = periodFrom(req.query, ctx.clock.now());
    if ('issues' in asked) {
      res.status(400).json({ error: 'invalid query', issues: asked.issues });
      return;
    }
    res.json(statsJson(incidentStatsReport(ctx.db, asked.period)));
  };
