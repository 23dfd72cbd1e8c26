import type { ReviewTemplateData } from '../../comms/reviewTemplateData.js';
import type { StakeholderUpdateRow } from '../../db/schema/index.js';
import type { CadencePolicy } from '../../domain/updateCadence.js';
import { firstUpdateDue } from '../../domain/updateCadence.js';
import type { Severity } from '../../domain/types.js';
import type { StructuredEvent } from '../timeline.js';
import { eventLine, reviewTime } from './reviewFacts.js';

const hhmm = (at: Date): string => at.toISOString().slice(11, 16);

/**
 * Whether stakeholders heard when we said they would: the first update against the severity's
 * first-update time, each later one against the time the update before it promised, and a promise
 * that passed with no update before the incident was resolved.
 */
export function lateUpdates(
  updates: readonly StakeholderUpdateRow[],
  cadence: CadencePolicy,
  severity: Severity,
  declaredAt: Date,
  resolvedAt: Date | undefined,
): { late: string[]; kept: boolean | null } {
  const posted = updates.filter((u) => u.postedAt).sort((a, b) => a.postedAt!.getTime() - b.postedAt!.getTime());
  const late: string[] = [];
  let promises = 0;
  const firstDue = firstUpdateDue(cadence, severity, declaredAt);
  if (firstDue) {
    promises += 1;
    const first = posted[0];
    if (!first) {
      if (!resolvedAt || resolvedAt > firstDue) late.push(`first update never came (due by ${hhmm(firstDue)})`);
    } else if (first.postedAt! > firstDue) late.push(`${hhmm(first.postedAt!)} (first update due by ${hhmm(firstDue)})`);
  }
  posted.forEach((update, index) => {
    const promised = update.nextUpdateAt;
    if (!promised || update.moment === 'resolution') return;
    promises += 1;
    const next = posted[index + 1];
    if (next && next.postedAt! > promised) late.push(`${hhmm(next.postedAt!)} (promised by ${hhmm(promised)})`);
    if (!next && (!resolvedAt || resolvedAt > promised)) late.push(`none after ${hhmm(update.postedAt!)} (promised by ${hhmm(promised)})`);
  });
  return { late, kept: promises === 0 ? null : late.length === 0 };
}

/** The response section: who was paged and when, who acknowledged, escalation, and the updates. */
export function responseSection(
  events: readonly StructuredEvent[],
  acknowledged: { by: string | null; at: Date | undefined },
  tta: string,
  updates: ReturnType<typeof lateUpdates> & { count: number },
): ReviewTemplateData['response'] {
  return {
    pages: events.filter((e) => e.kind === 'page.sent' || e.kind === 'page.nobody').map(eventLine),
    acknowledged: acknowledged.at ? `${acknowledged.by ? `@${acknowledged.by}` : 'someone'} at ${reviewTime(acknowledged.at)}` : null,
    tta,
    escalations: events.filter((e) => e.kind === 'escalation.manual' || e.kind === 'escalation.cancelled' || (e.kind === 'escalation.planned' && e.data.severity)).map(eventLine),
    updates: updates.count,
    lateUpdates: updates.late,
    cadenceKept: updates.kept,
  };
}
