import type { UseCaseContext } from '../../incidents/context.js';
import type { Logger } from '../../shared/logger.js';

/** What listeners get: the use cases' context and a logger. Slack's client comes with each request. */
export interface ListenerDeps {
  ctx: UseCaseContext;
  logger: Logger;
}
