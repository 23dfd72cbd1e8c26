// The numbers across incidents: how long we take to detect, acknowledge, mitigate and resolve,
// per severity, category and model. Pure: incidents with their metrics in, summaries out. The
// metrics themselves are defined once in incidentMetrics.ts.
//
// Quantiles are simple-statistics' `quantileSorted`, the linear interpolation of R's type 7 and
// numpy's default: for n sorted values x[0..n-1] and a fraction p, the value at index h = (n-1)p,
// interpolated between x[floor h] and x[ceil h]. So the median is the usual one (the middle value,
// or the mean of the two middle ones), and p90 of 10 values is x[8] + 0.1 (x[9] - x[8]). With few
// incidents p90 lies between the two largest values (for one incident it is that incident's
// value): read it beside n.

import { mean, quantileSorted } from 'simple-statistics';
import { METRIC_NAMES, metricMs, type MetricName, type MetricValue } from './incidentMetrics.js';
import { SEVERITIES, type Category, type Severity } from './types.js';

/** What the stats need of one incident. */
export interface StatsIncident {
  severity: Severity;
  category: Category;
  /** null: no model named (or hidden, see the stats query). */
  model: string | null;
  /** Opened by a detector's alert rather than declared by a person. */
  detectedByDetector: boolean;
  contributingFactors: readonly string[];
  metrics: Record<MetricName, MetricValue>;
}

/** One metric over a group. Only incidents with a value count: a missing time is no value, never 0. */
export interface MetricSummary {
  /** Incidents with a value. */
  n: number;
  /** Milliseconds; null when n is 0. */
  medianMs: number | null;
  p90Ms: number | null;
  meanMs: number | null;
}

export interface FactorCount {
  factor: string;
  /** Incidents that named it. */
  count: number;
}

export interface GroupStats {
  count: number;
  metrics: Record<MetricName, MetricSummary>;
  detectedByDetector: number;
  /** detectedByDetector / count, 0..1; null for an empty group. */
  detectorShare: number | null;
  /** The most frequent contributing factors, most frequent first (ties alphabetically). */
  topFactors: FactorCount[];
}

export interface IncidentStats {
  overall: GroupStats;
  /** SEV1 first; only severities that had incidents. */
  bySeverity: Array<{ severity: Severity; stats: GroupStats }>;
  /** Most incidents first. */
  byCategory: Array<{ category: Category; stats: GroupStats }>;
  byModel: Array<{ model: string | null; stats: GroupStats }>;
}

export const TOP_FACTORS = 5;

export function summarizeMetric(values: readonly MetricValue[]): MetricSummary {
  const sorted = values.map(metricMs).filter((ms): ms is number => ms !== undefined).sort((a, b) => a - b);
  if (sorted.length === 0) return { n: 0, medianMs: null, p90Ms: null, meanMs: null };
  return { n: sorted.length, medianMs: quantileSorted(sorted, 0.5), p90Ms: quantileSorted(sorted, 0.9), meanMs: mean(sorted) };
}

/**
 * Factors are typed by people, so "Stale features" and "stale features " are one factor (shown as
 * first spelled); an incident naming a factor twice counts once.
 */
export function topFactors(incidents: readonly StatsIncident[], limit = TOP_FACTORS): FactorCount[] {
  const counts = new Map<string, FactorCount>();
  for (const incident of incidents) {
    const seen = new Set<string>();
    for (const raw of incident.contributingFactors) {
      const factor = raw.trim().replace(/\s+/g, ' ');
      const key = factor.toLowerCase();
      if (!factor || seen.has(key)) continue;
      seen.add(key);
      const entry = counts.get(key) ?? { factor, count: 0 };
      entry.count += 1;
      counts.set(key, entry);
    }
  }
  // Ties by code point, not locale, so the order is the same on every machine.
  const byName = (a: FactorCount, b: FactorCount) => (a.factor.toLowerCase() < b.factor.toLowerCase() ? -1 : 1);
  return [...counts.values()].sort((a, b) => b.count - a.count || byName(a, b)).slice(0, limit);
}

export function summarizeGroup(incidents: readonly StatsIncident[]): GroupStats {
  const metrics = Object.fromEntries(METRIC_NAMES.map((name) => [name, summarizeMetric(incidents.map((i) => i.metrics[name]))])) as Record<MetricName, MetricSummary>;
  const detectedByDetector = incidents.filter((i) => i.detectedByDetector).length;
  return {
    count: incidents.length,
    metrics,
    detectedByDetector,
    detectorShare: incidents.length === 0 ? null : detectedByDetector / incidents.length,
    topFactors: topFactors(incidents),
  };
}

/** Incidents grouped by a key, most incidents first (ties in the order first seen). */
function groupBy<K>(incidents: readonly StatsIncident[], keyOf: (i: StatsIncident) => K): Array<{ key: K; stats: GroupStats }> {
  const groups = new Map<K, StatsIncident[]>();
  for (const incident of incidents) {
    const key = keyOf(incident);
    const members = groups.get(key);
    if (members) members.push(incident);
    else groups.set(key, [incident]);
  }
  return [...groups.entries()].map(([key, members]) => ({ key, stats: summarizeGroup(members) })).sort((a, b) => b.stats.count - a.stats.count);
}

export function summarizeIncidents(incidents: readonly StatsIncident[]): IncidentStats {
  const bySeverity = groupBy(incidents, (i) => i.severity).sort((a, b) => SEVERITIES.indexOf(a.key) - SEVERITIES.indexOf(b.key));
  return {
    overall: summarizeGroup(incidents),
    bySeverity: bySeverity.map(({ key, stats }) => ({ severity: key, stats })),
    byCategory: groupBy(incidents, (i) => i.category).map(({ key, stats }) => ({ category: key, stats })),
    byModel: groupBy(incidents, (i) => i.model).map(({ key, stats }) => ({ model: key, stats })),
  };
}
