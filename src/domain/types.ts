// The vocabulary of the product. Pure: nothing here knows Slack, HTTP or the database.

export const SEVERITIES = ['SEV1', 'SEV2', 'SEV3', 'SEV4'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const CATEGORIES = ['data', 'model', 'integration', 'infrastructure', 'safety', 'retrieval'] as const;
export type Category = (typeof CATEGORIES)[number];

/** How bad an incident was for the people it touched: harm done (event), nearly (near miss), or a problem not yet harmful (issue). */
export const HARM_LEVELS = ['event', 'near_miss', 'issue'] as const;
export type HarmLevel = (typeof HARM_LEVELS)[number];

/** An alert is firing until its source says it resolved. */
export const ALERT_STATUSES = ['firing', 'resolved'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/** A planned escalation step waits (pending) until it is paged (fired) or no longer needed (cancelled). */
export const ESCALATION_STEP_STATUSES = ['pending', 'fired', 'cancelled'] as const;
export type EscalationStepStatus = (typeof ESCALATION_STEP_STATUSES)[number];

export const SIGNAL_KINDS = [
  'data_drift',
  'prediction_drift',
  'confidence_drop',
  'accuracy_drop',
  'calibration_drift',
  'feature_staleness',
  'pipeline_failure',
  'latency',
  'error_rate',
  'safety',
  'pii_leak',
  'retrieval_quality',
  'custom',
] as const;
export type SignalKind = (typeof SIGNAL_KINDS)[number];

export interface ModelRef {
  name: string;
  version?: string;
}

export interface MetricReading {
  name: string;
  value: number;
  threshold?: number;
}

export interface Link {
  title: string;
  url: string;
}

/**
 * One alert as every ingest format normalises it. The incident use cases only ever see this,
 * so a new alert format is a new file in src/ingest/ and nothing else.
 */
export interface Signal {
  /** Name of the configured source that sent it (policy file `sources[].name`). */
  source: string;
  sourceKind: 'alertmanager' | 'detector' | 'grafana' | 'pagerduty' | 'monitor' | 'manual';
  status: AlertStatus;
  /** Identity of the alert across deliveries (Alertmanager fingerprint, detector dedupKey). */
  dedupKey: string;
  /** Alerts sharing a group key belong to one incident (Alertmanager groupKey). */
  groupKey?: string;
  title: string;
  description?: string;
  signal: SignalKind;
  model?: ModelRef;
  metric?: MetricReading;
  severityHint?: Severity;
  categoryHint?: Category;
  startedAt?: Date;
  observedAt: Date;
  endedAt?: Date;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  links: Link[];
  /** The alert as received, kept whole for the record. */
  raw?: unknown;
}

export interface Classification {
  severity: Severity;
  category: Category;
  /** Human-readable reasons, shown on the timeline ("signal accuracy_drop -> model"). */
  reasons: string[];
}

export interface ChecklistItem {
  /** Stable id, unique within the incident's checklists; used in Slack action ids. */
  id: string;
  section: 'triage' | 'containment' | 'runbook';
  text: string;
}
