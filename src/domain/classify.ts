// Turning one normalised signal into a severity and a failure category, plus the small parsers
// that read severities, categories and signal kinds out of free text (Alertmanager labels,
// slash-command arguments). Pure: the same signal always classifies the same way.

import {
  SEVERITIES,
  type Category,
  type Classification,
  type Severity,
  type Signal,
  type SignalKind,
} from './types.js';

/**
 * Which failure category (and so which owner rotation) a signal kind belongs to, from the
 * failure-categories table of DOMAIN.md. `custom` lands on `model` because a team writing its
 * own detector is almost always watching model behaviour.
 */
export const CATEGORY_BY_SIGNAL: Readonly<Record<SignalKind, Category>> = {
  data_drift: 'data',
  pipeline_failure: 'data',
  feature_staleness: 'integration',
  prediction_drift: 'model',
  confidence_drop: 'model',
  accuracy_drop: 'model',
  calibration_drift: 'model',
  custom: 'model',
  latency: 'infrastructure',
  error_rate: 'infrastructure',
  safety: 'safety',
  pii_leak: 'safety',
  retrieval_quality: 'retrieval',
};

export interface SeverityEscalation {
  /** Breach ratio (see breachRatio) at or above which the higher severity applies. */
  minRatio: number;
  severity: Severity;
  why: string;
}

export interface SeverityRule {
  /** Severity when the metric is just past its threshold, or when there is no metric at all. */
  base: Severity;
  why: string;
  escalation?: SeverityEscalation;
}

/**
 * Default severity per signal kind, and how far past its threshold a metric must be to go one
 * level up. Derived from the severity table of DOMAIN.md; every team tunes severity anyway, and
 * an alert's own severity label overrides this (see classifySignal).
 *
 * | signal            | base | escalates to       |
 * |-------------------|------|--------------------|
 * | safety, pii_leak  | SEV1 | -                  |
 * | accuracy_drop     | SEV2 | SEV1 at ratio 1.5  |
 * | pipeline_failure  | SEV2 | -                  |
 * | error_rate        | SEV2 | SEV1 at ratio 5    |
 * | latency           | SEV3 | SEV2 at ratio 2    |
 * | prediction_drift  | SEV3 | SEV2 at ratio 2    |
 * | retrieval_quality | SEV3 | SEV2 at ratio 1.5  |
 * | calibration_drift | SEV3 | -                  |
 * | feature_staleness | SEV3 | -                  |
 * | confidence_drop   | SEV4 | SEV3 at ratio 1.5  |
 * | data_drift        | SEV4 | SEV3 at ratio 2    |
 * | custom            | SEV3 | -                  |
 */
export const SEVERITY_RULES: Readonly<Record<SignalKind, SeverityRule>> = {
  safety: { base: 'SEV1', why: 'harmful or dangerous output is always critical' },
  pii_leak: { base: 'SEV1', why: 'a PII leak is always critical' },
  accuracy_drop: {
    base: 'SEV2',
    why: 'accuracy below SLA',
    escalation: { minRatio: 1.5, severity: 'SEV1', why: 'complete model failure' },
  },
  pipeline_failure: { base: 'SEV2', why: 'the pipeline may be producing corrupted features' },
  error_rate: {
    base: 'SEV2',
    why: 'requests are failing',
    escalation: { minRatio: 5, severity: 'SEV1', why: 'the endpoint is largely down' },
  },
  latency: {
    base: 'SEV3',
    why: 'latency elevated',
    escalation: { minRatio: 2, severity: 'SEV2', why: 'latency far over SLO' },
  },
  prediction_drift: {
    base: 'SEV3',
    why: 'predictions shifting, impact not yet measured',
    escalation: { minRatio: 2, severity: 'SEV2', why: 'predictions materially off' },
  },
  retrieval_quality: {
    base: 'SEV3',
    why: 'retrieval quality degraded',
    escalation: { minRatio: 1.5, severity: 'SEV2', why: 'retrieval largely failing' },
  },
  calibration_drift: { base: 'SEV3', why: 'calibration drifting' },
  feature_staleness: { base: 'SEV3', why: 'features stale' },
  confidence_drop: {
    base: 'SEV4',
    why: 'confidence trending down (early warning)',
    escalation: { minRatio: 1.5, severity: 'SEV3', why: 'confidence collapsing' },
  },
  data_drift: {
    base: 'SEV4',
    why: 'input drift without measured impact',
    escalation: { minRatio: 2, severity: 'SEV3', why: 'large input drift' },
  },
  custom: { base: 'SEV3', why: 'custom signal, default severity' },
};

/**
 * How far a metric is past its threshold, whichever way "bad" points: accuracy 0.71 against
 * 0.85 and latency 900 ms against 300 ms are both breaches, and the caller already knows the
 * signal fired. Undefined when there is no positive value and threshold to compare, because a
 * ratio against zero or a negative number means nothing.
 */
export function breachRatio(value: number, threshold: number | undefined): number | undefined {
  if (threshold === undefined) return undefined;
  if (!(Number.isFinite(value) && Number.isFinite(threshold) && value > 0 && threshold > 0)) return undefined;
  return Math.max(value / threshold, threshold / value);
}

/** Two significant decimals are enough on the timeline and keep "1.5x" from printing as 1.4999. */
function formatRatio(ratio: number): string {
  return `${Math.round(ratio * 100) / 100}x`;
}

function severityFor(signal: Signal): { severity: Severity; reason: string } {
  const rule = SEVERITY_RULES[signal.signal];
  const base = { severity: rule.base, reason: `signal ${signal.signal} -> ${rule.base} (${rule.why})` };
  const metric = signal.metric;
  if (rule.escalation === undefined || metric === undefined) return base;

  const ratio = breachRatio(metric.value, metric.threshold);
  if (ratio === undefined) return base;
  const measured = `${metric.name} ${metric.value} vs threshold ${metric.threshold} is ${formatRatio(ratio)}`;
  if (ratio >= rule.escalation.minRatio) {
    return {
      severity: rule.escalation.severity,
      reason:
        `signal ${signal.signal}: ${measured} (>= ${rule.escalation.minRatio}x) ` +
        `-> ${rule.escalation.severity} (${rule.escalation.why})`,
    };
  }
  return { severity: rule.base, reason: `${base.reason}; ${measured}` };
}

/**
 * Severity and category for a signal. The sender's own hints win: the team that wrote the
 * alert knows its model better than a default table, and the reasons say when that happened
 * so nobody wonders why the table was not applied.
 */
export function classifySignal(signal: Signal): Classification {
  const reasons: string[] = [];

  let category: Category;
  if (signal.categoryHint !== undefined) {
    category = signal.categoryHint;
    reasons.push(`category ${category} from the alert's category hint`);
  } else {
    category = CATEGORY_BY_SIGNAL[signal.signal];
    reasons.push(`signal ${signal.signal} -> ${category}`);
  }

  let severity: Severity;
  if (signal.severityHint !== undefined) {
    severity = signal.severityHint;
    reasons.push(`severity ${severity} from the alert's severity hint`);
  } else {
    const derived = severityFor(signal);
    severity = derived.severity;
    reasons.push(derived.reason);
  }

  return { severity, category, reasons };
}

/**
 * Splits camelCase and snake_case alert names into lowercase words so keywords can be matched
 * on word boundaries: `ModelP99Latency` -> "model p99 latency", `feature_psi_high` -> "feature
 * psi high", `PIILeak` -> "pii leak". Matching whole words keeps `rag` from firing on "storage".
 */
function keywordText(text: string): string {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .replace(/[^a-z0-9@]+/g, ' ')
    .trim();
}

/**
 * Keyword rules in priority order; the first match wins. Safety and PII come first because
 * mistaking a harmful-output alert for anything else is the costliest error. More specific
 * topics (retrieval, calibration, confidence, accuracy, staleness) come before the generic
 * "drift" so that "EmbeddingDrift" or "CalibrationDrift" are not read as input drift.
 */
const KEYWORD_RULES: ReadonlyArray<readonly [RegExp, SignalKind]> = [
  [/\bpii\b/, 'pii_leak'],
  [/\b(toxic\w*|harm|harms|harmful|safety|unsafe|jailbreak\w*|injection)\b/, 'safety'],
  [/\b(retrieval|rag|embeddings?)\b|recall@/, 'retrieval_quality'],
  [/\bcalibration\b|\bece\b/, 'calibration_drift'],
  [/\bconfidence\b/, 'confidence_drop'],
  [/\b(accuracy|auc|f1|precision|recall)\b/, 'accuracy_drop'],
  [/\b(stale\w*|freshness)\b/, 'feature_staleness'],
  [/\b(psi|drift\w*|ks|distribution|divergence)\b/, 'data_drift'],
  [/\b(pipeline|etl|schema)\b|\bjob fail/, 'pipeline_failure'],
  [/\b(latency|p50|p90|p95|p99|slow\w*)\b/, 'latency'],
  [/\b(errors?|timeouts?|timed out)\b|5xx/, 'error_rate'],
];

/**
 * Signal kind for an Alertmanager alert that carries no `signal` label, guessed from its
 * alertname and summary. Drift about predictions or outputs is prediction drift; any other
 * drift is about the inputs. Unknown text is `custom` rather than an error, so every alert still
 * becomes an incident.
 */
export function inferSignalKind(text: string): SignalKind {
  const words = keywordText(text);
  for (const [pattern, kind] of KEYWORD_RULES) {
    if (!pattern.test(words)) continue;
    if (kind === 'data_drift' && /\b(prediction|predictions|output|outputs)\b/.test(words)) return 'prediction_drift';
    return kind;
  }
  return 'custom';
}

/** Own-property lookup, so "constructor" or "toString" never resolve to a prototype member. */
function lookupWord<T>(table: Readonly<Record<string, T>>, word: string): T | undefined {
  return Object.hasOwn(table, word) ? table[word] : undefined;
}

/** Alertmanager's conventional severity words, mapped onto our four levels. */
const SEVERITY_WORDS: Readonly<Record<string, Severity>> = {
  critical: 'SEV1',
  error: 'SEV2',
  high: 'SEV2',
  warning: 'SEV3',
  warn: 'SEV3',
  medium: 'SEV3',
  info: 'SEV4',
  low: 'SEV4',
};

/**
 * Severity from a label or a command argument: `SEV1`..`SEV4` in any case and with an optional
 * separator (`sev-1`, `sev 2`), `P1`..`P4`, or Alertmanager's words (critical, warning, ...).
 * Level 0 (`SEV0`, `P0`), which some teams use for "worse than anything", maps to SEV1, our
 * highest. Anything else is undefined so the caller can fall back to the default table.
 */
export function parseSeverity(text: string): Severity | undefined {
  const normalised = text.trim().toLowerCase();
  const numbered = /^(?:sev[-_ ]?|p)([0-4])$/.exec(normalised);
  if (numbered !== null) {
    const level = Math.max(1, Number(numbered[1]));
    return SEVERITIES[level - 1];
  }
  return lookupWord(SEVERITY_WORDS, normalised);
}

/** The six category names plus the words DOMAIN.md and operators use for them. */
const CATEGORY_WORDS: Readonly<Record<string, Category>> = {
  data: 'data',
  model: 'model',
  integration: 'integration',
  infrastructure: 'infrastructure',
  safety: 'safety',
  retrieval: 'retrieval',
  infra: 'infrastructure',
  rag: 'retrieval',
  upstream: 'data',
  downstream: 'integration',
};

/** Category from a label or a command argument, case-insensitive; undefined when unknown. */
export function parseCategory(text: string): Category | undefined {
  return lookupWord(CATEGORY_WORDS, text.trim().toLowerCase());
}
