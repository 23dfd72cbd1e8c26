import { and, eq, gt, lte } from 'drizzle-orm';
import type { Executor } from '../db/executor.js';
import { oncallOverrides } from '../db/schema/index.js';
import type { Policy } from '../config/policy.js';
import { onCallAt, type OnCallNow } from '../domain/oncall.js';

/** Who is on call for a rotation at `at`, counting overrides stored in the database. */
export function whoIsOnCall(db: Executor, policy: Policy, rotationName: string, at: Date): OnCallNow {
  const rotation = policy.rotations[rotationName];
  if (!rotation) return { rotation: rotationName, primary: undefined, secondary: undefined };
  const overrides = db
    .select()
    .from(oncallOverrides)
    .where(and(eq(oncallOverrides.rotation, rotationName), lte(oncallOverrides.startsAt, at), gt(oncallOverrides.endsAt, at)))
    .all()
    .map((row) => ({ rotation: row.rotation, userId: row.userId, startsAt: row.startsAt, endsAt: row.endsAt }));
  return onCallAt(rotation, overrides, at);
}
