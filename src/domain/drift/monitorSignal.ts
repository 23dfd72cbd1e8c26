// A monitor's breach as the alert every other detector would send: the same Signal, so channel,
// paging, checklist and grouping treat it exactly like a webhook alert. Pure: words and numbers only.

import { formatDuration } from '../duration.js';
import type { Signal } from '../types.js';
import { mostMovedBins, P_VALUE_TESTS, TEST_TITLES, type DriftVerdict, type MovedBin } from './driftTest.js';
import { signalKindFor, type MonitorDefinition } from './monitor.js';

/** Statistics shown to 4 significant digits; p-values below 0.001 in scientific notation. */
export function formatStatistic(value: number): string {
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '-∞';
  if (value !== 0 && Math.abs(value) < 0.001) return value.toExponential(2);
  return String(Number(value.toPrecision(4)));
}

export const formatShare = (share: number): string => `${(share * 100).toFixed(1)}%`;

/** "[30, 40) 12.0% → 31.5% (+19.5 pts)". */
export function movedBinText(bin: MovedBin): string {
  const change = (bin.currentShare - bin.referenceShare) * 100;
  return `${bin.label} ${formatShare(bin.referenceShare)} → ${formatShare(bin.currentShare)} (${change >= 0 ? '+' : ''}${change.toFixed(1)} pts)`;
}

/** What the check compared, for the signal and the chart: the monitor, its verdict, the window. */
export interface MonitorBreach {
  monitor: MonitorDefinition;
  verdict: DriftVerdict;
  window: { from: Date; to: Date };
  modelVersion: string | null;
  /** When the run of breaches began. */
  breachingSince: Date;
}

export const monitorSource = (name: string): string => `monitor:${name}`;

const baselineText = (monitor: MonitorDefinition): string =>
  monitor.baseline.kind === 'named' ? `baseline ${monitor.baseline.name}` : `the ${formatDuration(monitor.baseline.periodMs)} before the window`;

/** "ks p-value", "psi": what the metric is; the statistic is named beside a p-value. */
export function metricName(verdict: DriftVerdict): string {
  return P_VALUE_TESTS.has(verdict.test) ? `${verdict.test} p-value (statistic ${formatStatistic(verdict.statistic)})` : verdict.test;
}

export function breachDescription(breach: MonitorBreach): string {
  const { monitor, verdict } = breach;
  const p = verdict.pValue !== null ? `, p-value ${formatStatistic(verdict.pValue)}` : '';
  const rule = P_VALUE_TESTS.has(verdict.test) ? `p ≤ ${verdict.threshold}` : `statistic ≥ ${verdict.threshold}`;
  const lines = [
    `Monitor ${monitor.name}: ${TEST_TITLES[verdict.test]} (${verdict.test}) statistic ${formatStatistic(verdict.statistic)}${p}; breaches at ${rule}.`,
    `Reference: ${baselineText(monitor)}, n = ${verdict.n.toLocaleString('en-US')}. Current: the last ${formatDuration(monitor.windowMs)} of samples, m = ${verdict.m.toLocaleString('en-US')}.`,
  ];
  const moved = mostMovedBins(verdict.bins, 3);
  if (moved.length > 0) lines.push(`Most moved ${verdict.ranges ? 'bins' : 'values'} (reference share → current share): ${moved.map(movedBinText).join('; ')}.`);
  if (verdict.unseen.length > 0) lines.push(`Not in the reference: ${verdict.unseen.slice(0, 10).join(', ')}${verdict.unseen.length > 10 ? ` and ${verdict.unseen.length - 10} more` : ''}.`);
  return lines.join('\n');
}

function baseSignal(breach: MonitorBreach, status: 'firing' | 'resolved'): Signal {
  const { monitor, verdict } = breach;
  return {
    source: monitorSource(monitor.name),
    sourceKind: 'monitor',
    status,
    dedupKey: monitor.name,
    title: `Drift on ${monitor.model} ${monitor.feature}: ${metricName(verdict)} ${formatStatistic(verdict.decisionValue)} (threshold ${verdict.threshold})`,
    signal: signalKindFor(monitor.feature),
    model: { name: monitor.model, ...(breach.modelVersion ? { version: breach.modelVersion } : {}) },
    metric: { name: metricName(verdict), value: Number.isFinite(verdict.decisionValue) ? verdict.decisionValue : Number.MAX_VALUE, threshold: verdict.threshold },
    observedAt: breach.window.to,
    labels: {
      monitor: monitor.name,
      feature: monitor.feature,
      test: verdict.test,
      statistic: formatStatistic(verdict.statistic),
      ...(verdict.pValue !== null ? { p_value: formatStatistic(verdict.pValue) } : {}),
      n: String(verdict.n),
      m: String(verdict.m),
    },
    annotations: {},
    links: [],
  };
}

/** The firing alert: dedup key the monitor's name, the decision value against its threshold as the metric. */
export function breachSignal(breach: MonitorBreach): Signal {
  const { monitor } = breach;
  return {
    ...baseSignal(breach, 'firing'),
    description: breachDescription(breach),
    startedAt: breach.breachingSince,
    ...(monitor.severity ? { severityHint: monitor.severity } : {}),
    ...(monitor.category ? { categoryHint: monitor.category } : {}),
    raw: { monitor: monitor.name, test: breach.verdict.test, statistic: Number.isFinite(breach.verdict.statistic) ? breach.verdict.statistic : null, pValue: breach.verdict.pValue, n: breach.verdict.n, m: breach.verdict.m },
  };
}

/** The same alert cleared, after `consecutive` checks in a row found no drift. */
export function recoverySignal(breach: MonitorBreach): Signal {
  return { ...baseSignal(breach, 'resolved'), endedAt: breach.window.to };
}
