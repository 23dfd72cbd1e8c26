import type { ReviewTemplateData } from '../../comms/reviewTemplateData.js';
import type { AlertRow, IncidentRow } from '../../db/schema/index.js';
import { distributionShift } from '../../domain/distributionShift.js';
import type { VersionFacts } from '../../domain/modelVersions.js';
import { oneLine, reviewTime } from './reviewFacts.js';

// Label names detectors use for the versions of what a model was fed: a data snapshot, a feature
// set, a prompt. Matched by words in the key, so `data_snapshot`, `feature_set_version` and
// `prompt_version` are all found.
const VERSION_LABEL = /(data|dataset|snapshot|feature|prompt|training)/i;
const PREVIOUS_VERSION_LABELS = ['previous_model_version', 'model_previous_version', 'previous_version'];

const metricLine = (alert: AlertRow): string | null => {
  if (!alert.metricName || alert.metricValue === null) return null;
  const threshold = alert.metricThreshold !== null ? ` (threshold ${alert.metricThreshold})` : '';
  return `${alert.metricName} ${alert.metricValue}${threshold}`;
};

function numbers(value: unknown): number[] | undefined {
  return Array.isArray(value) && value.every((v) => typeof v === 'number') ? (value as number[]) : undefined;
}

/**
 * Reference and current samples, when a detector sent them with the alert (`samples: { reference:
 * [...], current: [...] }`, kept in the alert as received), compared: sizes, means, the mean's
 * move in reference SDs, and the two-sample KS statistic with its p-value.
 */
function distributionText(alerts: readonly AlertRow[]): string | null {
  for (const alert of alerts) {
    const raw = alert.raw as { samples?: { reference?: unknown; current?: unknown; feature?: unknown } } | null;
    const reference = numbers(raw?.samples?.reference);
    const current = numbers(raw?.samples?.current);
    if (!reference || !current) continue;
    const shift = distributionShift(reference, current);
    if (!shift) continue;
    const feature = typeof raw?.samples?.feature === 'string' ? `${raw.samples.feature}: ` : '';
    const sd = shift.meanShiftSd === undefined ? '' : ` (${shift.meanShiftSd >= 0 ? '+' : ''}${shift.meanShiftSd.toFixed(2)} SD)`;
    return `${feature}reference n=${shift.referenceN}, mean ${shift.referenceMean.toFixed(3)}; incident window n=${shift.currentN}, mean ${shift.currentMean.toFixed(3)}${sd}; two-sample KS D=${shift.ks.toFixed(3)}, ${shift.pValue < 0.001 ? 'p below 0.001' : `p=${shift.pValue.toFixed(3)}`}`;
  }
  return null;
}

/**
 * The AI section: model and versions, signals against thresholds, category, harm, data versions,
 * shift. The versions are the summary's (`history`: the deployment history's facts, when the model
 * has one); without a history, the alerts' versions and a `previous_model_version` label.
 */
export function aiSection(incident: IncidentRow, alerts: readonly AlertRow[], history?: VersionFacts | null): ReviewTemplateData['ai'] {
  const versions = new Map<string, string>();
  let previousVersion: string | null = null;
  for (const alert of alerts) {
    for (const [key, value] of Object.entries(alert.labels)) {
      if (PREVIOUS_VERSION_LABELS.includes(key)) previousVersion ??= value;
      else if (VERSION_LABEL.test(key) && !versions.has(key)) versions.set(key, oneLine(value));
    }
  }
  // Versions the alerts reported, in order: a later one means the model changed during the incident.
  const seen = [...new Set(alerts.map((a) => a.modelVersion).filter((v): v is string => Boolean(v)))];
  return {
    model: incident.modelName,
    version: history?.version ?? incident.modelVersion ?? seen.at(-1) ?? null,
    previousVersion: history?.previous?.version ?? previousVersion ?? (seen.length > 1 ? seen.at(-2)! : null),
    category: incident.category,
    harmLevel: incident.harmLevel ? incident.harmLevel.replace('_', ' ') : null,
    signals: alerts.map((alert) => ({ at: reviewTime(alert.firstReceivedAt), title: oneLine(alert.title), signal: alert.signal, metric: metricLine(alert) })),
    versions: [...versions].map(([label, value]) => ({ label, value })),
    distribution: distributionText(alerts),
  };
}
