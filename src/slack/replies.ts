import type { WebClient } from '@slack/web-api';
import { VigilError, type VigilErrorDetail } from '../shared/errors.js';
import { userMention } from './format/mrkdwn.js';
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
 * A domain error as Slack words: where the error carries its facts, people become mentions and
 * the `/incident` command that helps is named; otherwise its message, which is plain words.
 */
function vigilErrorText(message: string, detail: VigilErrorDetail | undefined): string {
  if (!detail) return message;
  switch (detail.reason) {
    case 'reopen_first':
      return `Incident ${detail.incidentId} is resolved; \`/incident reopen\` it first.`;
    case 'already_resolved':
      return `Incident ${detail.incidentId} is already resolved${detail.resolvedBy ? ` by ${userMention(detail.resolvedBy)}` : ''}.`;
    case 'role_held':
      return `${userMention(detail.holder)} already holds the ${detail.roleTitle} role. To take over, type \`/incident role ${detail.role} @you\`.`;
    case 'escalation_exhausted':
      return 'Every escalation step has already run. Name someone: `/incident escalate @user` or `/incident escalate <rotation>`.';
    case 'not_permitted':
      return `You may not ${detail.action}: the policy file's \`permissions.${detail.permission}\` does not include you. Ask an incident lead.${detail.advice ? ` ${detail.advice}` : ''}`;
    case 'commander_approves':
      return detail.commander
        ? `Only the incident commander, ${userMention(detail.commander)}, approves this update (or someone in the policy file's \`permissions.approveUpdates\`).`
        : 'Only the incident commander approves this update, and this incident has none yet: `/incident role commander @you` first.';
  }
}

/**
 * The one place errors become words for a person. Domain errors say what they mean; anything
 * else is a bug, logged with detail and answered vaguely.
 */
export function errorReply(error: unknown, logger: Logger): string {
  if (error instanceof UsageError) return `${error.message}\nUsage: \`${error.usage}\`\nExample: \`${error.example}\``;
  // Our own sentences: they name incidents and users, never carry detector text.
  if (error instanceof VigilError) return vigilErrorText(error.message, error.detail);
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
