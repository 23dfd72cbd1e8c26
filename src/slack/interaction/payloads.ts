import { z } from 'zod';
import type { Logger } from '../../shared/logger.js';

// What Slack sends us about a click, a form, a shortcut or an event, read with zod, so a body
// without what we need is logged and dropped, never a TypeError.

const interactionSchema = z.looseObject({
  user: z.looseObject({ id: z.string().min(1) }),
  channel: z.looseObject({ id: z.string().min(1) }).nullish(),
  container: z.looseObject({ channel_id: z.string().min(1).optional() }).nullish(),
  trigger_id: z.string().optional(),
});

/** Who clicked or submitted, and where. */
export interface Interaction {
  userId: string;
  /** The channel of the message clicked in, when there is one (not for a modal or Home tab). */
  channelId: string | undefined;
  triggerId: string | undefined;
}

/** Who clicked or submitted, from the body of a button click, a shortcut or a form submission. */
export function readInteraction(body: unknown, logger: Logger): Interaction | undefined {
  const parsed = interactionSchema.safeParse(body);
  if (!parsed.success) {
    logger.warn('slack: interaction without a user; ignored', { issues: parsed.error.issues.slice(0, 3).map((issue) => `${issue.path.join('.')}: ${issue.message}`) });
    return undefined;
  }
  const { user, channel, container, trigger_id: triggerId } = parsed.data;
  return { userId: user.id, channelId: channel?.id ?? container?.channel_id, triggerId };
}

/** A button value naming an incident by its number. */
export const incidentIdValue = z.coerce.number().int().positive();

/** A Slack message as events, shortcuts and history give it: only what the timeline keeps. */
export const slackMessageSchema = z.looseObject({
  ts: z.string(),
  text: z.string().optional(),
  user: z.string().optional(),
  bot_id: z.string().optional(),
});

export interface MessageForTimeline {
  ts: string;
  text: string;
  /** The person, or the bot, who wrote it. */
  author: string;
}

export function messageForTimeline(message: { ts: string; text?: string | undefined; user?: string | undefined; bot_id?: string | undefined }): MessageForTimeline {
  return { ts: message.ts, text: message.text ?? '', author: message.user ?? message.bot_id ?? 'unknown' };
}
