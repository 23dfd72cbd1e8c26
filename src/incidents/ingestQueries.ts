import { and, desc, eq, ne, sql } from 'drizzle-orm';
import type { Executor } from '../db/executor.js';
import { preparedOnce } from '../db/prepared.js';
import { alerts, incidents, type IncidentRow } from '../db/schema/index.js';
import type { Signal } from '../domain/types.js';

// What ingest reads and writes for every alert of a storm, prepared once per database handle
// (src/db/prepared.ts). The look-ups return ids and the few fields ingest reads, not whole rows
// with their JSON columns: parsing those was most of an alert's cost. None says LIMIT: `get` reads
// one row anyway, and drizzle binds a limit as a parameter, which made each look-up ~7 µs instead
// of ~1 (SQLite plans `LIMIT ?` without knowing it is 1; measured with bench/ on this machine).

const placeholder = sql.placeholder;

/** What ingest needs of an incident to attach alerts to it. */
export type IncidentHead = Pick<IncidentRow, 'id' | 'status' | 'severity' | 'lastAlertAt'>;

const HEAD = { id: incidents.id, status: incidents.status, severity: incidents.severity, lastAlertAt: incidents.lastAlertAt };

export function openIncidentByDedupKey(tx: Executor, source: string, dedupKey: string): IncidentHead | undefined {
  const query = preparedOnce(tx, 'ingest.openIncidentByDedupKey', (db) =>
    db
      .select(HEAD)
      .from(alerts)
      .innerJoin(incidents, eq(alerts.incidentId, incidents.id))
      .where(and(eq(alerts.source, placeholder('source')), eq(alerts.dedupKey, placeholder('dedupKey')), ne(incidents.status, 'resolved')))
      .orderBy(desc(incidents.id))
      .prepare(),
  );
  return query.get({ source, dedupKey });
}

export function openIncidentByGroupKey(tx: Executor, groupKey: string): IncidentHead | undefined {
  const query = preparedOnce(tx, 'ingest.openIncidentByGroupKey', (db) =>
    db
      .select(HEAD)
      .from(incidents)
      .where(and(eq(incidents.groupKey, placeholder('groupKey')), ne(incidents.status, 'resolved')))
      .orderBy(desc(incidents.id))
      .prepare(),
  );
  return query.get({ groupKey });
}

/** An open incident for the same model and category that heard from an alert since `since`. */
export function recentOpenIncidentForModel(tx: Executor, modelName: string, category: string, since: Date): IncidentHead | undefined {
  const query = preparedOnce(tx, 'ingest.recentOpenIncidentForModel', (db) =>
    db
      .select(HEAD)
      .from(incidents)
      .where(
        and(
          eq(incidents.modelName, placeholder('modelName')),
          eq(incidents.category, placeholder('category')),
          ne(incidents.status, 'resolved'),
          // A placeholder inside raw SQL is bound as is: the column stores milliseconds.
          sql`${incidents.lastAlertAt} >= ${placeholder('since')}`,
        ),
      )
      .orderBy(desc(incidents.id))
      .prepare(),
  );
  return query.get({ modelName, category, since: since.getTime() });
}

// Heard-from times are kept to the second: a storm then writes an incident's row about once a
// second, not once per alert, and grouping windows are minutes long.
const HEARD_FROM_RESOLUTION_MS = 1000;

/** An alert of the incident was heard from now: new, repeated or cleared. Updates `incident` too. */
export function noteAlertHeard(tx: Executor, incident: IncidentHead, now: Date): void {
  if (incident.lastAlertAt && now.getTime() - incident.lastAlertAt.getTime() < HEARD_FROM_RESOLUTION_MS) return;
  const query = preparedOnce(tx, 'ingest.noteAlertHeard', (db) =>
    db
      .update(incidents)
      .set({ lastAlertAt: sql`${placeholder('now')}` })
      .where(eq(incidents.id, placeholder('id')))
      .prepare(),
  );
  query.run({ id: incident.id, now: now.getTime() });
  incident.lastAlertAt = now;
}

export function alertOf(tx: Executor, incidentId: number, dedupKey: string): { id: number; status: string } | undefined {
  const query = preparedOnce(tx, 'ingest.alertOf', (db) =>
    db
      .select({ id: alerts.id, status: alerts.status })
      .from(alerts)
      .where(and(eq(alerts.incidentId, placeholder('incidentId')), eq(alerts.dedupKey, placeholder('dedupKey'))))
      .prepare(),
  );
  return query.get({ incidentId, dedupKey });
}

/** A new alert of an incident; returns its id. */
export function insertAlert(tx: Executor, signal: Signal, incidentId: number, now: Date): number {
  const query = preparedOnce(tx, 'ingest.insertAlert', (db) =>
    db
      .insert(alerts)
      .values({
        incidentId: placeholder('incidentId'),
        source: placeholder('source'),
        sourceKind: placeholder('sourceKind'),
        dedupKey: placeholder('dedupKey'),
        groupKey: placeholder('groupKey'),
        status: placeholder('status'),
        title: placeholder('title'),
        description: placeholder('description'),
        signal: placeholder('signal'),
        modelName: placeholder('modelName'),
        modelVersion: placeholder('modelVersion'),
        metricName: placeholder('metricName'),
        metricValue: placeholder('metricValue'),
        metricThreshold: placeholder('metricThreshold'),
        severityHint: placeholder('severityHint'),
        categoryHint: placeholder('categoryHint'),
        labels: placeholder('labels'),
        annotations: placeholder('annotations'),
        links: placeholder('links'),
        raw: placeholder('raw'),
        // Nullable times go in as raw milliseconds: drizzle's encoder for a placeholder has no null case.
        startedAt: sql`${placeholder('startedAt')}`,
        observedAt: placeholder('observedAt'),
        endedAt: sql`${placeholder('endedAt')}`,
        firstReceivedAt: placeholder('receivedAt'),
        lastReceivedAt: placeholder('receivedAt'),
      })
      .returning({ id: alerts.id })
      .prepare(),
  );
  return query.get({
    incidentId,
    source: signal.source,
    sourceKind: signal.sourceKind,
    dedupKey: signal.dedupKey,
    groupKey: signal.groupKey ?? null,
    status: signal.status,
    title: signal.title,
    description: signal.description ?? null,
    signal: signal.signal,
    modelName: signal.model?.name ?? null,
    modelVersion: signal.model?.version ?? null,
    metricName: signal.metric?.name ?? null,
    metricValue: signal.metric?.value ?? null,
    metricThreshold: signal.metric?.threshold ?? null,
    severityHint: signal.severityHint ?? null,
    categoryHint: signal.categoryHint ?? null,
    labels: signal.labels,
    annotations: signal.annotations,
    links: signal.links,
    raw: signal.raw ?? {},
    startedAt: signal.startedAt?.getTime() ?? null,
    observedAt: signal.observedAt,
    endedAt: signal.endedAt?.getTime() ?? null,
    receivedAt: now,
  })!.id;
}

/** An alert the incident already has was delivered again: it is firing, and was heard from now. */
export function markAlertRepeated(tx: Executor, alertId: number, observedAt: Date, now: Date): void {
  const query = preparedOnce(tx, 'ingest.markAlertRepeated', (db) =>
    db
      .update(alerts)
      .set({
        status: 'firing',
        // Placeholders in raw SQL are bound as they are: these columns store milliseconds.
        lastReceivedAt: sql`${placeholder('now')}`,
        observedAt: sql`${placeholder('observedAt')}`,
        receiveCount: sql`${alerts.receiveCount} + 1`,
        endedAt: null,
      })
      .where(eq(alerts.id, placeholder('id')))
      .prepare(),
  );
  query.run({ id: alertId, observedAt: observedAt.getTime(), now: now.getTime() });
}
