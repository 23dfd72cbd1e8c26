import type { WebClient } from '@slack/web-api';
import { VigilError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';

/** A command used wrongly: the reply shows how to use it. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly usage: string,
    readonly example: string,
  ) {
    super(message);
  }
}

/**
 * The one place errors become words for a person. Domain errors say what they mean; anything
 * else is a bug, logged with detail and answered vaguely.
 */
export function errorReply(error: unknown, logger: Logger): string {
  if (error instanceof UsageError) return `${error.message}\nUsage: \`${error.usage}\`\nExample: \`${error.example}\``;
  // Our own sentences: they name incidents and users, never carry detector text.
  if (error instanceof VigilError) return error.message;
  logger.error('slack: unexpected error', { error: (error as Error).stack ?? String(error) });
  return 'Something went wrong on our side; it is logged. Please try again.';
}

/** Tell one person something in a channel, without the channel seeing it. */
export async function tellUser(client: WebClient, channel: string, user: string, text: string, logger: Logger): Promise<void> {
  try {
    await client.chat.postEphemeral({ channel, user, text });
  } catch (error) {
    logger.warn('slack: could not post ephemeral reply', { channel, user, error: (error as Error).message });
  }
}
