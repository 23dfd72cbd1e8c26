import { oncallOverrides } from '../db/schema/index.js';
import { VigilError } from '../shared/errors.js';
import { formatDuration } from '../domain/duration.js';
import type { UseCaseContext } from './context.js';

const MAX_OVERRIDE_MS = 31 * 24 * 3600_000;

/** Put someone on call as primary for a rotation from now for a while (a swap, a sick day). */
export function createOverride(ctx: UseCaseContext, input: { rotation: string; userId: string; durationMs: number; createdBy: string }): { endsAt: Date } {
  if (!ctx.policy.rotations[input.rotation]) {
    throw new VigilError('not_found', `There is no rotation "${input.rotation}". Rotations: ${Object.keys(ctx.policy.rotations).join(', ')}.`);
  }
  if (input.durationMs <= 0 || input.durationMs > MAX_OVERRIDE_MS) {
    throw new VigilError('invalid_input', `An override lasts between 1 minute and ${formatDuration(MAX_OVERRIDE_MS)}.`);
  }
  const startsAt = ctx.clock.now();
  const endsAt = new Date(startsAt.getTime() + input.durationMs);
  ctx.db.insert(oncallOverrides).values({ rotation: input.rotation, userId: input.userId, startsAt, endsAt, createdBy: input.createdBy }).run();
  ctx.logger.info('on-call override created', { rotation: input.rotation, userId: input.userId, by: input.createdBy, endsAt: endsAt.toISOString() });
  return { endsAt };
}
