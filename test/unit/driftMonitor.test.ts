// Drift monitors' rules: the policy's monitors section (a bad one is one clear line), the streak
// rule (consecutive breaches raise, consecutive recoveries clear), Evidently's choice for auto,
// the monitor's signal, and the chart.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadPolicyFile } from '../../src/config/load.js';
import { driftChartSvg, MAX_CHART_BINS } from '../../src/charts/driftChartSvg.js';
import { pngFromSvg } from '../../src/charts/renderPng.js';
import { driftVerdict, mostMovedBins, pickTest, psiBand } from '../../src/domain/drift/driftTest.js';
import { applyVerdict, monitorStateWord, signalKindFor, type MonitorDefinition, type Streaks } from '../../src/domain/drift/monitor.js';
import { breachSignal, formatStatistic, recoverySignal } from '../../src/domain/drift/monitorSignal.js';
import { parseSamplesJson } from '../../src/ingest/samplesPayload.js';

const dir = mkdtempSync(path.join(tmpdir(), 'vigil-monitors-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function policyWith(monitors: string) {
  const file = path.join(dir, 'vigil.config.yaml');
  writeFileSync(file, `monitors:\n${monitors}`);
  return () => loadPolicyFile(file);
}

const VALID = `  - { name: churn-tenure, model: churn-predictor, feature: tenure_months, baseline: churn-training, window: 1h, every: 10m }\n`;

describe('monitors in the policy file', () => {
  it('reads a monitor with its defaults', () => {
    const [monitor] = policyWith(VALID)().monitors;
    expect(monitor).toEqual({
      name: 'churn-tenure',
      model: 'churn-predictor',
      feature: 'tenure_months',
      test: 'auto',
      baseline: { kind: 'named', name: 'churn-training' },
      windowMs: 3600_000,
      everyMs: 600_000,
      minSamples: 100,
      consecutive: 1,
    });
    const [rolling] = policyWith(`  - { name: r, model: m, feature: f, baseline: { rolling: 7d }, window: 1h, every: 1m, test: psi, threshold: 0.2, consecutive: 3, severity: SEV2, category: model }\n`)().monitors;
    expect(rolling).toMatchObject({ baseline: { kind: 'rolling', periodMs: 7 * 24 * 3600_000 }, test: 'psi', threshold: 0.2, consecutive: 3, severity: 'SEV2', category: 'model' });
  });

  it('stops the start with one line naming a bad definition', () => {
    const cases: Array<[string, string]> = [
      [`  - { name: a, model: m, feature: f, baseline: b, window: 1h, every: 10m, test: anova }\n`, 'monitors[0].test'],
      [`  - { name: a, model: m, feature: f, baseline: b, window: 1h, every: 10m, test: ks, threshold: 5 }\n`, 'monitors[0].threshold: is a p-value for ks: must be below 1'],
      [`  - { name: a, model: m, feature: f, baseline: b, window: 1h, every: 2s }\n`, 'monitors[0].every: must be at least 10s'],
      [`  - { name: a, model: m, feature: f, baseline: b, window: soon, every: 10m }\n`, 'monitors[0].window'],
      [`  - { name: a, model: m, feature: f, baseline: { rolling: 0m }, window: 1h, every: 10m }\n`, 'monitors[0].baseline'],
      [`  - { name: a, model: m, feature: f, window: 1h, every: 10m }\n`, 'monitors[0].baseline'],
      [VALID + VALID, 'monitors[1].name: "churn-tenure" names another monitor too'],
      [`  - { name: a, model: m, feature: f, baseline: b, window: 1h, every: 10m, minSamples: 1 }\n`, 'monitors[0].minSamples: must be at least 2'],
    ];
    for (const [yaml, message] of cases) {
      const load = policyWith(yaml);
      expect(load, yaml).toThrow(message);
      try {
        load();
      } catch (error) {
        expect((error as Error).message.split('\n')).toHaveLength(1);
      }
    }
  });
});

describe('the streak rule', () => {
  const start: Streaks = { breachStreak: 0, recoveryStreak: 0, firing: false };
  it('raises after `consecutive` breaches in a row and clears after as many recoveries', () => {
    let s = start;
    const actions: string[] = [];
    for (const breached of [true, false, true, true, true, null, false, true, false, false]) {
      const next = applyVerdict(s, breached, 2);
      actions.push(next.action);
      s = next.streaks;
    }
    expect(actions).toEqual(['none', 'none', 'none', 'raise', 'still_firing', 'none', 'none', 'still_firing', 'none', 'clear']);
    expect(s).toEqual({ breachStreak: 0, recoveryStreak: 2, firing: false });
  });
  it('says the state in words', () => {
    expect(monitorStateWord(start, false)).toBe('not checked yet');
    expect(monitorStateWord(start, true)).toBe('ok');
    expect(monitorStateWord({ breachStreak: 1, recoveryStreak: 0, firing: false }, true)).toBe('breaching');
    expect(monitorStateWord({ breachStreak: 3, recoveryStreak: 0, firing: true }, true)).toBe('drifting');
    expect(monitorStateWord({ breachStreak: 0, recoveryStreak: 1, firing: true }, true)).toBe('recovering');
  });
});

describe('tests and verdicts', () => {
  const numbers = (values: number[]) => ({ kind: 'numeric' as const, values: Float64Array.from(values) });
  it('auto picks as Evidently does', () => {
    expect(pickTest(numbers([1, 2, 3, 4, 5, 6]))).toBe('ks');
    expect(pickTest(numbers([1, 2, 3, 1, 2, 3]))).toBe('chi2');
    expect(pickTest(numbers(Array.from({ length: 1001 }, (_, i) => i)))).toBe('wasserstein');
    expect(pickTest({ kind: 'categorical', values: ['a', 'b'] })).toBe('chi2');
    expect(pickTest({ kind: 'categorical', values: Array.from({ length: 1001 }, () => 'a') })).toBe('jensenshannon');
  });
  it('breaches at p <= threshold for p-value tests and statistic >= threshold for the others', () => {
    const ref = numbers(Array.from({ length: 200 }, (_, i) => i));
    const cur = numbers(Array.from({ length: 200 }, (_, i) => i + 100));
    const ks = driftVerdict(ref, cur, 'ks', 0.05);
    expect(ks).toMatchObject({ test: 'ks', statistic: 0.5, breached: true, n: 200, m: 200 });
    expect(ks.decisionValue).toBe(ks.pValue);
    const psi = driftVerdict(ref, cur, 'psi');
    expect(psi.threshold).toBe(0.1);
    expect(psi.decisionValue).toBe(psi.statistic);
    expect(psi.breached).toBe(psi.statistic >= 0.1);
    expect(psiBand(0.05)).toBe('stable');
    expect(psiBand(0.2)).toBe('moderate');
    expect(psiBand(0.3)).toBe('significant');
    expect(() => driftVerdict({ kind: 'categorical', values: ['a'] }, { kind: 'categorical', values: ['a'] }, 'ks')).toThrow('ks needs numeric values');
  });
  it('orders the most moved bins by absolute change of share', () => {
    const bins = [
      { label: 'a', referenceShare: 0.5, currentShare: 0.4 },
      { label: 'b', referenceShare: 0.2, currentShare: 0.5 },
      { label: 'c', referenceShare: 0.3, currentShare: 0.1 },
    ];
    expect(mostMovedBins(bins, 2).map((b) => b.label)).toEqual(['b', 'c']);
  });
});

describe("a monitor's signal", () => {
  const monitor: MonitorDefinition = {
    name: 'plan-mix',
    model: 'churn-predictor',
    feature: 'plan',
    test: 'chi2',
    baseline: { kind: 'named', name: 'training' },
    windowMs: 3600_000,
    everyMs: 600_000,
    minSamples: 2,
    consecutive: 1,
    severity: 'SEV3',
  };
  const verdict = driftVerdict({ kind: 'categorical', values: ['a', 'a', 'b', 'b'] }, { kind: 'categorical', values: ['a', '<!channel>', 'b', 'b'] }, 'chi2');
  const breach = { monitor, verdict, window: { from: new Date('2026-11-22T15:00:00Z'), to: new Date('2026-11-22T16:00:00Z') }, modelVersion: 'v7', breachingSince: new Date('2026-11-22T15:50:00Z') };
  it('is a detector alert: dedup key the monitor, p against the threshold with the statistic beside it', () => {
    const signal = breachSignal(breach);
    expect(signal).toMatchObject({ source: 'monitor:plan-mix', sourceKind: 'monitor', status: 'firing', dedupKey: 'plan-mix', signal: 'data_drift', severityHint: 'SEV3', model: { name: 'churn-predictor', version: 'v7' } });
    expect(signal.metric).toEqual({ name: 'chi2 p-value (statistic ∞)', value: 0, threshold: 0.05 });
    expect(signal.startedAt).toEqual(breach.breachingSince);
    expect(signal.description).toContain('Not in the reference: <!channel>');
    expect(signal.labels).toMatchObject({ test: 'chi2', n: '4', m: '4', statistic: '∞', p_value: '0' });
    expect(recoverySignal(breach)).toMatchObject({ status: 'resolved', dedupKey: 'plan-mix', endedAt: breach.window.to });
    expect(signalKindFor('prediction')).toBe('prediction_drift');
    expect(signalKindFor('confidence')).toBe('confidence_drop');
    expect(formatStatistic(3.2e-12)).toBe('3.20e-12');
    expect(formatStatistic(0.412345)).toBe('0.4123');
  });
});

describe('the samples body reader', () => {
  it('reads bare NaN and Infinity as markers outside strings only', () => {
    const body = parseSamplesJson('{"feature":"NaN Infinity","values":[1,NaN,-Infinity,Infinity]}') as { feature: string; values: unknown[] };
    expect(body.feature).toBe('NaN Infinity');
    expect(body.values[0]).toBe(1);
    expect(body.values.slice(1).every((v) => typeof v === 'string' && v.startsWith('\u0000'))).toBe(true);
    expect(() => parseSamplesJson('{"values":[NaNa]}')).toThrow();
  });
});

describe('the chart', () => {
  it('draws both distributions, at most 30 bins, escaped text, a real PNG', async () => {
    const bins = Array.from({ length: 40 }, (_, i) => ({ label: `<b>${i}`, referenceShare: 1 / 40, currentShare: i === 7 ? 0.2 : 0.8 / 39 }));
    const svg = driftChartSvg({ title: 'm · f: reference vs current', subtitle: ['ks D 0.4'], bins, ranges: false });
    expect(svg).toContain('&lt;b&gt;');
    expect(svg).not.toContain('<b>');
    // One current-share bar per bin kept, and the legend's swatch.
    expect(svg.match(/fill="#d9534f"\/>/g)!.length).toBe(MAX_CHART_BINS + 1);
    const png = await pngFromSvg(svg);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  });
});
