// The drift chart as an SVG document: the reference and the current distribution side by side,
// bin by bin (shares, so samples of different sizes compare), with the test's numbers above.
// renderPng.ts rasterizes it for Slack, like the TTR chart.

import { mostMovedBins, type MovedBin } from '../domain/drift/driftTest.js';
import { CHART_FONT } from './ttrChartSvg.js';

export interface DriftChart {
  title: string;
  /** Up to two lines under the title: the test's numbers, the window. */
  subtitle: readonly string[];
  bins: readonly MovedBin[];
  /** Whether the bins are ranges in order (numbers) or values. */
  ranges: boolean;
}

const WIDTH = 800;
const HEIGHT = 420;
const PLOT = { left: 60, right: WIDTH - 70, top: 80, bottom: HEIGHT - 80 };
/** More bars than this cannot be read: the most moved are kept. */
export const MAX_CHART_BINS = 30;
const REFERENCE_COLOUR = '#9aa5b1';
const CURRENT_COLOUR = '#d9534f';
const INK = '#1d1c1d';
const MUTED = '#616061';
const GRID = '#e0e0e0';

const escapeXml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const round = (n: number): string => n.toFixed(1);
const text = (x: number, y: number, content: string, attrs: string): string => `<text x="${round(x)}" y="${round(y)}" ${attrs}>${escapeXml(content)}</text>`;
const cut = (label: string, max: number): string => (label.length > max ? `${label.slice(0, max - 1)}…` : label);

/** The bins drawn: all of them when they fit, else the most moved, kept in their own order. */
export function chartBins(bins: readonly MovedBin[]): MovedBin[] {
  if (bins.length <= MAX_CHART_BINS) return [...bins];
  const kept = new Set(mostMovedBins(bins, MAX_CHART_BINS));
  return bins.filter((bin) => kept.has(bin));
}

/** A round top for the share axis: 10%, 20%, 25%, 50%... */
function shareTop(max: number): number {
  for (const top of [0.05, 0.1, 0.2, 0.25, 0.4, 0.5, 0.6, 0.8, 1]) if (max <= top) return top;
  return 1;
}

export function driftChartSvg(chart: DriftChart): string {
  const bins = chartBins(chart.bins);
  const top = shareTop(Math.max(0.01, ...bins.map((b) => Math.max(b.referenceShare, b.currentShare))));
  const slot = (PLOT.right - PLOT.left) / Math.max(1, bins.length);
  const bar = Math.max(1, slot * 0.38);
  const y = (share: number) => PLOT.bottom - (share / top) * (PLOT.bottom - PLOT.top);
  const parts: string[] = [`<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`];
  parts.push(text(PLOT.left, 26, cut(chart.title, 90), `font-size="17" font-weight="bold" fill="${INK}"`));
  chart.subtitle.slice(0, 2).forEach((line, i) => parts.push(text(PLOT.left, 46 + i * 15, cut(line, 115), `font-size="11" fill="${MUTED}"`)));
  for (let i = 0; i <= 4; i++) {
    const share = (top * i) / 4;
    parts.push(`<line x1="${PLOT.left}" x2="${PLOT.right}" y1="${round(y(share))}" y2="${round(y(share))}" stroke="${GRID}" stroke-width="1"/>`);
    parts.push(text(PLOT.left - 6, y(share) + 4, `${Math.round(share * 100)}%`, `font-size="11" fill="${MUTED}" text-anchor="end"`));
  }
  const labelEvery = Math.ceil(bins.length / 15);
  bins.forEach((bin, i) => {
    const x = PLOT.left + i * slot + slot / 2;
    parts.push(`<rect x="${round(x - bar)}" y="${round(y(bin.referenceShare))}" width="${round(bar)}" height="${round(PLOT.bottom - y(bin.referenceShare))}" fill="${REFERENCE_COLOUR}"/>`);
    parts.push(`<rect x="${round(x)}" y="${round(y(bin.currentShare))}" width="${round(bar)}" height="${round(PLOT.bottom - y(bin.currentShare))}" fill="${CURRENT_COLOUR}"/>`);
    if (i % labelEvery === 0) {
      parts.push(`<g transform="translate(${round(x)},${PLOT.bottom + 10}) rotate(35)">${text(0, 0, cut(bin.label, 22), `font-size="10" fill="${MUTED}"`)}</g>`);
    }
  });
  parts.push(`<line x1="${PLOT.left}" x2="${PLOT.right}" y1="${PLOT.bottom}" y2="${PLOT.bottom}" stroke="${MUTED}" stroke-width="1"/>`);
  const legendY = HEIGHT - 10;
  parts.push(`<rect x="${PLOT.left}" y="${legendY - 10}" width="12" height="12" fill="${REFERENCE_COLOUR}"/>`);
  parts.push(text(PLOT.left + 18, legendY, 'reference share', `font-size="11" fill="${INK}"`));
  parts.push(`<rect x="${PLOT.left + 140}" y="${legendY - 10}" width="12" height="12" fill="${CURRENT_COLOUR}"/>`);
  parts.push(text(PLOT.left + 158, legendY, 'current share', `font-size="11" fill="${INK}"`));
  if (bins.length < chart.bins.length) parts.push(text(PLOT.right, legendY, `the ${bins.length} most moved of ${chart.bins.length} ${chart.ranges ? 'bins' : 'values'}`, `font-size="11" fill="${MUTED}" text-anchor="end"`));
  return [`<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="${CHART_FONT}">`, ...parts, '</svg>'].join('\n');
}
