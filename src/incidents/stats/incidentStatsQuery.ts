import { and, asc, gte, lt } from 'drizzle-orm';
import type { Executor } from '../../db/executor.js';
import { incidents, type IncidentRow } from '../../db/schema/index.js';
import { isPersonActor } from '../../domain/actors.js';
import { incidentMetrics } from '../../domain/incidentMetrics.js';
import { summarizeIncidents, type IncidentStats, type StatsIncident } from '../../domain/incidentStats.js';
import { keyTimesOf } from '../review/keyTimes.js';

/** When no period is asked for: the last 90 days. */
export const DEFAULT_STATS_PERIOD_MS = 90 * 24 * 3600_000;

/** Incidents declared in [from, to). */
export interface StatsPeriod {
  from: Date;
  to: Date;
}

export const periodEndingAt = (to: Date, lengthMs: number = DEFAULT_STATS_PERIOD_MS): StatsPeriod => ({ from: new Date(to.getTime() - lengthMs), to });

/** One incident as the stats saw it, with what a chart over time needs. */
export interface IncidentInStats extends StatsIncident {
  id: number;
  declaredAt: Date;
}

export interface StatsReport {
  period: StatsPeriod;
  /** Oldest declaration first. */
  incidents: IncidentInStats[];
  stats: IncidentStats;
}

/**
 * Contributing factors as the resolve form stored them. The column is JSON written by older
 * versions too, so anything that is not a list of strings counts as none.
 */
function contributingFactorsOf(resolution: unknown): string[] {
  if (typeof resolution !== 'object' || resolution === null) return [];
  const factors = (resolution as { contributingFactors?: unknown }).contributingFactors;
  return Array.isArray(factors) ? factors.filter((f): f is string => typeof f === 'string') : [];
}

function statsIncident(db: Executor, row: IncidentRow): IncidentInStats {
  return {
    id: row.id,
    declaredAt: row.declaredAt,
    severity: row.severity,
    category: row.category,
    // A private incident counts in every number, but its model and its factors (free text) are
    // details, which the README promises never to show beyond its channel: /incident stats
    // answers anyone.
    model: row.isPrivate ? null : row.modelName,
    contributingFactors: row.isPrivate ? [] : contributingFactorsOf(row.resolution),
    detectedByDetector: !isPersonActor(row.declaredBy),
    metrics: incidentMetrics(keyTimesOf(db, row)),
  };
}

/** Incidents declared in the period, each with its metrics from its timeline, and their summary. */
export function incidentStatsReport(db: Executor, period: StatsPeriod): StatsReport {
  const rows = db
    .select()
    .from(incidents)
    .where(and(gte(incidents.declaredAt, period.from), lt(incidents.declaredAt, period.to)))
    .orderBy(asc(incidents.declaredAt), asc(incidents.id))
    .all();
  const inStats = rows.map((row) => statsIncident(db, row));
  return { period, incidents: inStats, stats: summarizeIncidents(inStats) };
}
