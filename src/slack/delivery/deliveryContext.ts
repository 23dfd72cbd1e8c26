import type { WebClient } from '@slack/web-api';
import type { Db } from '../../db/executor.js';
import type { EffectRow } from '../../db/schema/index.js';
import type { Clock } from '../../shared/clock.js';
import type { Logger } from '../../shared/logger.js';
import type { Runbook } from '../../domain/runbooks.js';

export interface DeliveryContext {
  db: Db;
  client: WebClient;
  /** The domain clock, for rendering ("unacknowledged for 7m"). */
  clock: Clock;
  botUserId: string;
  logger: Logger;
  /** Runbooks, so the summary can offer the category's one. */
  runbooks: readonly Runbook[];
}

/** One attempt at one effect. `recovering`: an earlier attempt may have reached Slack already. */
export interface Attempt {
  effect: EffectRow;
  recovering: boolean;
}

export type EffectHandler = (attempt: Attempt, ctx: DeliveryContext) => Promise<Record<string, unknown> | void>;
