/** What every method handler receives and returns, plus Slack's JSON shapes for shared objects. */
import type { Args } from '../args.js';
import { isRecord } from '../args.js';
import type { Workspace } from '../state.js';
import type { EmuChannel, EmuMessage, EmuUser } from '../types.js';

export interface MethodContext {
  ws: Workspace;
  args: Args;
  baseUrl: string;
  /** Prints `[slack] <head>` then the (already indented) body lines, when printing is on. */
  say(head: string, body?: string[]): void;
}

export type MethodResult = { ok: boolean } & Record<string, unknown>;
export type Handler = (ctx: MethodContext) => MethodResult;

export function ok(fields: Record<string, unknown> = {}): MethodResult {
  return { ok: true, ...fields };
}

export function fail(error: string, messages?: string[]): MethodResult {
  return messages && messages.length > 0
    ? { ok: false, error, response_metadata: { messages } }
    : { ok: false, error };
}

export function isFailure(v: EmuChannel | MethodResult): v is MethodResult {
  return 'ok' in v && v.ok === false;
}

/**
 * The channel named by an argument (id, name, or a user id meaning the DM with them),
 * or the failure Slack would answer. Membership is the caller's business.
 */
export function channelArg(ctx: MethodContext, key = 'channel'): EmuChannel | MethodResult {
  const ref = ctx.args[key];
  if (typeof ref !== 'string' || ref === '') return fail('channel_not_found');
  const ch = ctx.ws.resolveChannel(ref);
  return ch ?? fail('channel_not_found');
}

export function channelJson(ws: Workspace, ch: EmuChannel): Record<string, unknown> {
  if (ch.isIm) {
    return { id: ch.id, created: ch.created, is_im: true, is_org_shared: false, user: ch.user, is_user_deleted: false, priority: 0 };
  }
  const meta = (value: string) => ({ value, creator: value ? ws.me.botUserId : '', last_set: value ? ch.created : 0 });
  return {
    id: ch.id,
    name: ch.name,
    is_channel: true,
    is_group: false,
    is_im: false,
    is_mpim: false,
    is_private: ch.isPrivate,
    created: ch.created,
    is_archived: ch.archived,
    is_general: false,
    unlinked: 0,
    name_normalized: ch.name,
    is_shared: false,
    is_org_shared: false,
    is_member: ws.isBotMember(ch),
    creator: ch.creator,
    topic: meta(ch.topic),
    purpose: meta(ch.purpose),
    num_members: ch.members.length,
  };
}

export function messageJson(
  ws: Workspace,
  m: EmuMessage,
  opts: { withMetadata?: boolean } = {},
): Record<string, unknown> {
  const isBot = m.user === ws.me.botUserId;
  const out: Record<string, unknown> = {
    type: 'message',
    user: m.user,
    text: m.text,
    ts: m.ts,
    team: ws.me.teamId,
  };
  if (isBot) {
    out['bot_id'] = ws.me.botId;
    out['app_id'] = 'A0VIGILAPP';
  }
  if (m.blocks) out['blocks'] = m.blocks;
  if (m.attachments) out['attachments'] = m.attachments;
  if (m.threadTs) out['thread_ts'] = m.threadTs;
  if (m.edited) out['edited'] = m.edited;
  if (m.files) out['files'] = m.files.map((id) => fileJson(ws, id));
  if (m.reactions.length > 0) {
    out['reactions'] = m.reactions.map((r) => ({ name: r.name, users: r.users, count: r.users.length }));
  }
  const ch = ws.channels.get(m.channel);
  if (ch?.pins.includes(m.ts)) out['pinned_to'] = [ch.id];
  if (!m.threadTs || m.threadTs === m.ts) {
    const replies = ws.messagesIn(m.channel).filter((r) => r.threadTs === m.ts && r.ts !== m.ts && !r.deleted);
    if (replies.length > 0) {
      out['thread_ts'] = m.ts;
      out['reply_count'] = replies.length;
      out['reply_users'] = [...new Set(replies.map((r) => r.user))];
      out['latest_reply'] = replies[replies.length - 1]?.ts;
    }
  }
  if (opts.withMetadata && m.metadata) out['metadata'] = m.metadata;
  return out;
}

export function fileJson(ws: Workspace, id: string): Record<string, unknown> {
  const f = ws.files.get(id);
  if (!f) return { id };
  return {
    id: f.id,
    name: f.filename,
    title: f.title,
    mimetype: 'text/plain',
    filetype: 'text',
    size: Buffer.byteLength(f.content),
    user: ws.me.botUserId,
    channels: f.channel ? [f.channel] : [],
  };
}

function tzOffsetSeconds(tz: string): number {
  try {
    const now = new Date();
    now.setMilliseconds(0);
    const local = new Date(now.toLocaleString('en-US', { timeZone: tz }));
    const utc = new Date(now.toLocaleString('en-US', { timeZone: 'UTC' }));
    return Math.round((local.getTime() - utc.getTime()) / 1000);
  } catch {
    return 0;
  }
}

export function userJson(ws: Workspace, u: EmuUser): Record<string, unknown> {
  const tz = u.tz ?? 'UTC';
  const realName = u.realName ?? u.name;
  const profile: Record<string, unknown> = {
    real_name: realName,
    real_name_normalized: realName,
    display_name: u.name,
    display_name_normalized: u.name,
    team: ws.me.teamId,
  };
  if (u.email) profile['email'] = u.email;
  if (u.isBot) profile['bot_id'] = ws.me.botId;
  return {
    id: u.id,
    team_id: ws.me.teamId,
    name: u.name,
    deleted: u.deleted === true,
    real_name: realName,
    tz,
    tz_label: tz,
    tz_offset: tzOffsetSeconds(tz),
    is_admin: false,
    is_owner: false,
    is_bot: u.isBot === true,
    is_app_user: false,
    updated: 0,
    profile,
  };
}

/** The parsed blocks argument: undefined when absent, 'bad' when it was not JSON or not an array. */
export function blocksArg(args: Args, key = 'blocks'): unknown[] | undefined | 'bad' {
  const v = args[key];
  if (v === undefined || v === null) return undefined;
  return Array.isArray(v) ? v : 'bad';
}

export function recordArg(args: Args, key: string): Record<string, unknown> | undefined | 'bad' {
  const v = args[key];
  if (v === undefined || v === null) return undefined;
  return isRecord(v) ? v : 'bad';
}
