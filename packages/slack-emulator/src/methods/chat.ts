/** chat.* — posting, updating, deleting messages; ephemerals; permalinks. */
import { nonEmpty, str } from '../args.js';
import { MAX_MESSAGE_BLOCKS_TEXT, MAX_MESSAGE_TEXT, MESSAGE_LIMITS, blocksTextLength, validateBlocks, validateMetadata } from '../blockKit.js';
import { clip, renderBody } from '../printer.js';
import type { EmuChannel, EmuMessage } from '../types.js';
import type { Handler, MethodContext, MethodResult } from './context.js';
import { blocksArg, channelArg, fail, isFailure, messageJson, ok } from './context.js';

interface Content {
  text: string | undefined;
  blocks: unknown[] | undefined;
  attachments: unknown[] | undefined;
}

/** Text, blocks and attachments of a call, or the failure Slack would answer. */
function content(ctx: MethodContext): Content | MethodResult {
  const blocks = blocksArg(ctx.args);
  if (blocks === 'bad') return fail('invalid_blocks_format');
  if (blocks) {
    const problems = validateBlocks(blocks, MESSAGE_LIMITS);
    if (problems.length > 0) return fail('invalid_blocks', problems);
    if (blocksTextLength(blocks) > MAX_MESSAGE_BLOCKS_TEXT) return fail('msg_blocks_too_long');
  }
  const attachments = blocksArg(ctx.args, 'attachments');
  if (attachments === 'bad') return fail('invalid_attachments');
  if (attachments && attachments.length > 100) return fail('too_many_attachments');
  const text = str(ctx.args, 'text');
  if (text !== undefined && text.length > MAX_MESSAGE_TEXT) return fail('msg_too_long');
  return { text, blocks, attachments };
}

function isContentFailure(c: Content | MethodResult): c is MethodResult {
  return 'ok' in c;
}

function hasAnything(c: Content): boolean {
  return Boolean(c.text) || (c.blocks?.length ?? 0) > 0 || (c.attachments?.length ?? 0) > 0;
}

/** A channel the bot may post in: public ones without joining (chat:write.public), private only as a member. */
function postableChannel(ctx: MethodContext): EmuChannel | MethodResult {
  const ch = channelArg(ctx);
  if (isFailure(ch)) return ch;
  if (ch.archived) return fail('is_archived');
  if (ch.isPrivate && !ch.isIm && !ctx.ws.isBotMember(ch)) return fail('not_in_channel');
  return ch;
}

function metadataArg(ctx: MethodContext): EmuMessage['metadata'] | MethodResult | undefined {
  const raw = ctx.args['metadata'];
  if (raw === undefined || raw === null) return undefined;
  const problems = validateMetadata(raw);
  if (problems.length > 0) return fail('invalid_metadata_format', problems);
  return raw as EmuMessage['metadata']; // checked by validateMetadata just above
}

function bodyLines(text: string | undefined, blocks: unknown[] | undefined, metadata: EmuMessage['metadata']): string[] {
  const lines = renderBody(text, blocks);
  if (metadata) lines.push(`    ⟨metadata ${metadata.event_type}: ${clip(JSON.stringify(metadata.event_payload), 120)}⟩`);
  return lines;
}

const postMessage: Handler = (ctx) => {
  const ch = postableChannel(ctx);
  if (isFailure(ch)) return ch;
  const c = content(ctx);
  if (isContentFailure(c)) return c;
  if (!hasAnything(c)) return fail('no_text');
  const metadata = metadataArg(ctx);
  if (metadata && 'ok' in metadata) return metadata;
  const { ws } = ctx;
  let threadTs = nonEmpty(ctx.args, 'thread_ts');
  if (threadTs !== undefined) {
    const parent = ws.findMessage(ch.id, threadTs);
    if (!parent) return fail('thread_not_found');
    threadTs = parent.threadTs ?? parent.ts;
  }
  const message: EmuMessage = {
    ts: ws.clock.next(),
    channel: ch.id,
    user: ws.me.botUserId,
    text: c.text ?? '',
    blocks: c.blocks,
    attachments: c.attachments,
    metadata,
    threadTs,
    history: [],
    reactions: [],
  };
  ws.messagesIn(ch.id).push(message);
  const where = threadTs ? `reply in thread ${threadTs}: ${message.ts}` : `message ${message.ts}`;
  ctx.say(`${ws.channelLabel(ch)} <- ${where}`, bodyLines(c.text, c.blocks, metadata));
  return ok({ channel: ch.id, ts: message.ts, message: messageJson(ws, message, { withMetadata: true }) });
};

/** The bot's own, not deleted, message named by channel + ts. */
function ownMessage(ctx: MethodContext, tsKey: string, notMine: string): { ch: EmuChannel; m: EmuMessage } | MethodResult {
  const ch = channelArg(ctx);
  if (isFailure(ch)) return ch;
  const m = ctx.ws.findMessage(ch.id, str(ctx.args, tsKey) ?? '');
  if (!m) return fail('message_not_found');
  if (m.user !== ctx.ws.me.botUserId) return fail(notMine);
  return { ch, m };
}

const update: Handler = (ctx) => {
  const found = ownMessage(ctx, 'ts', 'cant_update_message');
  if ('ok' in found) return found;
  const { ch, m } = found;
  const c = content(ctx);
  if (isContentFailure(c)) return c;
  const metadata = metadataArg(ctx);
  if (metadata && 'ok' in metadata) return metadata;
  // Slack: without `blocks`, old blocks survive only if `text` is not given either.
  const blocks = c.blocks ?? (c.text !== undefined ? undefined : m.blocks);
  const text = c.text ?? m.text;
  const attachments = c.attachments ?? m.attachments;
  if (!text && !(blocks?.length) && !(attachments?.length)) return fail('no_text');
  m.history.push({ text: m.text, blocks: m.blocks, at: new Date() });
  m.text = text;
  m.blocks = blocks;
  m.attachments = attachments;
  if (metadata) m.metadata = metadata;
  m.edited = { user: ctx.ws.me.botUserId, ts: ctx.ws.clock.next() };
  ctx.say(`${ctx.ws.channelLabel(ch)}  ~ updated ${m.ts}`, bodyLines(text, blocks, metadata));
  return ok({ channel: ch.id, ts: m.ts, text, message: messageJson(ctx.ws, m, { withMetadata: true }) });
};

const postEphemeral: Handler = (ctx) => {
  const ch = postableChannel(ctx);
  if (isFailure(ch)) return ch;
  const { ws } = ctx;
  const user = str(ctx.args, 'user') ?? '';
  if (!ws.user(user)) return fail('user_not_found');
  if (ws.me.strictUsers && !ch.members.includes(user)) return fail('user_not_in_channel');
  const c = content(ctx);
  if (isContentFailure(c)) return c;
  if (!hasAnything(c)) return fail('no_text');
  const messageTs = ws.clock.next();
  const threadTs = nonEmpty(ctx.args, 'thread_ts');
  ws.ephemerals.push({ channel: ch.id, user, text: c.text ?? '', blocks: c.blocks, messageTs, ...(threadTs ? { threadTs } : {}) });
  ctx.say(`${ws.channelLabel(ch)} <- ephemeral, only ${ws.userLabel(user)} sees it`, renderBody(c.text, c.blocks));
  return ok({ message_ts: messageTs });
};

const deleteMessage: Handler = (ctx) => {
  const found = ownMessage(ctx, 'ts', 'cant_delete_message');
  if ('ok' in found) return found;
  found.m.deleted = true;
  found.ch.pins = found.ch.pins.filter((ts) => ts !== found.m.ts);
  ctx.say(`${ctx.ws.channelLabel(found.ch)}  deleted ${found.m.ts}`);
  return ok({ channel: found.ch.id, ts: found.m.ts });
};

const getPermalink: Handler = (ctx) => {
  const ch = channelArg(ctx);
  if (isFailure(ch)) return ch;
  const ts = str(ctx.args, 'message_ts') ?? '';
  if (!ctx.ws.findMessage(ch.id, ts)) return fail('message_not_found');
  return ok({ channel: ch.id, permalink: `${ctx.baseUrl}/archives/${ch.id}/p${ts.replace('.', '')}` });
};

export const chatMethods: Record<string, Handler> = {
  'chat.postMessage': postMessage,
  'chat.update': update,
  'chat.postEphemeral': postEphemeral,
  'chat.delete': deleteMessage,
  'chat.getPermalink': getPermalink,
};
