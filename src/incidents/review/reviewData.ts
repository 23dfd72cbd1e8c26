import type { ReviewTemplateData } from '../../comms/reviewTemplateData.js';
import type { Executor } from '../../db/executor.js';
import type { IncidentRow } from '../../db/schema/index.js';
import { actionItemsOf } from '../actionItems/actionItemQueries.js';
import { isPersonActor } from '../../domain/actors.js';
import { formatDuration } from '../../domain/duration.js';
import { METRIC_NAMES, METRICS, incidentMetrics, outOfOrderTimes } from '../../domain/incidentMetrics.js';
import type { CadencePolicy } from '../../domain/updateCadence.js';
import { alertsOf } from '../queries.js';
import { rolesOf } from '../readModel.js';
import type { StoredResolution } from '../resolveIncident.js';
import { readTimeline, type StructuredEvent } from '../timeline.js';
import { postedUpdates } from '../updates/updateQueries.js';
import { aiSection } from './aiFacts.js';
import { incidentVersionsOf } from '../deployments/incidentVersions.js';
import { keyTimesOf } from './keyTimes.js';
import { KEY_EVENT_KINDS, eventLine, eventMoment, eventPlain, metricWords, oneLine, reviewTime } from './reviewFacts.js';
import { lateUpdates, responseSection } from './responseFacts.js';

/** The latest non-empty value of a field across posted updates: the words people already agreed. */
function latestField(updates: ReturnType<typeof postedUpdates>, field: 'usersAffected' | 'decisionsAffected' | 'businessImpact' | 'dataImpact'): string | null {
  for (const update of [...updates].reverse()) {
    const value = update.fields[field];
    if (value) return oneLine(value);
  }
  return null;
}

/**
 * Everything the review says that the record knows, section by section; what only people know is
 * left null, and the template asks for it. Read-only.
 */
export function reviewData(db: Executor, incident: IncidentRow, cadence: CadencePolicy, now: Date, version: number, changes: string[]): ReviewTemplateData {
  const events = readTimeline(db, incident.id);
  const structured = events.filter((e): e is StructuredEvent => !('legacyText' in e.data));
  const times = keyTimesOf(db, incident);
  const metrics = incidentMetrics(times);
  const alerts = alertsOf(db, incident.id);
  const updates = postedUpdates(db, incident.id);
  const resolution = (incident.resolution ?? null) as StoredResolution | null;
  const commander = rolesOf(db, incident.id).find((r) => r.role === 'commander')?.userId ?? null;
  const items = actionItemsOf(db, incident.id);
  const ordered = [...events].sort((a, b) => eventMoment(a).getTime() - eventMoment(b).getTime() || a.id - b.id);
  const firstAlert = structured.find((e) => e.kind === 'alert.attached');
  const late = lateUpdates(updates, cadence, incident.severity, incident.declaredAt, times.resolvedAt);
  const duration = times.impactStartedAt && times.resolvedAt && times.resolvedAt >= times.impactStartedAt ? formatDuration(times.resolvedAt.getTime() - times.impactStartedAt.getTime()) : null;

  return {
    version,
    generatedAt: reviewTime(now),
    changes,
    header: {
      ref: `INC-${incident.id}`,
      title: oneLine(incident.title),
      severity: incident.severity,
      category: incident.category,
      status: incident.status,
      commander: commander ? `@${commander}` : null,
      declared: reviewTime(incident.declaredAt),
      resolved: times.resolvedAt ? reviewTime(times.resolvedAt) : null,
      reviewDue: incident.reviewDueAt ? reviewTime(incident.reviewDueAt) : null,
      harmLevel: incident.harmLevel ? incident.harmLevel.replace('_', ' ') : null,
    },
    summary: resolution?.summary ?? null,
    impact: {
      duration,
      usersAffected: latestField(updates, 'usersAffected'),
      decisionsAffected: latestField(updates, 'decisionsAffected'),
      businessImpact: latestField(updates, 'businessImpact'),
      dataImpact: latestField(updates, 'dataImpact'),
    },
    timeline: ordered.filter((e) => e.starred || KEY_EVENT_KINDS.has(e.kind)).map(eventLine),
    appendix: ordered.map((e) => ({ ...eventLine(e), source: e.source, actor: e.actor, starred: e.starred })),
    leadUp: {
      firstSignal: firstAlert ? eventLine(firstAlert) : null,
      modelVersion: incident.modelName ? `${incident.modelName}${incident.modelVersion ? ` ${incident.modelVersion}` : ''}` : null,
    },
    factors: { proximate: null, rootCause: resolution?.rootCause ?? null, tags: resolution?.contributingFactors ?? [] },
    mitigators: [
      ...structured.filter((e) => (e.kind === 'status.changed' && e.data.to === 'mitigated') || e.kind === 'runbook.posted' || (e.kind === 'checklist.checked' && e.data.list !== 'triage')).map(eventLine),
      ...(resolution?.modelRolledBack && times.resolvedAt ? [{ at: reviewTime(times.resolvedAt), text: 'The model was rolled back' }] : []),
    ],
    detection: {
      by: isPersonActor(incident.declaredBy) ? `a person, @${incident.declaredBy}, declared it` : `detector ${incident.declaredBy}${firstAlert ? `: ${eventPlain(firstAlert)}` : ''}`,
      ttd: metricWords(metrics.ttd),
    },
    response: responseSection(structured, { by: incident.acknowledgedBy, at: times.acknowledgedAt }, metricWords(metrics.tta), { ...late, count: updates.length }),
    actionItems: items.map((item) => ({
      text: oneLine(item.text),
      owner: item.owner ? `@${item.owner}` : null,
      due: item.dueAt ? item.dueAt.toISOString().slice(0, 10) : null,
      status: item.status,
    })),
    messaging: updates.map((u) => ({ at: reviewTime(u.postedAt ?? u.updatedAt), audience: u.audience, state: u.state, impact: u.impact, headline: oneLine(u.fields.headline) })),
    metrics: METRIC_NAMES.map((name) => ({ ...METRICS[name], value: metricWords(metrics[name]) })),
    flags: outOfOrderTimes(times),
    ai: aiSection(incident, alerts, incidentVersionsOf(db, incident, alerts)),
  };
}
