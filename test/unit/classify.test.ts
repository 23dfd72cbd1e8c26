import { describe, expect, it } from 'vitest';
import {
  CATEGORY_BY_SIGNAL,
  SEVERITY_RULES,
  breachRatio,
  classifySignal,
  inferSignalKind,
  parseCategory,
  parseSeverity,
} from '../../src/domain/classify.js';
import { SIGNAL_KINDS, type Signal } from '../../src/domain/types.js';

function signal(overrides: Partial<Signal>): Signal {
  return {
    source: 'test',
    sourceKind: 'detector',
    status: 'firing',
    dedupKey: 'k1',
    title: 'test signal',
    signal: 'custom',
    observedAt: new Date('2025-01-01T00:00:00Z'),
    labels: {},
    annotations: {},
    links: [],
    ...overrides,
  };
}

describe('classifySignal: category', () => {
  it.each([
    ['data_drift', 'data'],
    ['pipeline_failure', 'data'],
    ['feature_staleness', 'integration'],
    ['prediction_drift', 'model'],
    ['confidence_drop', 'model'],
    ['accuracy_drop', 'model'],
    ['calibration_drift', 'model'],
    ['custom', 'model'],
    ['latency', 'infrastructure'],
    ['error_rate', 'infrastructure'],
    ['safety', 'safety'],
    ['pii_leak', 'safety'],
    ['retrieval_quality', 'retrieval'],
  ] as const)('%s -> %s', (kind, category) => {
    const result = classifySignal(signal({ signal: kind }));
    expect(result.category).toBe(category);
    expect(result.reasons).toContain(`signal ${kind} -> ${category}`);
  });

  it('has a category and a severity rule for every signal kind', () => {
    for (const kind of SIGNAL_KINDS) {
      expect(CATEGORY_BY_SIGNAL[kind]).toBeDefined();
      expect(SEVERITY_RULES[kind]).toBeDefined();
    }
  });
});

describe('classifySignal: severity', () => {
  it('uses the base severity without a metric', () => {
    expect(classifySignal(signal({ signal: 'safety' })).severity).toBe('SEV1');
    expect(classifySignal(signal({ signal: 'pii_leak' })).severity).toBe('SEV1');
    expect(classifySignal(signal({ signal: 'accuracy_drop' })).severity).toBe('SEV2');
    expect(classifySignal(signal({ signal: 'pipeline_failure' })).severity).toBe('SEV2');
    expect(classifySignal(signal({ signal: 'calibration_drift' })).severity).toBe('SEV3');
    expect(classifySignal(signal({ signal: 'custom' })).severity).toBe('SEV3');
    const drift = classifySignal(signal({ signal: 'data_drift' }));
    expect(drift.severity).toBe('SEV4');
    expect(drift.reasons.join(' ')).toContain('input drift without measured impact');
  });

  it('treats a drop below the threshold as a breach (accuracy 0.71 vs 0.85 is small)', () => {
    const result = classifySignal(
      signal({ signal: 'accuracy_drop', metric: { name: 'accuracy', value: 0.71, threshold: 0.85 } }),
    );
    expect(result.severity).toBe('SEV2');
  });

  it('escalates an accuracy collapse to SEV1 as complete model failure', () => {
    const result = classifySignal(
      signal({ signal: 'accuracy_drop', metric: { name: 'accuracy', value: 0.4, threshold: 0.85 } }),
    );
    expect(result.severity).toBe('SEV1');
    expect(result.reasons.join(' ')).toContain('complete model failure');
  });

  it('treats a rise above the threshold as a breach (latency 900 vs 300)', () => {
    const slow = classifySignal(signal({ signal: 'latency', metric: { name: 'p99_ms', value: 900, threshold: 300 } }));
    expect(slow.severity).toBe('SEV2');
    const elevated = classifySignal(signal({ signal: 'latency', metric: { name: 'p99_ms', value: 400, threshold: 300 } }));
    expect(elevated.severity).toBe('SEV3');
  });

  it.each([
    ['error_rate', 0.05, 0.01, 'SEV1'],
    ['error_rate', 0.02, 0.01, 'SEV2'],
    ['prediction_drift', 0.5, 0.25, 'SEV2'],
    ['prediction_drift', 0.3, 0.25, 'SEV3'],
    ['retrieval_quality', 0.5, 0.8, 'SEV2'],
    ['retrieval_quality', 0.7, 0.8, 'SEV3'],
    ['confidence_drop', 0.4, 0.7, 'SEV3'],
    ['confidence_drop', 0.6, 0.7, 'SEV4'],
    ['data_drift', 0.6, 0.25, 'SEV3'],
    ['data_drift', 0.3, 0.25, 'SEV4'],
    ['calibration_drift', 0.5, 0.05, 'SEV3'],
    ['feature_staleness', 7200, 600, 'SEV3'],
  ] as const)('%s value %s vs threshold %s -> %s', (kind, value, threshold, expected) => {
    expect(classifySignal(signal({ signal: kind, metric: { name: 'm', value, threshold } })).severity).toBe(expected);
  });

  it('keeps the base severity when the ratio cannot be computed', () => {
    for (const metric of [
      { name: 'm', value: 0.4 },
      { name: 'm', value: 0, threshold: 0.85 },
      { name: 'm', value: -3, threshold: 1 },
      { name: 'm', value: 5, threshold: 0 },
    ]) {
      expect(classifySignal(signal({ signal: 'accuracy_drop', metric })).severity).toBe('SEV2');
    }
  });
});

describe('classifySignal: hints win', () => {
  it('uses the severity and category hints and says so', () => {
    const result = classifySignal(signal({ signal: 'data_drift', severityHint: 'SEV1', categoryHint: 'safety' }));
    expect(result.severity).toBe('SEV1');
    expect(result.category).toBe('safety');
    expect(result.reasons.some((r) => r.includes('severity hint'))).toBe(true);
    expect(result.reasons.some((r) => r.includes('category hint'))).toBe(true);
  });

  it('a severity hint beats a large breach', () => {
    const result = classifySignal(
      signal({ signal: 'accuracy_drop', severityHint: 'SEV4', metric: { name: 'acc', value: 0.1, threshold: 0.9 } }),
    );
    expect(result.severity).toBe('SEV4');
    expect(result.category).toBe('model');
  });
});

describe('breachRatio', () => {
  it('is direction-free', () => {
    expect(breachRatio(900, 300)).toBe(3);
    expect(breachRatio(300, 900)).toBe(3);
    expect(breachRatio(5, undefined)).toBeUndefined();
    expect(breachRatio(Number.NaN, 1)).toBeUndefined();
  });
});

describe('inferSignalKind', () => {
  it.each([
    ['ModelAccuracyBelowSLA', 'accuracy_drop'],
    ['FeaturePSIHigh', 'data_drift'],
    ['feature_ks_pvalue_low', 'data_drift'],
    ['Input distribution shift on income', 'data_drift'],
    ['PredictionDriftDetected', 'prediction_drift'],
    ['MeanConfidenceLow', 'confidence_drop'],
    ['CalibrationDrift', 'calibration_drift'],
    ['FeatureStoreStale', 'feature_staleness'],
    ['feature freshness lag', 'feature_staleness'],
    ['NightlyETLFailed', 'pipeline_failure'],
    ['training pipeline broken', 'pipeline_failure'],
    ['Scoring job failed', 'pipeline_failure'],
    ['InferenceP99High', 'latency'],
    ['InferenceLatencyHigh', 'latency'],
    ['Slow responses from ranker', 'latency'],
    ['High5xxRate', 'error_rate'],
    ['Endpoint timeouts', 'error_rate'],
    ['InferenceErrorRateHigh', 'error_rate'],
    ['ToxicityRateHigh', 'safety'],
    ['PromptInjectionDetected', 'safety'],
    ['Jailbreak attempts', 'safety'],
    ['PIILeakDetected', 'pii_leak'],
    ['RAGRecallDrop', 'retrieval_quality'],
    ['recall@10 below baseline', 'retrieval_quality'],
    ['EmbeddingDrift', 'retrieval_quality'],
    ['Retrieval quality regression', 'retrieval_quality'],
    ['DiskAlmostFull', 'custom'],
    ['', 'custom'],
  ] as const)('%s -> %s', (text, kind) => {
    expect(inferSignalKind(text)).toBe(kind);
  });

  it('matches whole words, not fragments', () => {
    expect(inferSignalKind('StorageQuotaLow')).toBe('custom'); // contains "rag"
    expect(inferSignalKind('leverage report')).toBe('custom');
  });
});

describe('parseSeverity', () => {
  it.each([
    ['SEV1', 'SEV1'],
    ['sev2', 'SEV2'],
    ['Sev-3', 'SEV3'],
    ['sev 4', 'SEV4'],
    ['P1', 'SEV1'],
    ['p4', 'SEV4'],
    ['SEV0', 'SEV1'],
    ['critical', 'SEV1'],
    ['error', 'SEV2'],
    ['HIGH', 'SEV2'],
    ['warning', 'SEV3'],
    ['warn', 'SEV3'],
    ['medium', 'SEV3'],
    ['info', 'SEV4'],
    [' low ', 'SEV4'],
  ] as const)('%s -> %s', (text, severity) => {
    expect(parseSeverity(text)).toBe(severity);
  });

  it.each(['', 'SEV5', 'P7', 'urgent', 'sev', 'constructor'])('%s is not a severity', (text) => {
    expect(parseSeverity(text)).toBeUndefined();
  });
});

describe('parseCategory', () => {
  it.each([
    ['data', 'data'],
    ['Model', 'model'],
    ['integration', 'integration'],
    ['INFRASTRUCTURE', 'infrastructure'],
    ['safety', 'safety'],
    ['retrieval', 'retrieval'],
    ['infra', 'infrastructure'],
    ['rag', 'retrieval'],
    ['upstream', 'data'],
    ['downstream', 'integration'],
  ] as const)('%s -> %s', (text, category) => {
    expect(parseCategory(text)).toBe(category);
  });

  it.each(['', 'network', 'toString', 'constructor'])('%s is not a category', (text) => {
    expect(parseCategory(text)).toBeUndefined();
  });
});
