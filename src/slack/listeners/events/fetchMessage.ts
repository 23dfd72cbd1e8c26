import type { WebClient } from '@slack/web-api';
import { messageForTimeline, type MessageForTimeline } from '../slackMessage.js';

interface HistoryMessage {
  ts?: string;
  text?: string;
  user?: string;
  bot_id?: string;
}

const asFetched = (message: HistoryMessage | undefined, ts: string): MessageForTimeline | undefined =>
  message?.ts === ts ? messageForTimeline({ ...message, ts }) : undefined;

/**
 * One message by channel and ts. A reaction event names the message but does not carry it, so
 * it is read back: from the channel's history, or from a thread when it is a reply.
 */
export async function fetchMessage(client: WebClient, channel: string, ts: string): Promise<MessageForTimeline | undefined> {
  const history = await client.conversations.history({ channel, latest: ts, inclusive: true, limit: 1 });
  const top = asFetched(history.messages?.[0], ts);
  if (top) return top;
  const thread = await client.conversations.replies({ channel, ts, latest: ts, inclusive: true, limit: 1 });
  return asFetched(thread.messages?.find((m) => m.ts === ts), ts);
}
