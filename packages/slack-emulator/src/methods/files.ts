/** files.getUploadURLExternal + files.completeUploadExternal — the two API halves of an upload. */
import { isRecord, jsonValue, nonEmpty, num, str } from '../args.js';
import type { EmuMessage } from '../types.js';
import type { Handler } from './context.js';
import { channelArg, fail, fileJson, isFailure, ok } from './context.js';

const PREVIEW_LINES = 8;

const getUploadUrl: Handler = (ctx) => {
  const filename = nonEmpty(ctx.args, 'filename');
  const length = num(ctx.args, 'length');
  if (!filename || length === undefined) return fail('invalid_arguments', ['[ERROR] filename and length are required']);
  const id = ctx.ws.ids.next('F');
  ctx.ws.files.set(id, { id, filename, title: filename, channel: '', content: '' });
  return ok({ upload_url: `${ctx.baseUrl}/upload/${id}`, file_id: id });
};

const complete: Handler = (ctx) => {
  const files = jsonValue(ctx.args, 'files');
  if (!Array.isArray(files) || files.length === 0) return fail('invalid_arguments', ['[ERROR] files must be a JSON array']);
  const entries: Array<{ id: string; title: string | undefined }> = [];
  for (const f of files) {
    if (!isRecord(f) || typeof f['id'] !== 'string') return fail('invalid_arguments');
    if (!ctx.ws.files.has(f['id'])) return fail('file_not_found');
    entries.push({ id: f['id'], title: typeof f['title'] === 'string' ? f['title'] : undefined });
  }
  const channelRef = nonEmpty(ctx.args, 'channel_id') ?? nonEmpty(ctx.args, 'channels')?.split(',')[0];
  for (const e of entries) {
    const f = ctx.ws.files.get(e.id);
    if (f && e.title) f.title = e.title;
  }
  if (!channelRef) return ok({ files: entries.map((e) => fileJson(ctx.ws, e.id)) });

  const ch = channelArg({ ...ctx, args: { channel: channelRef } });
  if (isFailure(ch)) return ch;
  if (!ch.isIm && ch.isPrivate && !ctx.ws.isBotMember(ch)) return fail('not_in_channel');
  const threadTs = nonEmpty(ctx.args, 'thread_ts');
  const message: EmuMessage = {
    ts: ctx.ws.clock.next(),
    channel: ch.id,
    user: ctx.ws.me.botUserId,
    text: str(ctx.args, 'initial_comment') ?? '',
    blocks: undefined,
    attachments: undefined,
    metadata: undefined,
    threadTs,
    history: [],
    reactions: [],
    files: entries.map((e) => e.id),
  };
  ctx.ws.messagesIn(ch.id).push(message);
  for (const e of entries) {
    const f = ctx.ws.files.get(e.id);
    if (!f) continue;
    f.channel = ch.id;
    f.messageTs = message.ts;
    const lines = f.content.split('\n');
    const body = message.text ? [`    ${message.text}`] : [];
    body.push(...lines.slice(0, PREVIEW_LINES).map((l) => `    │ ${l}`));
    if (lines.length > PREVIEW_LINES) body.push(`    │ … ${lines.length - PREVIEW_LINES} more lines`);
    ctx.say(`${ctx.ws.channelLabel(ch)} <- file “${f.title}” (${f.filename}, ${Buffer.byteLength(f.content)} bytes) ${message.ts}`, body);
  }
  return ok({ files: entries.map((e) => fileJson(ctx.ws, e.id)) });
};

export const fileMethods: Record<string, Handler> = {
  'files.getUploadURLExternal': getUploadUrl,
  'files.completeUploadExternal': complete,
};
