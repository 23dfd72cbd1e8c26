import type { Executor } from '../../db/executor.js';
import { appendTimeline } from '../timeline.js';
import { cancelPendingSteps } from './stepRows.js';
import { tellPagers } from './pagePagers.js';

/**
 * Cancel the steps an acknowledgement or a resolution makes moot (acknowledged: the
 * `until: acknowledged` ones; resolved: all), and say so on the timeline. Pagers outside Slack
 * that paged for the incident are told too (acknowledge or resolve there).
 */
export function stopEscalation(tx: Executor, incidentId: number, because: 'acknowledged' | 'resolved', now: Date): void {
  tellPagers(tx, incidentId, because, now);
  const cancelled = cancelPendingSteps(tx, incidentId, now, because === 'acknowledged' ? 'acknowledged' : undefined);
  if (cancelled.length === 0) return;
  appendTimeline(tx, incidentId, now, {
    kind: 'escalation.cancelled',
    actor: 'vigil',
    data: { steps: cancelled.map((s) => s.key), labels: cancelled.map((s) => s.label), because },
  });
}
