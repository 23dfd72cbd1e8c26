// The timing numbers that make incidents comparable, defined once: the review, /incident stats
// and /api/stats all compute them here. Pure: key times in, durations out.
//
// A missing time gives no value (never 0), and times out of order (acknowledged before declared)
// give no value either, but a flag saying which two disagree, so a review shows the problem
// instead of a negative or silently wrong number.

/** The moments of an incident the numbers are measured between. */
export interface KeyTimes {
  /** When users started to be affected: the earliest alert's startedAt, or a person's correction. */
  impactStartedAt?: Date;
  /** When we knew: the first alert's arrival, or the declaration for a person's incident. */
  detectedAt?: Date;
  declaredAt?: Date;
  /** The first acknowledgement. */
  acknowledgedAt?: Date;
  /** The first mitigation. */
  mitigatedAt?: Date;
  /** The last resolution (after any reopening). */
  resolvedAt?: Date;
}

export type KeyTime = keyof KeyTimes;

export const METRIC_NAMES = ['ttd', 'tta', 'ttm', 'ttr'] as const;
export type MetricName = (typeof METRIC_NAMES)[number];

export interface MetricDefinition {
  /** "TTD" */
  abbreviation: string;
  /** "Time to detect" */
  name: string;
  from: KeyTime;
  to: KeyTime;
  /** The definition in words, printed beside every number. */
  definition: string;
}

export const METRICS: Record<MetricName, MetricDefinition> = {
  ttd: { abbreviation: 'TTD', name: 'Time to detect', from: 'impactStartedAt', to: 'detectedAt', definition: 'detected − impact started' },
  tta: { abbreviation: 'TTA', name: 'Time to acknowledge', from: 'declaredAt', to: 'acknowledgedAt', definition: 'first acknowledged − declared' },
  ttm: { abbreviation: 'TTM', name: 'Time to mitigate', from: 'impactStartedAt', to: 'mitigatedAt', definition: 'first mitigated − impact started' },
  ttr: { abbreviation: 'TTR', name: 'Time to resolve', from: 'impactStartedAt', to: 'resolvedAt', definition: 'last resolved − impact started' },
};

/** How key times are named in a flag ("acknowledged is before declared"). */
export const KEY_TIME_WORDS: Record<KeyTime, string> = {
  impactStartedAt: 'impact started',
  detectedAt: 'detected',
  declaredAt: 'declared',
  acknowledgedAt: 'acknowledged',
  mitigatedAt: 'mitigated',
  resolvedAt: 'resolved',
};

export type MetricValue =
  | { ms: number }
  /** A time it needs was not recorded. */
  | { missing: KeyTime[] }
  /** Its two times are in the wrong order: shown, not used. */
  | { outOfOrder: string };

export function metricValue(times: KeyTimes, metric: MetricName): MetricValue {
  const { from, to } = METRICS[metric];
  const start = times[from];
  const end = times[to];
  const missing = [...(start ? [] : [from]), ...(end ? [] : [to])];
  if (!start || !end) return { missing };
  const ms = end.getTime() - start.getTime();
  if (ms < 0) return { outOfOrder: `${KEY_TIME_WORDS[to]} (${end.toISOString()}) is before ${KEY_TIME_WORDS[from]} (${start.toISOString()})` };
  return { ms };
}

export function incidentMetrics(times: KeyTimes): Record<MetricName, MetricValue> {
  return { ttd: metricValue(times, 'ttd'), tta: metricValue(times, 'tta'), ttm: metricValue(times, 'ttm'), ttr: metricValue(times, 'ttr') };
}

/** The milliseconds of a metric when it has a usable value. */
export const metricMs = (value: MetricValue): number | undefined => ('ms' in value ? value.ms : undefined);

// The order an incident's moments must come in. Equal times are fine (a person's incident is
// detected and declared at once).
const EXPECTED_ORDER: ReadonlyArray<[KeyTime, KeyTime]> = [
  ['impactStartedAt', 'detectedAt'],
  ['detectedAt', 'declaredAt'],
  ['declaredAt', 'acknowledgedAt'],
  ['impactStartedAt', 'mitigatedAt'],
  ['mitigatedAt', 'resolvedAt'],
  ['impactStartedAt', 'resolvedAt'],
];

/** Every pair of recorded times in the wrong order, in words, for the review to flag. */
export function outOfOrderTimes(times: KeyTimes): string[] {
  const flags: string[] = [];
  for (const [earlier, later] of EXPECTED_ORDER) {
    const a = times[earlier];
    const b = times[later];
    if (a && b && b.getTime() < a.getTime()) flags.push(`${KEY_TIME_WORDS[later]} (${b.toISOString()}) is before ${KEY_TIME_WORDS[earlier]} (${a.toISOString()})`);
  }
  return flags;
}
