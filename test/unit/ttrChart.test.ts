import { describe, expect, it } from 'vitest';
import { dateTicks, durationTicks } from '../../src/charts/axes.js';
import { pngFromSvg } from '../../src/charts/renderPng.js';
import { CHART_HEIGHT, CHART_WIDTH, ttrChartSvg } from '../../src/charts/ttrChartSvg.js';
import { ttrSeries } from '../../src/charts/ttrSeries.js';
import type { MetricValue } from '../../src/domain/incidentMetrics.js';
import type { IncidentInStats } from '../../src/incidents/stats/incidentStatsQuery.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const to = new Date('2026-11-22T16:00:00Z');
const period = { from: new Date(to.getTime() - 28 * DAY), to };

function incident(id: number, daysAgo: number, ttr: MetricValue): IncidentInStats {
  return {
    id,
    declaredAt: new Date(to.getTime() - daysAgo * DAY),
    severity: (['SEV1', 'SEV2', 'SEV3', 'SEV4'] as const)[id % 4]!,
    category: 'model',
    model: 'fraud',
    detectedByDetector: true,
    contributingFactors: [],
    metrics: { ttd: { ms: MINUTE }, tta: { ms: MINUTE }, ttm: { ms: MINUTE }, ttr },
  };
}

const incidents = [
  incident(1, 27, { ms: 40 * MINUTE }),
  incident(2, 26, { ms: 100 * MINUTE }),
  incident(3, 25, { missing: ['resolvedAt'] }),
  incident(4, 10, { ms: 20 * MINUTE }),
  incident(5, 2, { outOfOrder: 'resolved is before impact started' }),
];

describe('the TTR series', () => {
  it('plots resolved incidents only, with a median per week for four weeks', () => {
    const series = ttrSeries(incidents, period);
    expect(series.points.map((p) => p.incidentId)).toEqual([1, 2, 4]);
    expect(series.bucketName).toBe('week');
    // Week 0 holds incidents 1 and 2 (median of 40 and 100 = 70m); week 2 holds incident 4.
    expect(series.medians.map((m) => [m.n, m.medianMs])).toEqual([
      [2, 70 * MINUTE],
      [1, 20 * MINUTE],
    ]);
  });
});

describe('axes', () => {
  it('puts durations on round steps up to a round top', () => {
    expect(durationTicks(100 * MINUTE)).toEqual([0, 30, 60, 90, 120].map((m) => m * MINUTE));
    expect(durationTicks(0)).toEqual([0, MINUTE]);
  });

  it('puts dates on UTC midnights, a week apart over four weeks', () => {
    const ticks = dateTicks(period.from, period.to);
    expect(ticks[0]!.toISOString()).toBe('2026-10-26T00:00:00.000Z');
    expect(ticks.length).toBe(4);
    expect(ticks[1]!.getTime() - ticks[0]!.getTime()).toBe(7 * DAY);
  });
});

describe('the TTR chart', () => {
  it('is an SVG with one dot per resolved incident and its labels', () => {
    const svg = ttrChartSvg(ttrSeries(incidents, period));
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    // Three incident dots, plus four in the legend.
    expect(svg.match(/<circle /g)).toHaveLength(3 + 4);
    expect(svg).toContain('25 Oct 2026 – 22 Nov 2026 · 3 resolved');
    expect(svg).toContain('>2h<');
    expect(svg).toContain('median per week');
  });

  it('rasterizes to a valid PNG at twice its size', async () => {
    const png = await pngFromSvg(ttrChartSvg(ttrSeries(incidents, period)));
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // The first chunk is IHDR: width and height as big-endian 32-bit integers.
    expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([CHART_WIDTH * 2, CHART_HEIGHT * 2]);
    expect(png.length).toBeGreaterThan(5000);
  });

  it('draws text with the bundled font: a chart with labels has more ink than one without', async () => {
    const withText = ttrChartSvg(ttrSeries([], period));
    const withoutText = withText.replace(/<text[^>]*>[^<]*<\/text>/g, '');
    const [a, b] = await Promise.all([pngFromSvg(withText, 1), pngFromSvg(withoutText, 1)]);
    expect(a.length).toBeGreaterThan(b.length + 1000);
  });
});
