/**
 * What a person does to a message or in a channel besides slash commands and buttons, each sent
 * to the app the way Slack sends it:
 *   a message typed in the composer  → posted as the person (mentions as Slack writes them);
 *   a reaction (📌 for Vigil)        → `reaction_added` event;
 *   pinning a message                → `pin_added` event;
 *   a message shortcut               → `message_action` interaction (Vigil's "Add to incident timeline");
 *   opening the app's Home tab       → `app_home_opened` event.
 * Slack sends only the events an app subscribes to; Vigil subscribes to these three.
 */
import { z } from 'zod';
import type { Workspace } from '../state.js';
import type { EmuChannel, EmuMessage } from '../types.js';
import { callApp, personOf, refuse, teamOf, type UiAnswer, type UiContext } from './context.js';
import { eventCallback, messageJsonFor, messageShortcutPayload } from './eventPayloads.js';
import { typedForSlack } from './mentions.js';

const person = z.string().min(1);
export const messageInput = z.object({ user: person, channel: z.string().min(1), text: z.string().min(1).max(4000) });
export const reactInput = z.object({ user: person, channel: z.string().min(1), ts: z.string().min(1), name: z.string().regex(/^[a-z0-9_+-]{1,100}$/) });
export const pinInput = z.object({ user: person, channel: z.string().min(1), ts: z.string().min(1) });
export const shortcutInput = z.object({ user: person, channel: z.string().min(1), ts: z.string().min(1), callbackId: z.string().min(1) });
export const homeInput = z.object({ user: person });

type Found = { channel: EmuChannel; message?: EmuMessage } | UiAnswer;

/** The person, the channel they may act in, and the message (when `ts` is given). */
function find(ws: Workspace, input: { user: string; channel: string; ts?: string }): Found {
  if (!ws.users.has(input.user)) return refuse(400, 'user_not_found', `No user ${input.user} in the emulator.`);
  const channel = ws.channels.get(input.channel);
  if (!channel) return refuse(404, 'channel_not_found', `No channel ${input.channel} in the emulator.`);
  if ((channel.isPrivate || channel.isIm) && !channel.members.includes(input.user)) {
    return refuse(403, 'not_in_channel', `${ws.userLabel(input.user)} is not in ${ws.channelLabel(channel)}.`);
  }
  if (input.ts === undefined) return { channel };
  const message = ws.findMessage(channel.id, input.ts);
  if (!message) return refuse(404, 'message_not_found', `No message ${input.ts} in ${ws.channelLabel(channel)}.`);
  return { channel, message };
}

const isAnswer = (found: Found): found is UiAnswer => 'status' in found;

export function runMessage(ctx: UiContext, input: z.infer<typeof messageInput>): UiAnswer {
  const { ws } = ctx.host;
  const found = find(ws, input);
  if (isAnswer(found)) return found;
  // Writing in a public channel joins it, as Slack's client offers.
  if (!found.channel.members.includes(input.user)) found.channel.members.push(input.user);
  const message: EmuMessage = {
    ts: ws.clock.next(),
    channel: found.channel.id,
    user: input.user,
    text: typedForSlack(ws, input.text, 'message'),
    blocks: undefined,
    attachments: undefined,
    metadata: undefined,
    threadTs: undefined,
    history: [],
    reactions: [],
  };
  ws.messagesIn(found.channel.id).push(message);
  ctx.host.say(`${ws.channelLabel(found.channel)} <- message ${message.ts} from ${ws.userLabel(input.user)}`, [`    ${message.text}`]);
  return { status: 200, body: { ok: true, ts: message.ts } };
}

/** Adds the person's reaction, or takes it back when it is there; only an addition is an event. */
export async function runReact(ctx: UiContext, input: z.infer<typeof reactInput>): Promise<UiAnswer> {
  const { ws } = ctx.host;
  const found = find(ws, input);
  if (isAnswer(found) || !found.message) return isAnswer(found) ? found : refuse(404, 'message_not_found', 'No such message.');
  const message = found.message;
  let reaction = message.reactions.find((r) => r.name === input.name);
  if (reaction?.users.includes(input.user)) {
    reaction.users = reaction.users.filter((u) => u !== input.user);
    message.reactions = message.reactions.filter((r) => r.users.length > 0);
    return { status: 200, body: { ok: true, removed: true } };
  }
  if (!reaction) {
    reaction = { name: input.name, users: [] };
    message.reactions.push(reaction);
  }
  reaction.users.push(input.user);
  ctx.host.say(`▶ ${ws.userLabel(input.user)} reacted :${input.name}: to ${message.ts} in ${ws.channelLabel(found.channel)}`);
  const event = { type: 'reaction_added', user: input.user, reaction: input.name, item_user: message.user, item: { type: 'message', channel: found.channel.id, ts: message.ts } };
  return callApp(ctx, { kind: 'event', body: eventCallback(ws, event) });
}

/** Pins the message, or unpins it when it is pinned; only pinning is an event. */
export async function runPin(ctx: UiContext, input: z.infer<typeof pinInput>): Promise<UiAnswer> {
  const { ws } = ctx.host;
  const found = find(ws, input);
  if (isAnswer(found) || !found.message) return isAnswer(found) ? found : refuse(404, 'message_not_found', 'No such message.');
  const { channel, message } = found;
  if (channel.pins.includes(message.ts)) {
    channel.pins = channel.pins.filter((ts) => ts !== message.ts);
    return { status: 200, body: { ok: true, removed: true } };
  }
  channel.pins.push(message.ts);
  ctx.host.say(`▶ ${ws.userLabel(input.user)} pinned ${message.ts} in ${ws.channelLabel(channel)}`);
  const created = Math.floor(Date.now() / 1000);
  const event = {
    type: 'pin_added',
    user: input.user,
    channel_id: channel.id,
    item: { type: 'message', channel: channel.id, created, created_by: input.user, message: messageJsonFor(message) },
    pinned_info: { channel: channel.id, pinned_by: input.user, pinned_ts: created },
  };
  return callApp(ctx, { kind: 'event', body: eventCallback(ws, event) });
}

export async function runShortcut(ctx: UiContext, input: z.infer<typeof shortcutInput>): Promise<UiAnswer> {
  const { ws } = ctx.host;
  const found = find(ws, input);
  if (isAnswer(found) || !found.message) return isAnswer(found) ? found : refuse(404, 'message_not_found', 'No such message.');
  const target = { user: input.user, channel: found.channel.id };
  const payload = messageShortcutPayload({
    team: teamOf(ws),
    user: personOf(ws, input.user),
    channel: found.channel,
    message: found.message,
    callbackId: input.callbackId,
    triggerId: ctx.host.newTriggerId(input.user),
    responseUrl: ctx.host.responseUrl(ctx.replies.responseId(target)),
  });
  ctx.host.say(`▶ ${ws.userLabel(input.user)} ran the shortcut ${input.callbackId} on ${found.message.ts} in ${ws.channelLabel(found.channel)}`);
  return callApp(ctx, { kind: 'form', fields: { payload: JSON.stringify(payload) } });
}

/** The person opened the app's Home tab: Slack says so, with the view published for them if any. */
export async function runHome(ctx: UiContext, input: z.infer<typeof homeInput>): Promise<UiAnswer> {
  const { ws } = ctx.host;
  if (!ws.users.has(input.user)) return refuse(400, 'user_not_found', `No user ${input.user} in the emulator.`);
  const im = ws.openIm(input.user);
  const home = [...ws.currentViews.values()].find((v) => v.type === 'home' && v.userId === input.user);
  const event = { type: 'app_home_opened', user: input.user, channel: im.id, tab: 'home', ...(home ? { view: { id: home.id, ...home.view } } : {}) };
  return callApp(ctx, { kind: 'event', body: eventCallback(ws, event) });
}
