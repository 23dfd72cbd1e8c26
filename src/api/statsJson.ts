import { METRIC_NAMES, METRICS, type MetricName } from '../domain/incidentMetrics.js';
import type { GroupStats, MetricSummary } from '../domain/incidentStats.js';
import type { StatsReport } from '../incidents/stats/incidentStatsQuery.js';

/** Seconds, to the millisecond: whole numbers of ms avoid float noise such as 3810.0000000005. */
const seconds = (ms: number | null): number | null => (ms === null ? null : Math.round(ms) / 1000);

const metricJson = (m: MetricSummary) => ({ n: m.n, median: seconds(m.medianMs), p90: seconds(m.p90Ms), mean: seconds(m.meanMs) });

function groupJson(group: GroupStats) {
  const metrics = Object.fromEntries(METRIC_NAMES.map((name) => [name, metricJson(group.metrics[name])])) as Record<MetricName, ReturnType<typeof metricJson>>;
  return {
    count: group.count,
    ...metrics,
    detectedByDetector: group.detectedByDetector,
    detectorShare: group.detectorShare,
    topFactors: group.topFactors,
  };
}

/** The stats as the API answers them: every duration in seconds, null where no incident had a value. */
export function statsJson(report: StatsReport) {
  const { stats, period } = report;
  return {
    from: period.from.toISOString(),
    to: period.to.toISOString(),
    unit: 'seconds',
    definitions: Object.fromEntries(METRIC_NAMES.map((name) => [name, `${METRICS[name].name}: ${METRICS[name].definition}`])),
    overall: groupJson(stats.overall),
    bySeverity: stats.bySeverity.map((g) => ({ severity: g.severity, ...groupJson(g.stats) })),
    byCategory: stats.byCategory.map((g) => ({ category: g.category, ...groupJson(g.stats) })),
    byModel: stats.byModel.map((g) => ({ model: g.model, ...groupJson(g.stats) })),
  };
}
