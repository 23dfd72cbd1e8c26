/** conversations.* — channels, membership, topics, history. */
import { bool, list, nonEmpty, num, str } from '../args.js';
import type { EmuChannel, EmuMessage } from '../types.js';
import type { Handler, MethodContext, MethodResult } from './context.js';
import { channelArg, channelJson, fail, isFailure, messageJson, ok } from './context.js';

/** Slack's channel name rules; undefined when the name is fine. */
export function channelNameError(name: string | undefined): string | undefined {
  if (name === undefined || name === '') return 'invalid_name_required';
  if (name.length > 80) return 'invalid_name_maxlength';
  if (!/^[a-z0-9_-]+$/.test(name)) return 'invalid_name_specials';
  if (/^[-_]+$/.test(name)) return 'invalid_name_punctuation';
  return undefined;
}

function nameTaken(ctx: MethodContext, name: string, except?: string): boolean {
  for (const ch of ctx.ws.channels.values()) if (!ch.isIm && ch.name === name && ch.id !== except) return true;
  return false;
}

/** A channel the bot must be in to change (topic, purpose, invite, archive...). */
function memberChannel(ctx: MethodContext): EmuChannel | MethodResult {
  const ch = channelArg(ctx);
  if (isFailure(ch)) return ch;
  if (!ctx.ws.isBotMember(ch)) return fail('not_in_channel');
  if (ch.archived) return fail('is_archived');
  return ch;
}

const create: Handler = (ctx) => {
  const name = str(ctx.args, 'name');
  const bad = channelNameError(name);
  if (bad || name === undefined) return fail(bad ?? 'invalid_name_required');
  if (nameTaken(ctx, name)) return fail('name_taken');
  const { ws } = ctx;
  const isPrivate = bool(ctx.args, 'is_private');
  const ch = ws.addChannel({
    id: ws.ids.next('C'),
    name,
    isPrivate,
    isIm: false,
    topic: '',
    purpose: '',
    members: [ws.me.botUserId],
    creator: ws.me.botUserId,
    created: ws.nowSeconds(),
    pins: [],
    bookmarks: [],
    archived: false,
  });
  ctx.say(`#${name}  created (private: ${isPrivate ? 'yes' : 'no'})  ${ch.id}`);
  return ok({ channel: channelJson(ws, ch) });
};

function setText(field: 'topic' | 'purpose'): Handler {
  return (ctx) => {
    const ch = memberChannel(ctx);
    if (isFailure(ch)) return ch;
    const value = str(ctx.args, field) ?? '';
    if (value.length > 250) return fail('too_long');
    ch[field] = value;
    ctx.say(`${ctx.ws.channelLabel(ch)}  ${field}: ${value}`);
    return ok({ channel: channelJson(ctx.ws, ch), [field]: value });
  };
}

const invite: Handler = (ctx) => {
  const ch = memberChannel(ctx);
  if (isFailure(ch)) return ch;
  if (ch.isIm) return fail('method_not_supported_for_channel_type');
  const users = list(ctx.args, 'users');
  if (users.length === 0) return fail('no_user');
  if (users.includes(ctx.ws.me.botUserId)) return fail('cant_invite_self');
  for (const u of users) if (!ctx.ws.user(u)) return fail('user_not_found');
  const fresh = [...new Set(users)].filter((u) => !ch.members.includes(u));
  if (fresh.length === 0) return fail('already_in_channel');
  ch.members.push(...fresh);
  ctx.say(`${ctx.ws.channelLabel(ch)}  invited ${fresh.map((u) => ctx.ws.userLabel(u)).join(', ')}`);
  return ok({ channel: channelJson(ctx.ws, ch) });
};

const kick: Handler = (ctx) => {
  const ch = memberChannel(ctx);
  if (isFailure(ch)) return ch;
  const user = str(ctx.args, 'user') ?? '';
  if (user === ctx.ws.me.botUserId) return fail('cant_kick_self');
  if (!ch.members.includes(user)) return fail('not_in_channel');
  ch.members = ch.members.filter((m) => m !== user);
  ctx.say(`${ctx.ws.channelLabel(ch)}  removed ${ctx.ws.userLabel(user)}`);
  return ok();
};

const join: Handler = (ctx) => {
  const ch = channelArg(ctx);
  if (isFailure(ch)) return ch;
  if (ch.isPrivate || ch.isIm) return fail('method_not_supported_for_channel_type');
  if (ch.archived) return fail('is_archived');
  if (ctx.ws.isBotMember(ch)) {
    return ok({ channel: channelJson(ctx.ws, ch), warning: 'already_in_channel', response_metadata: { warnings: ['already_in_channel'] } });
  }
  ch.members.push(ctx.ws.me.botUserId);
  ctx.say(`${ctx.ws.channelLabel(ch)}  bot joined`);
  return ok({ channel: channelJson(ctx.ws, ch) });
};

const archive: Handler = (ctx) => {
  const ch = channelArg(ctx);
  if (isFailure(ch)) return ch;
  if (ch.isIm) return fail('method_not_supported_for_channel_type');
  if (ch.archived) return fail('already_archived');
  if (!ctx.ws.isBotMember(ch)) return fail('not_in_channel');
  ch.archived = true;
  ctx.say(`${ctx.ws.channelLabel(ch)}  archived`);
  return ok();
};

const unarchive: Handler = (ctx) => {
  const ch = channelArg(ctx);
  if (isFailure(ch)) return ch;
  if (!ch.archived) return fail('not_archived');
  ch.archived = false;
  ctx.say(`${ctx.ws.channelLabel(ch)}  unarchived`);
  return ok();
};

const rename: Handler = (ctx) => {
  const ch = memberChannel(ctx);
  if (isFailure(ch)) return ch;
  const name = str(ctx.args, 'name');
  const bad = channelNameError(name);
  if (bad || name === undefined) return fail(bad ?? 'invalid_name_required');
  if (nameTaken(ctx, name, ch.id)) return fail('name_taken');
  const before = ch.name;
  ch.name = name;
  ctx.say(`#${before}  renamed to #${name}`);
  return ok({ channel: channelJson(ctx.ws, ch) });
};

const info: Handler = (ctx) => {
  const ch = channelArg(ctx);
  if (isFailure(ch)) return ch;
  // Slack hides private channels from non-members.
  if (ch.isPrivate && !ch.isIm && !ctx.ws.isBotMember(ch)) return fail('channel_not_found');
  return ok({ channel: channelJson(ctx.ws, ch) });
};

const listChannels: Handler = (ctx) => {
  const types = list(ctx.args, 'types');
  const wanted = new Set(types.length > 0 ? types : ['public_channel']);
  const excludeArchived = bool(ctx.args, 'exclude_archived');
  const channels = [...ctx.ws.channels.values()].filter((ch) => {
    if (excludeArchived && ch.archived) return false;
    if (ch.isIm) return wanted.has('im');
    if (ch.isPrivate) return wanted.has('private_channel') && ctx.ws.isBotMember(ch);
    return wanted.has('public_channel');
  });
  const window = pageWindow(ctx, channels.length, { defaultLimit: 100, maxLimit: 1000 });
  if ('ok' in window) return window;
  return ok({
    channels: channels.slice(window.start, window.end).map((ch) => channelJson(ctx.ws, ch)),
    response_metadata: { next_cursor: window.nextCursor },
  });
};

const members: Handler = (ctx) => {
  const ch = channelArg(ctx);
  if (isFailure(ch)) return ch;
  return ok({ members: [...ch.members], response_metadata: { next_cursor: '' } });
};

const open: Handler = (ctx) => {
  const existingChannel = nonEmpty(ctx.args, 'channel');
  if (existingChannel) {
    const ch = channelArg(ctx);
    if (isFailure(ch)) return ch;
    return ok({ no_op: true, already_open: true, channel: { id: ch.id } });
  }
  const users = list(ctx.args, 'users');
  if (users.length === 0) return fail('users_list_not_supplied');
  if (users.length > 1) return fail('emulator_does_not_support_mpim');
  const userId = users[0] ?? '';
  if (!ctx.ws.user(userId)) return fail('user_not_found');
  if (userId === ctx.ws.me.botUserId) return fail('cannot_dm_bot');
  const already = ctx.ws.ims.has(userId);
  const im = ctx.ws.openIm(userId);
  const channel = bool(ctx.args, 'return_im') ? channelJson(ctx.ws, im) : { id: im.id };
  return ok({ no_op: already, already_open: already, channel });
};

/**
 * Slack's cursor paging: at most `limit` items (clamped to the method's maximum), and a
 * `next_cursor` that is empty on the last page. The cursor is opaque base64, as Slack's is; one
 * that was never handed out is `invalid_cursor`.
 */
function pageWindow(
  ctx: MethodContext,
  total: number,
  bounds: { defaultLimit: number; maxLimit: number },
): { start: number; end: number; nextCursor: string } | MethodResult {
  const asked = num(ctx.args, 'limit');
  const limit = Math.min(asked !== undefined && asked > 0 ? asked : bounds.defaultLimit, bounds.maxLimit);
  const cursor = nonEmpty(ctx.args, 'cursor');
  let start = 0;
  if (cursor !== undefined) {
    const match = /^offset:(\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
    if (!match) return fail('invalid_cursor');
    start = Number(match[1]);
  }
  const end = Math.min(start + limit, total);
  return { start, end, nextCursor: end < total ? Buffer.from(`offset:${end}`).toString('base64') : '' };
}

/** One page of messages, with `has_more` as history and replies answer it. */
function page(ctx: MethodContext, items: EmuMessage[], withMetadata: boolean, bounds: { defaultLimit: number; maxLimit: number }): MethodResult {
  const window = pageWindow(ctx, items.length, bounds);
  if ('ok' in window) return window;
  return ok({
    messages: items.slice(window.start, window.end).map((m) => messageJson(ctx.ws, m, { withMetadata })),
    has_more: window.nextCursor !== '',
    response_metadata: { next_cursor: window.nextCursor },
  });
}

function inWindow(ctx: MethodContext, ts: string): boolean {
  const oldest = nonEmpty(ctx.args, 'oldest');
  const latest = nonEmpty(ctx.args, 'latest');
  const inclusive = bool(ctx.args, 'inclusive');
  const t = Number(ts);
  if (oldest !== undefined && (inclusive ? t < Number(oldest) : t <= Number(oldest))) return false;
  if (latest !== undefined && (inclusive ? t > Number(latest) : t >= Number(latest))) return false;
  return true;
}

const history: Handler = (ctx) => {
  const ch = channelArg(ctx);
  if (isFailure(ch)) return ch;
  if (!ch.isIm && !ctx.ws.isBotMember(ch)) return fail('not_in_channel');
  const top = ctx.ws
    .messagesIn(ch.id)
    .filter((m) => !m.deleted && (!m.threadTs || m.threadTs === m.ts) && inWindow(ctx, m.ts))
    .reverse();
  const result = page(ctx, top, bool(ctx.args, 'include_all_metadata'), { defaultLimit: 100, maxLimit: 999 });
  if (!result.ok) return result;
  const pinCount = ch.pins.length;
  return { ...result, pin_count: pinCount };
};

const replies: Handler = (ctx) => {
  const ch = channelArg(ctx);
  if (isFailure(ch)) return ch;
  const ts = str(ctx.args, 'ts') ?? '';
  const parent = ctx.ws.findMessage(ch.id, ts);
  if (!parent) return fail('thread_not_found');
  const root = parent.threadTs ?? parent.ts;
  const thread = ctx.ws
    .messagesIn(ch.id)
    .filter((m) => !m.deleted && (m.ts === root || m.threadTs === root) && inWindow(ctx, m.ts));
  return page(ctx, thread, bool(ctx.args, 'include_all_metadata'), { defaultLimit: 1000, maxLimit: 1000 });
};

export const conversationMethods: Record<string, Handler> = {
  'conversations.create': create,
  'conversations.setTopic': setText('topic'),
  'conversations.setPurpose': setText('purpose'),
  'conversations.invite': invite,
  'conversations.kick': kick,
  'conversations.join': join,
  'conversations.archive': archive,
  'conversations.unarchive': unarchive,
  'conversations.rename': rename,
  'conversations.info': info,
  'conversations.list': listChannels,
  'conversations.members': members,
  'conversations.open': open,
  'conversations.history': history,
  'conversations.replies': replies,
};
