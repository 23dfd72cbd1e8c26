import { eq, ne } from 'drizzle-orm';
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

export function alertsOf(db: Executor, incidentId: number): AlertRow[] {
  return db.select().from(alerts).where(eq(alerts.incidentId, incidentId)).orderBy(alerts.id).all();
}

export function listOpenIncidents(db: Executor): IncidentRow[] {
  return db.select().from(incidents).where(ne(incidents.status, 'resolved')).orderBy(incidents.id).all();
}
