// The checklist posted into every incident channel: the eight triage questions of the first
// 15 minutes, then containment steps for the incident's failure category. Worded as short
// actions so a tired on-call engineer can tick them off in order.

import type { Category, ChecklistItem } from './types.js';

/**
 * Triage (0-15 min), in DOMAIN.md's order: first establish what fired and whether the model
 * works at all, then what changed (inputs, model, upstream), then how bad it is and where it is
 * heading, which decides the severity.
 */
export const TRIAGE_ITEMS: readonly string[] = [
  'Confirm which alert fired, when it started and what it measures',
  'Check the model is producing predictions at all (volume, errors, a constant output)',
  'Check predictions are within expected ranges (distribution, class mix, confidence)',
  'Compare input data with the baseline period (drift, null rates, schema)',
  'Check for a recent model, prompt, config or feature deploy',
  'Check upstream data sources and feature pipelines are healthy and fresh',
  'Estimate the business impact now (users, decisions, revenue affected)',
  'Note whether it is getting worse, stable or better, and set the severity',
];

/**
 * Containment / fix per failure category, from the "containment / fix" column of DOMAIN.md's
 * failure-categories table, most urgent first. Safety starts with switching the behaviour off:
 * harmful output is contained before it is understood.
 */
export const CONTAINMENT_ITEMS: Readonly<Record<Category, readonly string[]>> = {
  data: [
    'Roll back the feature pipeline to the last good run or snapshot',
    'Validate inputs against the baseline: schema, null rates, value ranges',
    'Quarantine traffic scored with bad features (fallback or manual review)',
    'Backfill the affected features once the pipeline is fixed',
    'Retrain on fresh, validated data if the shift is real, not a bug',
  ],
  model: [
    'Roll back to the last known-good model version',
    'If outputs are harmless, keep serving and shadow-evaluate a fix',
    'If impact is high, fall back to rules or adjust the prediction threshold',
    'Raise the data-science team with the incident window vs baseline',
    'Retrain once the cause is understood, then verify before promoting',
  ],
  integration: [
    'Identify the upstream change (API, schema or feature version)',
    'Pin feature versions to the last known-good ones',
    'Verify feature freshness end to end (store timestamps vs now)',
    'Check for training-serving skew on the affected features',
  ],
  infrastructure: [
    'Scale out inference replicas (check GPU quota first)',
    'Rolling restart of inference pods to clear GPU memory pressure',
    'Check upstream dependencies: vector DB, feature store, model provider',
    'Roll back the latest serving or infra change if it lines up',
    'Shed load if still over SLO: rate-limit non-critical callers',
  ],
  safety: [
    'Disable the feature or fall back immediately (rules, canned reply, manual review)',
    'Involve legal and the CISO now',
    'Preserve evidence: offending inputs, outputs, model version, time window',
    'Patch input validation and output filters against this input',
    'Re-enable only on a version verified against the offending inputs',
  ],
  retrieval: [
    'Run the known-good query set and compare with the baseline',
    'Check for recent embedding model or index changes',
    'Roll back to the previous index snapshot or embedding model',
    'Re-index from source if the index is corrupted or mixes embedding models',
    "Fall back to answering without retrieval, or a safe \"I don't know\"",
  ],
};

/**
 * Triage items `triage-1`..`triage-8` followed by the category's containment items
 * `contain-1`..`contain-n`. Ids are positions, not wording, so rewording an item keeps the
 * ticked state of incidents already open (ids end up in Slack action ids).
 */
export function buildTriageChecklist(category: Category): ChecklistItem[] {
  const triage = TRIAGE_ITEMS.map((text, index): ChecklistItem => ({
    id: `triage-${index + 1}`,
    section: 'triage',
    text,
  }));
  const containment = CONTAINMENT_ITEMS[category].map((text, index): ChecklistItem => ({
    id: `contain-${index + 1}`,
    section: 'containment',
    text,
  }));
  return [...triage, ...containment];
}
