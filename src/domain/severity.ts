import { SEVERITIES, type Severity } from './types.js';

/** SEV1 is the most severe; a lower rank is worse. */
export const severityRank = (severity: Severity): number => SEVERITIES.indexOf(severity);

export function mostSevere(severities: readonly Severity[]): Severity {
  return severities.reduce<Severity>((worst, s) => (severityRank(s) < severityRank(worst) ? s : worst), 'SEV4');
}

/** One-line meaning shown beside the severity in Slack (DOMAIN.md's table). */
export const SEVERITY_MEANING: Record<Severity, string> = {
  SEV1: 'critical: harmful output, PII leak, complete model failure or major business harm',
  SEV2: 'high: accuracy below SLA, corrupted features, forecasts materially off',
  SEV3: 'medium: degraded within SLA but trending down, elevated latency, stale features',
  SEV4: 'low: early warning, drift without measured impact',
};
