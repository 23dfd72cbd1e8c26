import type { Db } from '../db/executor.js';
import type { Policy } from '../config/policy.js';
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import type { Runbook } from '../domain/runbooks.js';
import type { Templates } from '../comms/loadTemplates.js';

/** What every use case needs; built once by createVigil, never from process.env. */
export interface UseCaseContext {
  db: Db;
  clock: Clock;
  policy: Policy;
  logger: Logger;
  runbooks: Runbook[];
  /** Stakeholder update and report templates, compiled at start (built-in, and the team's overrides). */
  templates: Templates;
  /** Called after a transaction that queued Slack effects commits, so delivery starts at once. */
  effectsQueued: () => void;
}

/** Run `work` in one IMMEDIATE transaction (writers queue up instead of failing mid-way). */
export function inTransaction<T>(ctx: UseCaseContext, work: (tx: Parameters<Parameters<Db['transaction']>[0]>[0]) => T): T {
  const result = ctx.db.transaction(work, { behavior: 'immediate' });
  ctx.effectsQueued();
  return result;
}
