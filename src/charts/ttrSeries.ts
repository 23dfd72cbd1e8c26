// What the TTR chart plots, apart from how it looks: one point per resolved incident at its
// declaration, and the median of each day, week or month so a trend shows through the scatter.

import { metricMs } from '../domain/incidentMetrics.js';
import { summarizeMetric } from '../domain/incidentStats.js';
import type { Severity } from '../domain/types.js';
import type { IncidentInStats, StatsPeriod } from '../incidents/stats/incidentStatsQuery.js';

const DAY = 24 * 3600_000;

export interface TtrPoint {
  incidentId: number;
  at: Date;
  ttrMs: number;
  severity: Severity;
}

export interface BucketMedian {
  /** The middle of the bucket, where its median is drawn. */
  at: Date;
  medianMs: number;
  n: number;
}

export interface TtrSeries {
  period: StatsPeriod;
  points: TtrPoint[];
  medians: BucketMedian[];
  /** "day", "week" or "30 days": what one median covers, for the legend. */
  bucketName: string;
}

/** Buckets small enough to show a trend, large enough to hold a few incidents each. */
function bucketFor(periodMs: number): { ms: number; name: string } {
  if (periodMs <= 14 * DAY) return { ms: DAY, name: 'day' };
  if (periodMs <= 180 * DAY) return { ms: 7 * DAY, name: 'week' };
  return { ms: 30 * DAY, name: '30 days' };
}

/** Incidents without a TTR (still open, or times out of order) are not plotted: no value is not 0. */
export function ttrSeries(incidents: readonly IncidentInStats[], period: StatsPeriod): TtrSeries {
  const points = incidents.flatMap((i): TtrPoint[] => {
    const ttrMs = metricMs(i.metrics.ttr);
    return ttrMs === undefined ? [] : [{ incidentId: i.id, at: i.declaredAt, ttrMs, severity: i.severity }];
  });
  const bucket = bucketFor(period.to.getTime() - period.from.getTime());
  const byBucket = new Map<number, TtrPoint[]>();
  for (const point of points) {
    const index = Math.floor((point.at.getTime() - period.from.getTime()) / bucket.ms);
    const members = byBucket.get(index);
    if (members) members.push(point);
    else byBucket.set(index, [point]);
  }
  const medians = [...byBucket.entries()]
    .sort(([a], [b]) => a - b)
    .map(([index, members]): BucketMedian => {
      const start = period.from.getTime() + index * bucket.ms;
      const middle = Math.min(start + bucket.ms / 2, period.to.getTime());
      return { at: new Date(middle), medianMs: summarizeMetric(members.map((p) => ({ ms: p.ttrMs }))).medianMs!, n: members.length };
    });
  return { period, points, medians, bucketName: bucket.name };
}
