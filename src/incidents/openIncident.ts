import type { Executor } from '../db/executor.js';
import { checklistItems, incidents, type IncidentRow } from '../db/schema/index.js';
import type { Category, MetricReading, ModelRef, Severity, SignalKind } from '../domain/types.js';
import { buildTriageChecklist } from '../domain/checklist.js';
import { enqueueEffect } from '../effects/outbox.js';
import type { UseCaseContext } from './context.js';
import { appendTimeline } from './timeline.js';
import { whoIsOnCall } from './oncallLookup.js';
import { planIncidentEscalation } from './escalation/planSteps.js';
import { startCadence } from './updates/cadence.js';
import { isPersonActor } from '../domain/actors.js';

export interface NewIncident {
  title: string;
  description?: string;
  severity: Severity;
  category: Category;
  /** Why this severity and category, for the timeline. */
  reasons: string[];
  model?: ModelRef;
  metric?: MetricReading;
  signal?: SignalKind;
  /** A source name for a webhook, a Slack user id for a declared incident. */
  declaredBy: string;
  groupKey?: string;
  isPrivate: boolean;
  customerImpact?: boolean;
  startedAt?: Date;
  detectedAt?: Date;
}

/**
 * Open an incident inside the caller's transaction: the row, its timeline, its checklist, and
 * every Slack effect a new incident needs. Webhooks and `/incident declare` both come here.
 */
export function openIncident(tx: Executor, ctx: UseCaseContext, input: NewIncident, now: Date): IncidentRow {
  const rotation = ctx.policy.routing[input.category];
  const incident = tx
    .insert(incidents)
    .values({
      title: input.title,
      description: input.description ?? null,
      severity: input.severity,
      category: input.category,
      status: 'triggered',
      isPrivate: input.isPrivate,
      customerImpact: input.customerImpact ?? null,
      modelName: input.model?.name ?? null,
      modelVersion: input.model?.version ?? null,
      metric: input.metric ?? null,
      signal: input.signal ?? null,
      declaredBy: input.declaredBy,
      groupKey: input.groupKey ?? null,
      escalationPolicy: ctx.policy.escalation,
      routedRotation: rotation,
      startedAt: input.startedAt ?? null,
      detectedAt: input.detectedAt ?? now,
      declaredAt: now,
      updatedAt: now,
    })
    .returning()
    .get();
  const id = incident.id;

  appendTimeline(tx, id, now, {
    kind: 'incident.declared',
    actor: input.declaredBy,
    data: { title: input.title, private: input.isPrivate },
  });
  // Key moments for the review's numbers: when we knew, and (from the alerts) when users were first affected.
  const byAlert = !isPersonActor(input.declaredBy);
  appendTimeline(tx, id, now, { kind: 'incident.detected', actor: input.declaredBy, data: { at: now.toISOString(), via: byAlert ? 'alert' : 'declaration' } });
  if (input.startedAt) {
    appendTimeline(tx, id, now, { kind: 'impact.started', actor: input.declaredBy, data: { at: input.startedAt.toISOString(), previous: null, reason: null, via: 'alerts' } });
  }
  appendTimeline(tx, id, now, {
    kind: 'incident.classified',
    actor: 'vigil',
    data: { severity: input.severity, category: input.category, reasons: input.reasons },
  });

  const checklist = buildTriageChecklist(input.category);
  tx.insert(checklistItems)
    .values(
      checklist.map((item, position) => ({
        incidentId: id,
        itemId: item.id,
        list: 'triage',
        section: item.section,
        position,
        text: item.text,
      })),
    )
    .run();

  enqueueEffect(tx, id, 'channel.create', {}, now);
  enqueueEffect(tx, id, 'channel.topic', {}, now);
  const onCall = whoIsOnCall(tx, ctx.policy, rotation, now);
  if (onCall.primary) {
    enqueueEffect(tx, id, 'channel.invite', { users: [onCall.primary] }, now);
    appendTimeline(tx, id, now, {
      kind: 'oncall.invited',
      actor: 'vigil',
      data: { users: [onCall.primary], rotation },
    });
  }
  enqueueEffect(tx, id, 'summary.post', {}, now);
  enqueueEffect(tx, id, 'checklist.post', { list: 'triage' }, now);
  if (ctx.policy.announceChannel && !input.isPrivate) {
    enqueueEffect(tx, id, 'announce.post', { channel: ctx.policy.announceChannel }, now);
  }
  planIncidentEscalation(tx, ctx, incident, now);
  startCadence(tx, ctx, incident);
  return incident;
}
