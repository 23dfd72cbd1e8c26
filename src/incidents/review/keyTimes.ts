import { and, asc, eq, inArray, min } from 'drizzle-orm';
import type { Executor } from '../../db/executor.js';
import { alerts, timelineEvents, type IncidentRow } from '../../db/schema/index.js';
import type { KeyTimes } from '../../domain/incidentMetrics.js';
import { asTimelineEvent, type StructuredEvent, type TimelineEvent } from '../timeline.js';

const KEY_KINDS = ['impact.started', 'incident.detected', 'incident.acknowledged', 'status.changed', 'incident.resolved', 'incident.reopened'] as const;

/**
 * An incident's key moments, read from its timeline (the record), falling back to the incident's
 * own columns for incidents recorded before those events existed:
 * - impact started: the latest correction, else the earliest `startedAt` of its alerts;
 * - detected: the first alert's arrival, or the declaration of a person's incident;
 * - acknowledged and mitigated: the first time; resolved: the last time, and only while resolved.
 */
export function keyTimesFrom(incident: IncidentRow, events: readonly TimelineEvent[], earliestAlertStart: Date | undefined, firstAlertArrival: Date | undefined): KeyTimes {
  const structured = events.filter((e): e is StructuredEvent => !('legacyText' in e.data));
  const of = <K extends StructuredEvent['kind']>(kind: K) => structured.filter((e): e is Extract<StructuredEvent, { kind: K }> => e.kind === kind);
  const correction = of('impact.started').filter((e) => e.data.via === 'correction').at(-1);
  const impact = correction ? new Date(correction.data.at) : (earliestAlertStart ?? incident.startedAt ?? undefined);
  const detectedEvent = of('incident.detected')[0];
  const detected = detectedEvent ? new Date(detectedEvent.data.at) : (firstAlertArrival ?? incident.declaredAt);
  const acknowledged = of('incident.acknowledged')[0]?.at ?? incident.acknowledgedAt ?? undefined;
  const mitigated = of('status.changed').find((e) => e.data.to === 'mitigated')?.at ?? incident.mitigatedAt ?? undefined;
  const resolved = incident.status === 'resolved' ? (of('incident.resolved').at(-1)?.at ?? incident.resolvedAt ?? undefined) : undefined;
  return {
    ...(impact ? { impactStartedAt: impact } : {}),
    detectedAt: detected,
    declaredAt: incident.declaredAt,
    ...(acknowledged ? { acknowledgedAt: acknowledged } : {}),
    ...(mitigated ? { mitigatedAt: mitigated } : {}),
    ...(resolved ? { resolvedAt: resolved } : {}),
  };
}

/** An incident's key moments, read from the store. */
export function keyTimesOf(db: Executor, incident: IncidentRow): KeyTimes {
  const events = db
    .select()
    .from(timelineEvents)
    .where(and(eq(timelineEvents.incidentId, incident.id), inArray(timelineEvents.kind, [...KEY_KINDS])))
    .orderBy(asc(timelineEvents.at), asc(timelineEvents.id))
    .all()
    .map(asTimelineEvent);
  const first = db
    .select({ started: min(alerts.startedAt), arrived: min(alerts.firstReceivedAt) })
    .from(alerts)
    .where(eq(alerts.incidentId, incident.id))
    .get();
  return keyTimesFrom(incident, events, first?.started ?? undefined, first?.arrived ?? undefined);
}
