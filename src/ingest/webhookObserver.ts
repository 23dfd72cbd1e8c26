import type { Signal } from '../domain/types.js';
import type { IngestResult } from '../incidents/ingestSignals.js';

/**
 * What the webhook routes report as they answer, for the metrics (src/metrics/). The routes only
 * call it; counting and naming belong to whoever observes.
 */
export interface WebhookObserver {
  /** Every answered request: the route's path, the status, and how long it took in seconds. */
  answered(route: string, status: number, seconds: number): void;
  /**
   * A delivery stored: the alerts it carried and what became of them; a delivery without alerts
   * names its `outcome` when it counts among them (an acknowledgement), and is not counted otherwise.
   */
  stored(source: string, signals: readonly Signal[], result: IngestResult, outcome: string | undefined): void;
  /** A delivery from a known source refused: its body was invalid, or it could not be stored. */
  refused(source: string, outcome: 'invalid' | 'not_stored'): void;
}

export const NO_WEBHOOK_METRICS: WebhookObserver = { answered: () => undefined, stored: () => undefined, refused: () => undefined };
