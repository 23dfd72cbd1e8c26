/** Reading request bodies the way Slack accepts them: form, JSON, or multipart. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Args } from './args.js';
import { isRecord } from './args.js';

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<unknown>) {
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  }
  return Buffer.concat(chunks);
}

function mediaType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** Multipart bodies are parsed by the platform's own Fetch Request; file parts become text. */
async function parseMultipart(req: IncomingMessage, raw: Buffer): Promise<Args> {
  const form = await new Request('http://emulator.local/', {
    method: 'POST',
    headers: { 'content-type': req.headers['content-type'] ?? '' },
    body: raw,
  }).formData();
  const out: Args = {};
  for (const [key, value] of form.entries()) {
    out[key] = typeof value === 'string' ? value : await value.text();
  }
  return out;
}

/** Parses arguments from the query string and the body. Throws on a malformed JSON body. */
export async function parseArgs(req: IncomingMessage, raw: Buffer): Promise<Args> {
  const url = new URL(req.url ?? '/', 'http://emulator.local');
  const out: Args = Object.fromEntries(url.searchParams.entries());
  const type = mediaType(req);
  if (raw.length === 0) return out;
  if (type === 'application/json') {
    const parsed: unknown = JSON.parse(raw.toString('utf8'));
    if (!isRecord(parsed)) throw new Error('JSON body must be an object');
    return { ...out, ...parsed };
  }
  if (type === 'multipart/form-data') return { ...out, ...(await parseMultipart(req, raw)) };
  return { ...out, ...Object.fromEntries(new URLSearchParams(raw.toString('utf8')).entries()) };
}

/** The raw content of an upload: the first part of a multipart body, else the bytes as sent. */
export async function uploadedText(req: IncomingMessage, raw: Buffer): Promise<string> {
  if (mediaType(req) !== 'multipart/form-data') return raw.toString('utf8');
  const args = await parseMultipart(req, raw);
  const first = Object.values(args)[0];
  return typeof first === 'string' ? first : '';
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export function bearerToken(req: IncomingMessage): string | undefined {
  const auth = req.headers.authorization;
  if (!auth) return undefined;
  const m = /^Bearer\s+(.+)$/i.exec(auth.trim());
  return m?.[1];
}
