// Model metrics in the words of the business: "accuracy 85% → 62%", not "accuracy 0.62". A rate
// read as a percentage is what a non-specialist understands; a statistic that is not a rate (PSI,
// latency) keeps its number.

/** A reading as detectors send it (MetricReading), optionally with what it was before the incident. */
export interface MetricChange {
  name: string;
  value: number;
  /** What the metric usually is (its value before the incident). */
  baseline?: number;
  threshold?: number;
}

/** Names of metrics that are rates between 0 and 1: said as percentages. */
const RATE_WORDS = new Set(['accuracy', 'precision', 'recall', 'auc', 'f1', 'confidence', 'rate', 'ratio', 'coverage', 'share']);

const isRateName = (name: string): boolean => name.toLowerCase().split(/[^a-z0-9]+/).some((word) => RATE_WORDS.has(word));

const percent = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 });
const plain = new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 });

/**
 * "accuracy 85% → 62%", "accuracy 62% (threshold 85%)", "psi 0.31 (threshold 0.25)". The name's
 * underscores and dashes become spaces ("error rate"). Percentages only when the name is a rate
 * and every number given is in [0, 1]; otherwise the numbers as they are.
 */
export function metricChangeWords(metric: MetricChange): string {
  const numbers = [metric.value, metric.baseline, metric.threshold].filter((n): n is number => n !== undefined);
  const asPercent = isRateName(metric.name) && numbers.every((n) => n >= 0 && n <= 1);
  const say = (n: number): string => (asPercent ? percent.format(n) : plain.format(n));
  const name = metric.name.replace(/[_-]+/g, ' ').trim();
  const change = metric.baseline !== undefined ? `${say(metric.baseline)} → ${say(metric.value)}` : say(metric.value);
  const threshold = metric.threshold !== undefined ? ` (threshold ${say(metric.threshold)})` : '';
  return `${name} ${change}${threshold}`;
}

/** Whether a value is a metric reading, as a helper receives it from a template. */
export function isMetricChange(value: unknown): value is MetricChange {
  if (value === null || typeof value !== 'object') return false;
  const m = value as Record<string, unknown>;
  const optionalNumber = (v: unknown): boolean => v === undefined || v === null || (typeof v === 'number' && Number.isFinite(v));
  return typeof m['name'] === 'string' && typeof m['value'] === 'number' && Number.isFinite(m['value']) && optionalNumber(m['baseline']) && optionalNumber(m['threshold']);
}
