// The TTR chart as an SVG document: a scatter of each resolved incident's time to resolve by the
// day it was declared, coloured by severity, with the median per bucket as a line. SVG because it
// is text we can build and test without a canvas; renderPng.ts rasterizes it for Slack.

import { formatDuration } from '../domain/duration.js';
import { SEVERITIES, type Severity } from '../domain/types.js';
import { dateLabel, dateTicks, dayLabel, durationTicks } from './axes.js';
import type { TtrSeries } from './ttrSeries.js';

export const CHART_WIDTH = 800;
export const CHART_HEIGHT = 400;
/** The one font renderPng.ts loads, so text looks the same on every machine. */
export const CHART_FONT = 'DejaVu Sans';

const PLOT = { left: 70, right: CHART_WIDTH - 20, top: 62, bottom: CHART_HEIGHT - 48 };

const SEVERITY_COLOURS: Record<Severity, string> = { SEV1: '#d62728', SEV2: '#ff7f0e', SEV3: '#e3b505', SEV4: '#1f77b4' };
const INK = '#1d1c1d';
const GRID = '#e0e0e0';
const MUTED = '#616061';

const escapeXml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const round = (n: number): string => n.toFixed(1);

function text(x: number, y: number, content: string, attrs = ''): string {
  return `<text x="${round(x)}" y="${round(y)}" ${attrs}>${escapeXml(content)}</text>`;
}

export function ttrChartSvg(series: TtrSeries): string {
  const { period, points, medians } = series;
  const from = period.from.getTime();
  const span = Math.max(1, period.to.getTime() - from);
  const yTicks = durationTicks(Math.max(0, ...points.map((p) => p.ttrMs)));
  const yTop = yTicks[yTicks.length - 1]!;
  const x = (at: Date) => PLOT.left + ((at.getTime() - from) / span) * (PLOT.right - PLOT.left);
  const y = (ms: number) => PLOT.bottom - (ms / yTop) * (PLOT.bottom - PLOT.top);

  const parts: string[] = [];
  parts.push(`<rect width="${CHART_WIDTH}" height="${CHART_HEIGHT}" fill="#ffffff"/>`);
  parts.push(text(PLOT.left, 26, 'Time to resolve (TTR) per incident', `font-size="17" font-weight="bold" fill="${INK}"`));
  const subtitle = `${dateLabel(period.from)} – ${dateLabel(period.to)} · ${points.length} resolved · by the day declared (UTC) · TTR = last resolved − impact started`;
  parts.push(text(PLOT.left, 46, subtitle, `font-size="11" fill="${MUTED}"`));

  for (const tick of yTicks) {
    parts.push(`<line x1="${PLOT.left}" x2="${PLOT.right}" y1="${round(y(tick))}" y2="${round(y(tick))}" stroke="${GRID}" stroke-width="1"/>`);
    parts.push(text(PLOT.left - 8, y(tick) + 4, formatDuration(tick), `font-size="11" fill="${MUTED}" text-anchor="end"`));
  }
  for (const tick of dateTicks(period.from, period.to)) {
    parts.push(`<line x1="${round(x(tick))}" x2="${round(x(tick))}" y1="${PLOT.bottom}" y2="${PLOT.bottom + 5}" stroke="${MUTED}" stroke-width="1"/>`);
    parts.push(text(x(tick), PLOT.bottom + 19, dayLabel(tick), `font-size="11" fill="${MUTED}" text-anchor="middle"`));
  }
  parts.push(`<line x1="${PLOT.left}" x2="${PLOT.right}" y1="${PLOT.bottom}" y2="${PLOT.bottom}" stroke="${MUTED}" stroke-width="1"/>`);

  if (medians.length > 1) {
    const path = medians.map((m) => `${round(x(m.at))},${round(y(m.medianMs))}`).join(' ');
    parts.push(`<polyline points="${path}" fill="none" stroke="${INK}" stroke-width="2" stroke-dasharray="6 4" opacity="0.7"/>`);
  }
  for (const m of medians) parts.push(`<rect x="${round(x(m.at) - 3)}" y="${round(y(m.medianMs) - 3)}" width="6" height="6" fill="${INK}" opacity="0.7"/>`);
  for (const p of points) {
    parts.push(`<circle cx="${round(x(p.at))}" cy="${round(y(p.ttrMs))}" r="5" fill="${SEVERITY_COLOURS[p.severity]}" fill-opacity="0.85" stroke="#ffffff" stroke-width="1"/>`);
  }
  if (points.length === 0) parts.push(text((PLOT.left + PLOT.right) / 2, (PLOT.top + PLOT.bottom) / 2, 'No resolved incident in this period', `font-size="14" fill="${MUTED}" text-anchor="middle"`));

  // Legend along the bottom: severities, then the median line.
  let legendX = PLOT.left;
  const legendY = CHART_HEIGHT - 10;
  for (const severity of SEVERITIES) {
    parts.push(`<circle cx="${legendX + 5}" cy="${legendY - 4}" r="5" fill="${SEVERITY_COLOURS[severity]}"/>`);
    parts.push(text(legendX + 14, legendY, severity, `font-size="11" fill="${INK}"`));
    legendX += 62;
  }
  parts.push(`<line x1="${legendX}" x2="${legendX + 22}" y1="${legendY - 4}" y2="${legendY - 4}" stroke="${INK}" stroke-width="2" stroke-dasharray="6 4" opacity="0.7"/>`);
  parts.push(text(legendX + 28, legendY, `median per ${series.bucketName}`, `font-size="11" fill="${INK}"`));

  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CHART_WIDTH}" height="${CHART_HEIGHT}" viewBox="0 0 ${CHART_WIDTH} ${CHART_HEIGHT}" font-family="${CHART_FONT}">`,
    ...parts,
    '</svg>',
  ].join('\n');
}
