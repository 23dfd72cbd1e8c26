import type { Executor } from '../db/executor.js';
import { VigilError } from '../shared/errors.js';
import type { UseCaseContext } from './context.js';
import { acknowledgeIn } from './acknowledgeIncident.js';
import type { IngestResult } from './ingestSignals.js';
import { openIncidentByDedupKey } from './ingestQueries.js';

/**
 * An alert source says someone took its alert (PagerDuty's `acknowledge` event): the open incident
 * holding that alert is acknowledged as the Slack button would, by the source. Nothing open holds
 * it: nothing happens (PagerDuty drops such events too). Runs in the caller's transaction.
 */
export function acknowledgeFromSource(tx: Executor, ctx: UseCaseContext, input: { source: string; dedupKey: string; via: string }): IngestResult {
  const incidentId = openIncidentByDedupKey(tx, input.source, input.dedupKey)?.id;
  if (incidentId === undefined) return { incidentId: null, alertIds: [], deduplicated: true, opened: false };
  try {
    acknowledgeIn(tx, ctx, { incidentId, userId: input.source, via: input.via });
  } catch (error) {
    // A state that cannot be acknowledged is refused before anything is written; the sender's
    // event changes nothing then, and must not look like a storage failure (a 5xx it would retry).
    if (!(error instanceof VigilError)) throw error;
  }
  return { incidentId, alertIds: [], deduplicated: true, opened: false };
}
