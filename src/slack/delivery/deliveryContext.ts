import type { WebClient } from '@slack/web-api';
import type { Db, Executor } from '../../db/executor.js';
import type { EffectKind } from '../../effects/effectKinds.js';
import type { Effect } from '../../effects/effectSchemas.js';
import type { Clock } from '../../shared/clock.js';
import type { Logger } from '../../shared/logger.js';
import type { Runbook } from '../../domain/runbooks.js';
import type { Policy } from '../../config/policy.js';

export interface DeliveryContext {
  db: Db;
  /**
   * Write the worker's own bookkeeping (in flight, done, retry) durably. Given the group commit,
   * these writes share their fsync with the webhooks being stored at the same moment instead of
   * each blocking the event loop for one of their own.
   */
  commit?: <T>(work: (db: Executor) => T) => Promise<T>;
  client: WebClient;
  /** The domain clock, for rendering ("unacknowledged for 7m"). */
  clock: Clock;
  botUserId: string;
  logger: Logger;
  /** Runbooks, so the summary can offer the category's one. */
  runbooks: readonly Runbook[];
  /** The operator's rollback and kill-switch hooks (URL, signing secret, timeout); none configured when absent. */
  actionHooks?: Policy['actions'];
  /** The drift monitors, so an accepted rollback can say when the model's next check is. */
  monitors?: Policy['monitors'];
  /** The pagers outside Slack (PagerDuty, the webhook pager) whose effects src/pagers/ delivers; none when absent. */
  pagers?: Policy['pagers'];
}

/** One attempt at one effect. `recovering`: an earlier attempt may have reached Slack already. */
export interface Attempt<K extends EffectKind = EffectKind> {
  effect: Effect<K>;
  recovering: boolean;
}

/** Makes Slack show one kind of effect, reading that kind's payload. */
export type EffectHandler<K extends EffectKind> = (attempt: Attempt<K>, ctx: DeliveryContext) => Promise<Record<string, unknown> | void>;
