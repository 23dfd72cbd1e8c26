/** A button clicked in the page: a signed block_actions request for the message it sits in. */
import { z } from 'zod';
import { isRecord } from '../args.js';
import { callApp, personOf, placeOf, refuse, teamOf, type UiAnswer, type UiContext } from './context.js';
import { blockActionsPayload, findButton, type ClickedMessage } from './slackPayloads.js';

export const clickInput = z.object({
  user: z.string().min(1),
  channel: z.string().min(1),
  ts: z.string().min(1),
  actionId: z.string().min(1),
});

const labelOf = (text: unknown): string => (isRecord(text) && typeof text['text'] === 'string' ? text['text'] : '');

/** The message (or an ephemeral only this user sees) with that ts in that channel. */
function clickedMessage(ctx: UiContext, input: z.infer<typeof clickInput>): ClickedMessage | undefined {
  const { ws } = ctx.host;
  const posted = ws.findMessage(input.channel, input.ts);
  if (posted) return { ts: posted.ts, text: posted.text, blocks: posted.blocks ?? [], user: posted.user, ephemeral: false };
  const mine = [
    ...ws.ephemerals.map((e) => ({ channel: e.channel, user: e.user, ts: e.messageTs, text: e.text, blocks: e.blocks ?? [] })),
    ...ctx.replies.all,
  ].find((e) => e.channel === input.channel && e.user === input.user && e.ts === input.ts);
  return mine ? { ts: mine.ts, text: mine.text, blocks: mine.blocks, user: ws.me.botUserId, ephemeral: true } : undefined;
}

export async function runClick(ctx: UiContext, input: z.infer<typeof clickInput>): Promise<UiAnswer> {
  const { ws } = ctx.host;
  if (!ws.users.has(input.user)) return refuse(400, 'user_not_found', `No user ${input.user} in the emulator.`);
  const channel = ws.channels.get(input.channel);
  if (!channel) return refuse(404, 'channel_not_found', `No channel ${input.channel} in the emulator.`);
  const message = clickedMessage(ctx, input);
  if (!message) return refuse(404, 'message_not_found', `No message ${input.ts} in ${ws.channelLabel(channel)}.`);
  const button = findButton(message.blocks, input.actionId);
  if (!button) return refuse(404, 'button_not_found', `No button ${input.actionId} in message ${input.ts}.`);

  const target = { user: input.user, channel: channel.id };
  const payload = blockActionsPayload({
    team: teamOf(ws),
    user: personOf(ws, input.user),
    channel: placeOf(channel),
    message,
    button,
    triggerId: ctx.host.newTriggerId(input.user),
    responseUrl: ctx.host.responseUrl(ctx.replies.responseId(target)),
  });
  ctx.host.say(`▶ ${ws.userLabel(input.user)} clicked [ ${labelOf(button.element['text'])} ] (${input.actionId}) in ${ws.channelLabel(channel)}`);
  return callApp(ctx, { kind: 'form', fields: { payload: JSON.stringify(payload) } });
}
