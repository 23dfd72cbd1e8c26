import { and, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/executor.js';
import { preparedOnce } from '../../db/prepared.js';
import { stakeholderUpdates, updateCadence, type StakeholderUpdateRow, type UpdateCadenceRow } from '../../db/schema/index.js';
import type { Audience } from '../../domain/stakeholderUpdates.js';
import { VigilError } from '../../shared/errors.js';

export function getUpdate(db: Executor, updateId: number): StakeholderUpdateRow {
  const row = db.select().from(stakeholderUpdates).where(eq(stakeholderUpdates.id, updateId)).get();
  if (!row) throw new VigilError('not_found', `There is no stakeholder update ${updateId}.`);
  return row;
}

export const updateByDraftKey = (db: Executor, draftKey: string): StakeholderUpdateRow | undefined =>
  db.select().from(stakeholderUpdates).where(eq(stakeholderUpdates.draftKey, draftKey)).get();

/** The incident's posted updates, oldest first; of one audience when given. */
export function postedUpdates(db: Executor, incidentId: number, audience?: Audience): StakeholderUpdateRow[] {
  return db
    .select()
    .from(stakeholderUpdates)
    .where(
      and(
        eq(stakeholderUpdates.incidentId, incidentId),
        eq(stakeholderUpdates.status, 'posted'),
        audience ? eq(stakeholderUpdates.audience, audience) : undefined,
      ),
    )
    .orderBy(stakeholderUpdates.postedAt, stakeholderUpdates.id)
    .all();
}

/** The last update drafted or posted for an audience: a new draft starts from its words. */
export const lastUpdateFor = (db: Executor, incidentId: number, audience: Audience): StakeholderUpdateRow | undefined =>
  db
    .select()
    .from(stakeholderUpdates)
    .where(and(eq(stakeholderUpdates.incidentId, incidentId), eq(stakeholderUpdates.audience, audience)))
    .orderBy(desc(stakeholderUpdates.updatedAt), desc(stakeholderUpdates.id))
    .get();

export const cadenceOf = (db: Executor, incidentId: number): UpdateCadenceRow | undefined =>
  preparedOnce(db, 'updateCadence.ofIncident', (handle) =>
    handle.select().from(updateCadence).where(eq(updateCadence.incidentId, sql.placeholder('incidentId'))).prepare(),
  ).get({ incidentId });
