import type { Executor } from '../db/executor.js';
import { statementOnce } from '../db/prepared.js';
import type { IncidentRow } from '../db/schema/index.js';
import type { Signal } from '../domain/types.js';

// What ingest reads and writes for every alert of a storm, as SQL statements prepared once per
// database (src/db/prepared.ts) and run on the connection itself. An alert storm runs each of
// them thousands of times a second, and drizzle's work around a prepared query (filling
// placeholders, encoding each value, mapping each row) cost as much as SQLite's. So the SQL is
// written out here, in drizzle's encoding: times as milliseconds, JSON columns as JSON text. The
// schema is still drizzle's (src/db/schema/alerts.ts, incidents.ts); tests read these rows back
// through drizzle. The look-ups return ids and the few fields ingest reads, not whole rows with
// their JSON columns. None says LIMIT: `get` reads one row anyway, and a bound `LIMIT ?` is
// planned without knowing it is 1 (each look-up ~7 µs instead of ~1).

/** What ingest needs of an incident to attach alerts to it. */
export type IncidentHead = Pick<IncidentRow, 'id' | 'status' | 'severity' | 'lastAlertAt'>;

type HeadRow = Omit<IncidentHead, 'lastAlertAt'> & { lastAlertAt: number | null };

const HEAD = 'i.id as id, i.status as status, i.severity as severity, i.last_alert_at as lastAlertAt';

const asHead = (row: HeadRow | undefined): IncidentHead | undefined =>
  row === undefined ? undefined : { ...row, lastAlertAt: row.lastAlertAt === null ? null : new Date(row.lastAlertAt) };

export function openIncidentByDedupKey(tx: Executor, source: string, dedupKey: string): IncidentHead | undefined {
  const query = statementOnce<HeadRow>(
    tx,
    'ingest.openIncidentByDedupKey',
    `select ${HEAD} from alerts a join incidents i on i.id = a.incident_id
     where a.dedup_key = ? and a.source = ? and i.status <> 'resolved' order by i.id desc`,
  );
  return asHead(query.get(dedupKey, source));
}

export function openIncidentByGroupKey(tx: Executor, groupKey: string): IncidentHead | undefined {
  const query = statementOnce<HeadRow>(tx, 'ingest.openIncidentByGroupKey', `select ${HEAD} from incidents i where i.group_key = ? and i.status <> 'resolved' order by i.id desc`);
  return asHead(query.get(groupKey));
}

/** An open incident for the same model and category that heard from an alert since `since`. */
export function recentOpenIncidentForModel(tx: Executor, modelName: string, category: string, since: Date): IncidentHead | undefined {
  const query = statementOnce<HeadRow>(
    tx,
    'ingest.recentOpenIncidentForModel',
    `select ${HEAD} from incidents i
     where i.model_name = ? and i.category = ? and i.status <> 'resolved' and i.last_alert_at >= ? order by i.id desc`,
  );
  return asHead(query.get(modelName, category, since.getTime()));
}

// Heard-from times are kept to the second: a storm then writes an incident's row about once a
// second, not once per alert, and grouping windows are minutes long.
const HEARD_FROM_RESOLUTION_MS = 1000;

/** An alert of the incident was heard from now: new, repeated or cleared. Updates `incident` too. */
export function noteAlertHeard(tx: Executor, incident: IncidentHead, now: Date): void {
  if (incident.lastAlertAt && now.getTime() - incident.lastAlertAt.getTime() < HEARD_FROM_RESOLUTION_MS) return;
  statementOnce(tx, 'ingest.noteAlertHeard', 'update incidents set last_alert_at = ? where id = ?').run(now.getTime(), incident.id);
  incident.lastAlertAt = now;
}

export function alertOf(tx: Executor, incidentId: number, dedupKey: string): { id: number; status: string } | undefined {
  const query = statementOnce<{ id: number; status: string }>(tx, 'ingest.alertOf', 'select id, status from alerts where dedup_key = ? and incident_id = ?');
  return query.get(dedupKey, incidentId);
}

const ALERT_COLUMNS = [
  'incident_id', 'source', 'source_kind', 'dedup_key', 'group_key', 'status', 'title', 'description', 'signal',
  'model_name', 'model_version', 'metric_name', 'metric_value', 'metric_threshold', 'severity_hint', 'category_hint',
  'labels', 'annotations', 'links', 'raw', 'started_at', 'observed_at', 'ended_at', 'first_received_at', 'last_received_at',
];

/** A new alert of an incident; returns its id. */
export function insertAlert(tx: Executor, signal: Signal, incidentId: number, now: Date): number {
  const query = statementOnce(
    tx,
    'ingest.insertAlert',
    `insert into alerts (${ALERT_COLUMNS.join(', ')}) values (${ALERT_COLUMNS.map(() => '?').join(', ')})`,
  );
  const { lastInsertRowid } = query.run(
    incidentId,
    signal.source,
    signal.sourceKind,
    signal.dedupKey,
    signal.groupKey ?? null,
    signal.status,
    signal.title,
    signal.description ?? null,
    signal.signal,
    signal.model?.name ?? null,
    signal.model?.version ?? null,
    signal.metric?.name ?? null,
    signal.metric?.value ?? null,
    signal.metric?.threshold ?? null,
    signal.severityHint ?? null,
    signal.categoryHint ?? null,
    JSON.stringify(signal.labels),
    JSON.stringify(signal.annotations),
    JSON.stringify(signal.links),
    JSON.stringify(signal.raw ?? {}),
    signal.startedAt?.getTime() ?? null,
    signal.observedAt.getTime(),
    signal.endedAt?.getTime() ?? null,
    now.getTime(),
    now.getTime(),
  );
  return Number(lastInsertRowid);
}

/** An alert the incident already has was delivered again: it is firing, and was heard from now. */
export function markAlertRepeated(tx: Executor, alertId: number, observedAt: Date, now: Date): void {
  statementOnce(
    tx,
    'ingest.markAlertRepeated',
    `update alerts set status = 'firing', last_received_at = ?, observed_at = ?, receive_count = receive_count + 1, ended_at = null where id = ?`,
  ).run(now.getTime(), observedAt.getTime(), alertId);
}
