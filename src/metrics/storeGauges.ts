import { sql } from 'drizzle-orm';
import type { Db } from '../db/executor.js';
import { effectClassOf } from '../effects/effectClasses.js';

// What the store says at scrape time: numbers that must survive a restart (open incidents, the
// outbox backlog) are read from the database, not counted in memory.

export interface OpenIncidents {
  severity: string;
  count: number;
}

export function openIncidentsBySeverity(db: Db): OpenIncidents[] {
  return db.all<OpenIncidents>(sql`select severity, count(*) as count from incidents where status != 'resolved' group by severity`);
}

export interface OutboxState {
  /** Pending or in flight, by class (core, chatter). */
  undelivered: Map<string, number>;
  /** Given up, by kind, while still in the outbox (delivered and dead effects are pruned after a while). */
  dead: Map<string, number>;
  /** When the oldest undelivered effect was queued (domain clock), if any. */
  oldestCreatedAt: number | null;
}

export function outboxState(db: Db): OutboxState {
  const rows = db.all<{ kind: string; status: string; count: number; oldest: number }>(sql`
    select kind, status, count(*) as count, min(created_at) as oldest
    from effects where status in ('pending', 'in_flight', 'dead') group by kind, status`);
  const state: OutboxState = { undelivered: new Map([['core', 0], ['chatter', 0]]), dead: new Map(), oldestCreatedAt: null };
  for (const row of rows) {
    if (row.status === 'dead') {
      state.dead.set(row.kind, (state.dead.get(row.kind) ?? 0) + row.count);
      continue;
    }
    const cls = effectClassOf(row.kind);
    state.undelivered.set(cls, (state.undelivered.get(cls) ?? 0) + row.count);
    state.oldestCreatedAt = state.oldestCreatedAt === null ? row.oldest : Math.min(state.oldestCreatedAt, row.oldest);
  }
  return state;
}

export interface Acknowledgement {
  severity: string;
  seconds: number;
}

/** Every acknowledged incident's time to acknowledge (declared to first acknowledged). */
export function acknowledgements(db: Db): Acknowledgement[] {
  return db.all<Acknowledgement>(sql`
    select severity, (acknowledged_at - declared_at) / 1000.0 as seconds
    from incidents where acknowledged_at is not null and acknowledged_at >= declared_at`);
}
