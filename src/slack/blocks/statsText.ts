// `/incident stats` in mrkdwn: a small fixed-width table per group (overall, each severity, the
// top categories and models), each metric's n, median, p90 and mean as human durations. A metric
// no incident has a value for shows "—" beside n 0: no data, never 0.

import { formatDuration } from '../../domain/duration.js';
import { METRIC_NAMES, METRICS } from '../../domain/incidentMetrics.js';
import type { FactorCount, GroupStats } from '../../domain/incidentStats.js';
import type { StatsReport } from '../../incidents/stats/incidentStatsQuery.js';
import { dateLabel } from '../../charts/axes.js';
import { escapeMrkdwn } from '../format/mrkdwn.js';
import { fitMessageText } from './limits.js';

/** Categories and models shown in Slack; GET /api/stats has them all. */
const TOP_GROUPS = 3;
const LABEL_WIDTH = 24;
const COLUMN = 9;

const duration = (ms: number | null): string => (ms === null ? '—' : formatDuration(ms));
const percent = (share: number | null): string => (share === null ? '—' : `${Math.round(share * 100)}%`);
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
/** Names come from detectors and people: escaped, and cut so the columns stay readable. */
const label = (text: string, max = LABEL_WIDTH): string => escapeMrkdwn(text.length > max ? `${text.slice(0, max - 1)}…` : text);

function groupTable(name: string, group: GroupStats): string {
  const head = `${label(name)} · ${plural(group.count, 'incident')} · ${group.detectedByDetector} by a detector (${percent(group.detectorShare)})`;
  const rows = METRIC_NAMES.map((metric) => {
    const m = group.metrics[metric];
    const cells = [duration(m.medianMs), duration(m.p90Ms), duration(m.meanMs)].map((c) => c.padEnd(COLUMN)).join('');
    return `  ${METRICS[metric].abbreviation}  ${String(m.n).padStart(3)}  ${cells}`.trimEnd();
  });
  return [head, `         n  ${['median', 'p90', 'mean'].map((c) => c.padEnd(COLUMN)).join('')}`.trimEnd(), ...rows].join('\n');
}

const codeBlock = (tables: string[]): string => `\`\`\`\n${tables.join('\n\n')}\n\`\`\``;

const factorsText = (factors: readonly FactorCount[]): string =>
  factors.length === 0 ? 'none recorded yet' : factors.map((f) => `${label(f.factor, 60)} (${f.count})`).join(', ');

export interface StatsTextOptions {
  /** How the period was asked for: "90d". */
  periodName: string;
  /** Whether a TTR chart is on its way to the channel. */
  chartPosted: boolean;
}

export function statsText(report: StatsReport, options: StatsTextOptions): string {
  const { stats, period } = report;
  const header = `*Incident stats, last ${escapeMrkdwn(options.periodName)}* (${dateLabel(period.from)} – ${dateLabel(period.to)}, declared in the period)`;
  if (stats.overall.count === 0) return `${header}\nNo incident was declared in this period.`;
  const parts = [
    header,
    `*Top contributing factors:* ${factorsText(stats.overall.topFactors)}`,
    codeBlock([groupTable('All incidents', stats.overall), ...stats.bySeverity.map((g) => groupTable(g.severity, g.stats))]),
    `*Top categories*`,
    codeBlock(stats.byCategory.slice(0, TOP_GROUPS).map((g) => groupTable(g.category, g.stats))),
    `*Top models*`,
    codeBlock(stats.byModel.slice(0, TOP_GROUPS).map((g) => groupTable(g.model ?? '(none or private)', g.stats))),
    `_TTD = detected − impact started · TTA = first acknowledged − declared · TTM = first mitigated − impact started · TTR = last resolved − impact started. n counts incidents with both times recorded. Every number: \`GET /api/stats\`._`,
    options.chartPosted ? ':chart_with_upwards_trend: A chart of TTR over time is being posted to this channel.' : '_No resolved incident in this period, so no TTR chart._',
  ];
  return fitMessageText(parts.join('\n'), ' (truncated; GET /api/stats has every number)');
}
