import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { Executor } from '../db/executor.js';
import { statementOnce } from '../db/prepared.js';
import { alerts } from '../db/schema/index.js';

/** Alerts of one signal from one model, counted for the digest. */
export interface DigestGroup {
  signal: string;
  modelName: string | null;
  alerts: number;
  firing: number;
}

export interface DigestAlert {
  id: number;
  title: string;
  signal: string;
  modelName: string | null;
  status: string;
}

/** What the alert digest says: counts over the whole incident, and what joined since its last edit. */
export interface AlertDigest {
  total: number;
  firing: number;
  /** Deliveries of alerts the incident already had (Alertmanager's repeat_interval, retries). */
  repeats: number;
  /** Largest groups first. */
  groups: DigestGroup[];
  /** The first few alerts newer than the last digest, oldest first. */
  newAlerts: DigestAlert[];
  newCount: number;
  /** The alert heard from last. */
  latest: DigestAlert | null;
  /** The newest alert counted: the next digest lists what comes after it. */
  lastAlertId: number;
  lastReceivedAt: Date | null;
}

export function alertDigest(db: Executor, incidentId: number, sinceAlertId: number, sample = 10): AlertDigest {
  const groups = db
    .select({
      signal: alerts.signal,
      modelName: alerts.modelName,
      alerts: sql<number>`count(*)`,
      firing: sql<number>`sum(${alerts.status} = 'firing')`,
      repeats: sql<number>`sum(${alerts.receiveCount} - 1)`,
      lastAlertId: sql<number>`max(${alerts.id})`,
      lastReceivedAt: sql<number>`max(${alerts.lastReceivedAt})`,
    })
    .from(alerts)
    .where(eq(alerts.incidentId, incidentId))
    .groupBy(alerts.signal, alerts.modelName)
    .all();
  const newer = and(eq(alerts.incidentId, incidentId), gt(alerts.id, sinceAlertId));
  const newAlerts = db
    .select({ id: alerts.id, title: alerts.title, signal: alerts.signal, modelName: alerts.modelName, status: alerts.status })
    .from(alerts)
    .where(newer)
    .orderBy(asc(alerts.id))
    .limit(sample)
    .all();
  const latest =
    db
      .select({ id: alerts.id, title: alerts.title, signal: alerts.signal, modelName: alerts.modelName, status: alerts.status })
      .from(alerts)
      .where(eq(alerts.incidentId, incidentId))
      .orderBy(sql`${alerts.lastReceivedAt} desc, ${alerts.id} desc`)
      .get() ?? null;
  const newCount = db.select({ n: sql<number>`count(*)` }).from(alerts).where(newer).get()?.n ?? 0;
  const sum = (pick: (g: (typeof groups)[number]) => number) => groups.reduce((n, g) => n + Number(pick(g) ?? 0), 0);
  const lastReceived = Math.max(...groups.map((g) => Number(g.lastReceivedAt ?? 0)));
  return {
    total: sum((g) => g.alerts),
    firing: sum((g) => g.firing),
    repeats: sum((g) => g.repeats),
    groups: groups
      .map(({ signal, modelName, alerts: count, firing }) => ({ signal, modelName, alerts: Number(count), firing: Number(firing) }))
      .sort((a, b) => b.alerts - a.alerts),
    newAlerts,
    newCount,
    latest,
    lastAlertId: Math.max(sinceAlertId, ...groups.map((g) => Number(g.lastAlertId ?? 0))),
    lastReceivedAt: lastReceived > 0 ? new Date(lastReceived) : null,
  };
}

/** Whether the incident already has another alert of this signal from this model. Raw SQL, no LIMIT: see ingestQueries.ts. */
export function incidentHasSignal(db: Executor, incidentId: number, signal: string, modelName: string | null, exceptAlertId: number): boolean {
  // `is` matches a missing model too.
  const query = statementOnce(db, 'alerts.incidentHasSignal', 'select id from alerts where incident_id = ? and signal = ? and model_name is ? and id <> ?');
  return query.get(incidentId, signal, modelName, exceptAlertId) !== undefined;
}

export function firingCount(db: Executor, incidentId: number): number {
  return db.select({ n: sql<number>`count(*)` }).from(alerts).where(and(eq(alerts.incidentId, incidentId), eq(alerts.status, 'firing'))).get()?.n ?? 0;
}
