import { z } from 'zod';

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
