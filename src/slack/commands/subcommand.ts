import type { KnownBlock } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { IncidentRow } from '../../db/schema/index.js';
import type { UseCaseContext } from '../../incidents/context.js';
import type { Logger } from '../../shared/logger.js';

export interface CommandRequest {
  userId: string;
  channelId: string;
  /** Everything after the subcommand's name. */
  args: string;
  triggerId: string;
  /** The incident whose channel this is, when it is one. */
  incident?: IncidentRow;
}

export interface CommandDeps {
  ctx: UseCaseContext;
  client: WebClient;
  logger: Logger;
}

/** What the person who typed the command sees (ephemeral); the channel hears changes via the outbox. */
export interface CommandReply {
  text: string;
  blocks?: KnownBlock[];
}

export interface Subcommand {
  name: string;
  /** e.g. `/incident severity SEV1..SEV4 [reason]` */
  usage: string;
  example: string;
  description: string;
  /** Only meaningful inside an incident channel. */
  needsIncident: boolean;
  run(request: CommandRequest, deps: CommandDeps): Promise<CommandReply | void> | CommandReply | void;
}
