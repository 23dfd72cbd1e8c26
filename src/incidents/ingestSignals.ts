import { eq } from 'drizzle-orm';
import type { Executor } from '../db/executor.js';
import { alerts } from '../db/schema/index.js';
import type { Signal } from '../domain/types.js';
import { classifySignal } from '../domain/classify.js';
import { mostSevere, severityRank } from '../domain/severity.js';
import type { Classification } from '../domain/types.js';
import { applySeverityChange } from './changeSeverity.js';
import { firingCount, incidentHasSignal } from './alertDigest.js';
import { enqueueEffect } from '../effects/outbox.js';
import type { UseCaseContext } from './context.js';
import { appendTimeline } from './timeline.js';
import { openIncident } from './openIncident.js';
import {
  alertOf,
  insertAlert,
  markAlertRepeated,
  noteAlertHeard,
  openIncidentByDedupKey,
  openIncidentByGroupKey,
  recentOpenIncidentForModel,
  type IncidentHead,
} from './ingestQueries.js';
import { getIncident } from './queries.js';

/** One delivery from a source: an Alertmanager group, or a single detector alert. */
export interface SignalBatch {
  source: string;
  signals: Signal[];
  /** Alerts of one Alertmanager group share it and so share an incident. */
  groupKey?: string;
}

export interface IngestResult {
  incidentId: number | null;
  alertIds: number[];
  /** Nothing new: every firing alert was already part of an open incident. */
  deduplicated: boolean;
  /** Whether this delivery opened a new incident. */
  opened: boolean;
}

interface ClassifiedSignal {
  signal: Signal;
  classification: Classification;
}

/** The open incident these firing alerts belong to, if any: same alert, same group, or same model and category lately. */
function findHomeIncident(tx: Executor, ctx: UseCaseContext, batch: SignalBatch, firing: ClassifiedSignal[], now: Date): IncidentHead | undefined {
  for (const { signal } of firing) {
    const byDedup = openIncidentByDedupKey(tx, batch.source, signal.dedupKey);
    if (byDedup !== undefined) return byDedup;
  }
  if (batch.groupKey) {
    const byGroup = openIncidentByGroupKey(tx, batch.groupKey);
    if (byGroup !== undefined) return byGroup;
  }
  const since = new Date(now.getTime() - ctx.policy.groupingWindowMs);
  for (const { signal, classification } of firing) {
    if (!signal.model) continue;
    const recent = recentOpenIncidentForModel(tx, signal.model.name, classification.category, since);
    if (recent !== undefined) return recent;
  }
  return undefined;
}

function openIncidentFor(tx: Executor, ctx: UseCaseContext, batch: SignalBatch, firing: ClassifiedSignal[], now: Date): IncidentHead {
  // The most severe alert of the group decides severity; the first one names the incident.
  const lead = firing[0]!;
  const severity = mostSevere(firing.map((c) => c.classification.severity));
  const started = firing.map((c) => c.signal.startedAt?.getTime()).filter((t): t is number => t !== undefined);
  const observed = firing.map((c) => c.signal.observedAt.getTime());
  return openIncident(
    tx,
    ctx,
    {
      title: lead.signal.title,
      ...(lead.signal.description ? { description: lead.signal.description } : {}),
      severity,
      category: lead.classification.category,
      reasons: lead.classification.reasons,
      ...(lead.signal.model ? { model: lead.signal.model } : {}),
      ...(lead.signal.metric ? { metric: lead.signal.metric } : {}),
      signal: lead.signal.signal,
      declaredBy: batch.source,
      ...(batch.groupKey ? { groupKey: batch.groupKey } : {}),
      isPrivate: false,
      ...(started.length ? { startedAt: new Date(Math.min(...started)) } : {}),
      detectedAt: new Date(Math.min(...observed)),
    },
    now,
  );
}

/**
 * How a joining alert reaches the channel: a new kind of signal or another model gets its own
 * line at once; one more of a kind the incident already has is counted in the alert digest, so a
 * storm of them is one message edited in place instead of thousands.
 */
function announceJoining(tx: Executor, incidentId: number, alertId: number, digested: boolean, refired: boolean, now: Date): void {
  if (digested) {
    enqueueEffect(tx, incidentId, 'alerts.digest', {}, now);
    return;
  }
  enqueueEffect(tx, incidentId, 'channel.notice', { notice: 'alert_attached', data: { alertId, ...(refired ? { refired: true } : {}) } }, now);
}

/**
 * Attach one firing alert; returns its id and whether it was new to the incident. `announce` is
 * false for the alerts that opened the incident: its summary shows them.
 *
 * A joining alert of a signal and model the incident already has is digest material: it is
 * stored and counted (the alerts table, the digest), but writes no timeline event. The timeline
 * says what changed, when, and by whom; a storm of 5,000 repeats of one signal would bury that,
 * and its writes (a row and an index entry per incident) were a third of each group commit.
 */
function attachFiring(tx: Executor, incident: IncidentHead, signal: Signal, now: Date, announce: boolean): { id: number; isNew: boolean } {
  noteAlertHeard(tx, incident, now);
  const existing = alertOf(tx, incident.id, signal.dedupKey);
  if (existing) {
    markAlertRepeated(tx, existing.id, signal.observedAt, now);
    if (existing.status === 'resolved') {
      appendTimeline(tx, incident.id, now, {
        kind: 'alert.attached',
        actor: signal.source,
        data: { alertId: existing.id, dedupKey: signal.dedupKey, title: signal.title, refired: true },
      });
      if (announce) announceJoining(tx, incident.id, existing.id, digestMaterial(tx, incident.id, signal, existing.id), true, now);
    }
    return { id: existing.id, isNew: false };
  }
  // Asked before the insert, so no alert needs excluding: any row found is another alert.
  const digested = announce && digestMaterial(tx, incident.id, signal, 0);
  const id = insertAlert(tx, signal, incident.id, now);
  if (!digested) {
    appendTimeline(tx, incident.id, now, {
      kind: 'alert.attached',
      actor: signal.source,
      data: { alertId: id, dedupKey: signal.dedupKey, title: signal.title, signal: signal.signal, metric: signal.metric ?? null },
    });
  }
  if (announce) announceJoining(tx, incident.id, id, digested, false, now);
  return { id, isNew: true };
}

/** Whether the incident already has another alert of this signal from this model: one more is counted, not announced. */
const digestMaterial = (tx: Executor, incidentId: number, signal: Signal, exceptAlertId: number): boolean =>
  incidentHasSignal(tx, incidentId, signal.signal, signal.model?.name ?? null, exceptAlertId);

/** A worse alert joining an open incident raises its severity (never lowers it: people decide that). */
function raiseSeverityIfWorse(tx: Executor, ctx: UseCaseContext, incident: IncidentHead, source: string, firing: ClassifiedSignal[], now: Date): void {
  if (incident.status === 'resolved') return;
  const worst = mostSevere(firing.map((c) => c.classification.severity));
  if (severityRank(worst) >= severityRank(incident.severity)) return;
  applySeverityChange(tx, ctx, getIncident(tx, incident.id), { severity: worst, actor: source, reason: 'a more severe alert joined' }, now);
}

/** A resolved alert clears its signal; the incident stays open until a person resolves it. */
function clearResolved(tx: Executor, batch: SignalBatch, now: Date): { incidentId: number; alertIds: number[] }[] {
  const cleared = new Map<number, number[]>();
  for (const signal of batch.signals.filter((s) => s.status === 'resolved')) {
    const incident = openIncidentByDedupKey(tx, batch.source, signal.dedupKey);
    if (incident === undefined) continue;
    const alert = alertOf(tx, incident.id, signal.dedupKey);
    if (!alert || alert.status === 'resolved') continue;
    noteAlertHeard(tx, incident, now);
    tx.update(alerts)
      .set({ status: 'resolved', endedAt: signal.endedAt ?? now, lastReceivedAt: now })
      .where(eq(alerts.id, alert.id))
      .run();
    appendTimeline(tx, incident.id, now, {
      kind: 'alert.resolved',
      actor: batch.source,
      data: { alertId: alert.id, dedupKey: signal.dedupKey, title: signal.title, endedAt: (signal.endedAt ?? now).toISOString() },
    });
    cleared.set(incident.id, [...(cleared.get(incident.id) ?? []), alert.id]);
  }
  return [...cleared].map(([incidentId, alertIds]) => ({ incidentId, alertIds }));
}

/**
 * The single way alerts enter Vigil, whatever their format. It runs in a transaction the caller
 * holds: the webhook path puts many deliveries in one group commit (src/db/groupCommit.ts), each
 * in its own savepoint, which also tells the delivery worker once the batch is committed.
 */
export function ingestSignals(tx: Executor, ctx: UseCaseContext, batch: SignalBatch): IngestResult {
  const now = ctx.clock.now();
  // Classified once: grouping, the new incident and a severity raise all read the same verdicts.
  const firing: ClassifiedSignal[] = batch.signals
    .filter((signal) => signal.status === 'firing')
    .map((signal) => ({ signal, classification: classifySignal(signal) }));
  let incident = firing.length > 0 ? findHomeIncident(tx, ctx, batch, firing, now) : undefined;
  const opened = firing.length > 0 && !incident;
  if (opened) incident = openIncidentFor(tx, ctx, batch, firing, now);

  const alertIds: number[] = [];
  let anyNew = false;
  for (const { signal } of firing) {
    const attached = attachFiring(tx, incident!, signal, now, !opened);
    alertIds.push(attached.id);
    anyNew ||= attached.isNew;
  }
  if (!opened && anyNew) raiseSeverityIfWorse(tx, ctx, incident!, batch.source, firing, now);

  const cleared = clearResolved(tx, batch, now);
  for (const { incidentId, alertIds: clearedIds } of cleared) {
    // "All clear" is worth its own line; one signal of many clearing is digest material.
    if (firingCount(tx, incidentId) === 0) {
      enqueueEffect(tx, incidentId, 'channel.notice', { notice: 'signal_cleared', data: { alertIds: clearedIds } }, now);
    } else {
      enqueueEffect(tx, incidentId, 'alerts.digest', {}, now);
    }
    alertIds.push(...clearedIds);
  }
  const incidentId = incident?.id ?? cleared[0]?.incidentId ?? null;
  return { incidentId, alertIds, deduplicated: !opened && !anyNew && firing.length > 0, opened };
}
