import { and, desc, eq, gte, ne } from 'drizzle-orm';
import type { Executor } from '../db/executor.js';
import { alerts, incidents, type AlertRow, type IncidentRow } from '../db/schema/index.js';
import { VigilError } from '../shared/errors.js';

export function getIncident(db: Executor, incidentId: number): IncidentRow {
  const row = db.select().from(incidents).where(eq(incidents.id, incidentId)).get();
  if (!row) throw new VigilError('not_found', `There is no incident ${incidentId}.`);
  return row;
}

export function findIncidentByChannel(db: Executor, channelId: string): IncidentRow | undefined {
  return db.select().from(incidents).where(eq(incidents.channelId, channelId)).get();
}

/** The open incident that already holds an alert with this dedup key from this source. */
export function findOpenIncidentByDedupKey(db: Executor, source: string, dedupKey: string): IncidentRow | undefined {
  const row = db
    .select({ incident: incidents })
    .from(alerts)
    .innerJoin(incidents, eq(alerts.incidentId, incidents.id))
    .where(and(eq(alerts.source, source), eq(alerts.dedupKey, dedupKey), ne(incidents.status, 'resolved')))
    .orderBy(desc(incidents.id))
    .get();
  return row?.incident;
}

export function findOpenIncidentByGroupKey(db: Executor, groupKey: string): IncidentRow | undefined {
  return db
    .select()
    .from(incidents)
    .where(and(eq(incidents.groupKey, groupKey), ne(incidents.status, 'resolved')))
    .orderBy(desc(incidents.id))
    .get();
}

/** An open incident for the same model and category that heard from an alert since `since`. */
export function findRecentOpenIncidentForModel(
  db: Executor,
  modelName: string,
  category: string,
  since: Date,
): IncidentRow | undefined {
  const row = db
    .select({ incident: incidents })
    .from(alerts)
    .innerJoin(incidents, eq(alerts.incidentId, incidents.id))
    .where(
      and(
        eq(incidents.modelName, modelName),
        eq(incidents.category, category),
        ne(incidents.status, 'resolved'),
        gte(alerts.lastReceivedAt, since),
      ),
    )
    .orderBy(desc(incidents.id))
    .get();
  return row?.incident;
}

export function findAlert(db: Executor, incidentId: number, dedupKey: string): AlertRow | undefined {
  return db
    .select()
    .from(alerts)
    .where(and(eq(alerts.incidentId, incidentId), eq(alerts.dedupKey, dedupKey)))
    .get();
}

export function alertsOf(db: Executor, incidentId: number): AlertRow[] {
  return db.select().from(alerts).where(eq(alerts.incidentId, incidentId)).orderBy(alerts.id).all();
}

export function listOpenIncidents(db: Executor): IncidentRow[] {
  return db.select().from(incidents).where(ne(incidents.status, 'resolved')).orderBy(incidents.id).all();
}
