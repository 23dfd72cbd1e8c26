import { eq, ne, sql } from 'drizzle-orm';
import { preparedOnce } from '../db/prepared.js';
import type { Executor } from '../db/executor.js';
import { alerts, incidents, type AlertRow, type IncidentRow } from '../db/schema/index.js';
import { VigilError } from '../shared/errors.js';

// The look-ups every use case, command and delivery makes, prepared once (src/db/prepared.ts).

export function getIncident(db: Executor, incidentId: number): IncidentRow {
  const row = preparedOnce(db, 'incidents.byId', (handle) => handle.select().from(incidents).where(eq(incidents.id, sql.placeholder('id'))).prepare()).get({
    id: incidentId,
  });
  if (!row) throw new VigilError('not_found', `There is no incident ${incidentId}.`);
  return row;
}

export function findIncidentByChannel(db: Executor, channelId: string): IncidentRow | undefined {
  return preparedOnce(db, 'incidents.byChannel', (handle) =>
    handle.select().from(incidents).where(eq(incidents.channelId, sql.placeholder('channelId'))).prepare(),
  ).get({ channelId });
}

export function alertsOf(db: Executor, incidentId: number): AlertRow[] {
  return preparedOnce(db, 'alerts.ofIncident', (handle) =>
    handle.select().from(alerts).where(eq(alerts.incidentId, sql.placeholder('incidentId'))).orderBy(alerts.id).prepare(),
  ).all({ incidentId });
}

export function listOpenIncidents(db: Executor): IncidentRow[] {
  return db.select().from(incidents).where(ne(incidents.status, 'resolved')).orderBy(incidents.id).all();
}
