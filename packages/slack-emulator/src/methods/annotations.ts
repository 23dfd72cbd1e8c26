/** pins.*, reactions.*, bookmarks.* — things attached to channels and messages. */
import { isRecord, nonEmpty, str } from '../args.js';
import { clip } from '../printer.js';
import type { EmuChannel, EmuMessage } from '../types.js';
import type { Handler, MethodContext, MethodResult } from './context.js';
import { channelArg, fail, isFailure, messageJson, ok } from './context.js';

function targetMessage(ctx: MethodContext, tsKey = 'timestamp'): { ch: EmuChannel; m: EmuMessage } | MethodResult {
  const ch = channelArg(ctx);
  if (isFailure(ch)) return ch;
  if (!ch.isIm && !ctx.ws.isBotMember(ch)) return fail('not_in_channel');
  const m = ctx.ws.findMessage(ch.id, str(ctx.args, tsKey) ?? '');
  return m ? { ch, m } : fail('message_not_found');
}

/** A short label for a message: its text, else the first block text. */
function summary(m: EmuMessage): string {
  if (m.text) return clip(m.text, 60);
  for (const b of m.blocks ?? []) {
    const t = isRecord(b) ? b['text'] : undefined;
    if (isRecord(t) && typeof t['text'] === 'string') return clip(t['text'], 60);
  }
  return '';
}

const pinsAdd: Handler = (ctx) => {
  const t = targetMessage(ctx);
  if ('ok' in t) return t;
  if (t.ch.pins.includes(t.m.ts)) return fail('already_pinned');
  t.ch.pins.push(t.m.ts);
  ctx.say(`${ctx.ws.channelLabel(t.ch)}  pinned ${t.m.ts}  “${summary(t.m)}”`);
  return ok();
};

const pinsRemove: Handler = (ctx) => {
  const t = targetMessage(ctx);
  if ('ok' in t) return t;
  if (!t.ch.pins.includes(t.m.ts)) return fail('no_pin');
  t.ch.pins = t.ch.pins.filter((ts) => ts !== t.m.ts);
  ctx.say(`${ctx.ws.channelLabel(t.ch)}  unpinned ${t.m.ts}`);
  return ok();
};

const pinsList: Handler = (ctx) => {
  const ch = channelArg(ctx);
  if (isFailure(ch)) return ch;
  const items = ch.pins.flatMap((ts) => {
    const m = ctx.ws.findMessage(ch.id, ts);
    return m ? [{ type: 'message', created: Math.floor(Number(ts)), created_by: ctx.ws.me.botUserId, channel: ch.id, message: messageJson(ctx.ws, m) }] : [];
  });
  return ok({ items });
};

const reactionsAdd: Handler = (ctx) => {
  const name = (nonEmpty(ctx.args, 'name') ?? '').replace(/^:|:$/g, '');
  if (name === '') return fail('invalid_name');
  const t = targetMessage(ctx);
  if ('ok' in t) return t;
  const me = ctx.ws.me.botUserId;
  let r = t.m.reactions.find((x) => x.name === name);
  if (r?.users.includes(me)) return fail('already_reacted');
  if (!r) {
    r = { name, users: [] };
    t.m.reactions.push(r);
  }
  r.users.push(me);
  ctx.say(`${ctx.ws.channelLabel(t.ch)}  :${name}: on ${t.m.ts}`);
  return ok();
};

const reactionsRemove: Handler = (ctx) => {
  const name = (nonEmpty(ctx.args, 'name') ?? '').replace(/^:|:$/g, '');
  const t = targetMessage(ctx);
  if ('ok' in t) return t;
  const me = ctx.ws.me.botUserId;
  const r = t.m.reactions.find((x) => x.name === name);
  if (!r?.users.includes(me)) return fail('no_reaction');
  r.users = r.users.filter((u) => u !== me);
  t.m.reactions = t.m.reactions.filter((x) => x.users.length > 0);
  ctx.say(`${ctx.ws.channelLabel(t.ch)}  removed :${name}: from ${t.m.ts}`);
  return ok();
};

function bookmarkJson(ctx: MethodContext, ch: EmuChannel, b: EmuChannel['bookmarks'][number]): Record<string, unknown> {
  return {
    id: b.id,
    channel_id: ch.id,
    title: b.title,
    link: b.link,
    emoji: b.emoji ?? null,
    icon_url: null,
    type: b.type,
    entity_id: null,
    date_created: b.created,
    date_updated: 0,
    rank: String(ch.bookmarks.indexOf(b)),
    last_updated_by_user_id: ctx.ws.me.botUserId,
    last_updated_by_team_id: ctx.ws.me.teamId,
    shortcut_id: null,
    app_id: null,
  };
}

const bookmarksAdd: Handler = (ctx) => {
  const ch = channelArg(ctx, 'channel_id');
  if (isFailure(ch)) return ch;
  if (!ch.isIm && !ctx.ws.isBotMember(ch)) return fail('not_in_channel');
  const title = nonEmpty(ctx.args, 'title');
  const type = nonEmpty(ctx.args, 'type');
  const link = nonEmpty(ctx.args, 'link');
  if (!title || !type) return fail('invalid_arguments');
  if (type !== 'link') return fail('invalid_bookmark_type');
  if (!link || !/^https?:\/\//.test(link)) return fail('invalid_link');
  const emoji = nonEmpty(ctx.args, 'emoji');
  const b = { id: ctx.ws.ids.next('Bk'), title, type, link, created: ctx.ws.nowSeconds(), ...(emoji ? { emoji } : {}) };
  ch.bookmarks.push(b);
  ctx.say(`${ctx.ws.channelLabel(ch)}  bookmark “${title}” → ${link}`);
  return ok({ bookmark: bookmarkJson(ctx, ch, b) });
};

const bookmarksList: Handler = (ctx) => {
  const ch = channelArg(ctx, 'channel_id');
  if (isFailure(ch)) return ch;
  return ok({ bookmarks: ch.bookmarks.map((b) => bookmarkJson(ctx, ch, b)) });
};

const bookmarksRemove: Handler = (ctx) => {
  const ch = channelArg(ctx, 'channel_id');
  if (isFailure(ch)) return ch;
  const id = str(ctx.args, 'bookmark_id');
  const b = ch.bookmarks.find((x) => x.id === id);
  if (!b) return fail('not_found');
  ch.bookmarks = ch.bookmarks.filter((x) => x !== b);
  ctx.say(`${ctx.ws.channelLabel(ch)}  bookmark “${b.title}” removed`);
  return ok();
};

export const annotationMethods: Record<string, Handler> = {
  'pins.add': pinsAdd,
  'pins.remove': pinsRemove,
  'pins.list': pinsList,
  'reactions.add': reactionsAdd,
  'reactions.remove': reactionsRemove,
  'bookmarks.add': bookmarksAdd,
  'bookmarks.list': bookmarksList,
  'bookmarks.remove': bookmarksRemove,
};
