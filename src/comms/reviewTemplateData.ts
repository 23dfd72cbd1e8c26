// What the post-incident review template sees. Times and durations arrive as words already (the
// review is one document in one time zone, UTC), so the template is the document's shape only.
// A null or empty section is one a person must write: the template shows a prompt there, never an
// empty heading. Every string is escaped for Markdown before the template sees it.

export interface ReviewLine {
  at: string;
  text: string;
}

export interface ReviewMetric {
  abbreviation: string;
  name: string;
  definition: string;
  /** "42 min", or why there is none ("not recorded: impact started"). */
  value: string;
}

export interface ReviewTemplateData {
  version: number;
  generatedAt: string;
  /** What changed since the previous version (empty for v1). */
  changes: string[];
  header: {
    ref: string;
    title: string;
    severity: string;
    category: string;
    status: string;
    commander: string | null;
    declared: string;
    resolved: string | null;
    reviewDue: string | null;
    harmLevel: string | null;
  };
  summary: string | null;
  impact: { duration: string | null; usersAffected: string | null; decisionsAffected: string | null; businessImpact: string | null; dataImpact: string | null };
  /** Starred and key events. */
  timeline: ReviewLine[];
  /** Every event, with its source and actor. */
  appendix: Array<ReviewLine & { source: string; actor: string; starred: boolean }>;
  leadUp: { firstSignal: ReviewLine | null; modelVersion: string | null };
  factors: { proximate: string | null; rootCause: string | null; tags: string[] };
  mitigators: ReviewLine[];
  detection: { by: string; ttd: string };
  response: {
    pages: ReviewLine[];
    acknowledged: string | null;
    tta: string;
    escalations: ReviewLine[];
    updates: number;
    /** Updates that came after the time the one before promised. */
    lateUpdates: string[];
    /** null: no update promised a time, so there was no cadence to keep. */
    cadenceKept: boolean | null;
  };
  actionItems: Array<{ text: string; owner: string | null; due: string | null; status: string }>;
  messaging: Array<{ at: string; audience: string; state: string; impact: string; headline: string }>;
  metrics: ReviewMetric[];
  /** Key times in the wrong order: shown, not used. */
  flags: string[];
  ai: {
    model: string | null;
    version: string | null;
    previousVersion: string | null;
    category: string;
    harmLevel: string | null;
    signals: Array<{ at: string; title: string; signal: string; metric: string | null }>;
    /** Data, feature or prompt versions the detectors' labels named. */
    versions: Array<{ label: string; value: string }>;
    /** The reference and current samples compared, when a detector sent them. */
    distribution: string | null;
  };
}

/** A review with every section filled, and one with none, to dry-run a template at start. */
export function sampleReviewData(full: boolean): ReviewTemplateData {
  const line = (at: string, text: string): ReviewLine => ({ at, text });
  return {
    version: full ? 2 : 1,
    generatedAt: '2026-03-04 09:00 UTC',
    changes: full ? ['Root cause filled in'] : [],
    header: {
      ref: 'INC-42',
      title: 'churn-predictor accuracy below threshold',
      severity: 'SEV2',
      category: 'model',
      status: full ? 'resolved' : 'investigating',
      commander: full ? '@U0ALICE' : null,
      declared: '2026-03-03 14:09 UTC',
      resolved: full ? '2026-03-03 15:30 UTC' : null,
      reviewDue: full ? '2026-03-10 15:30 UTC' : null,
      harmLevel: full ? 'event' : null,
    },
    summary: full ? 'Rolled back; accuracy back to 84%' : null,
    impact: full
      ? { duration: '1h 25m', usersAffected: 'About 23% of at-risk customers', decisionsAffected: 'Outreach lists', businessImpact: 'Campaigns missed customers', dataImpact: 'None' }
      : { duration: null, usersAffected: null, decisionsAffected: null, businessImpact: null, dataImpact: null },
    timeline: full ? [line('14:05', 'Impact started (earliest alert)'), line('14:09', 'Incident 42 declared')] : [],
    appendix: full ? [{ ...line('14:09', 'Incident 42 declared'), source: 'alert', actor: 'evidently', starred: false }] : [],
    leadUp: { firstSignal: full ? line('14:09', 'Accuracy below threshold') : null, modelVersion: full ? 'churn-predictor 2026-03-01' : null },
    factors: { proximate: full ? 'Stale feature table' : null, rootCause: full ? 'A feed stopped updating' : null, tags: full ? ['data pipeline'] : [] },
    mitigators: full ? [line('15:10', 'Rolled back')] : [],
    detection: { by: full ? 'detector evidently' : 'not recorded', ttd: full ? '4m' : 'not recorded' },
    response: {
      pages: full ? [line('14:09', 'L1: paged @U0ALICE')] : [],
      acknowledged: full ? '@U0ALICE at 14:12' : null,
      tta: full ? '3m' : 'not recorded',
      escalations: [],
      updates: full ? 2 : 0,
      lateUpdates: full ? ['14:45 (promised by 14:40)'] : [],
      cadenceKept: full ? false : null,
    },
    actionItems: full ? [{ text: 'Alert on feature table freshness', owner: '@U0BOB', due: '2026-03-10', status: 'open' }] : [],
    messaging: full ? [{ at: '14:15', audience: 'client', state: 'investigating', impact: 'major', headline: 'Scores less accurate' }] : [],
    metrics: [{ abbreviation: 'TTD', name: 'Time to detect', definition: 'detected − impact started', value: full ? '4m' : 'not recorded' }],
    flags: full ? ['acknowledged is before declared'] : [],
    ai: {
      model: full ? 'churn-predictor' : null,
      version: full ? '2026-03-01' : null,
      previousVersion: null,
      category: 'model',
      harmLevel: full ? 'event' : null,
      signals: full ? [{ at: '14:09', title: 'Accuracy below threshold', signal: 'accuracy_drop', metric: 'accuracy 0.62 (threshold 0.85)' }] : [],
      versions: full ? [{ label: 'data_snapshot', value: '2026-03-01' }] : [],
      distribution: null,
    },
  };
}
