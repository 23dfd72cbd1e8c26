import type { IncomingMessage } from 'node:http';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { Transform, type Readable } from 'node:stream';

/** Why a body could not be read, as the status and message the sender gets. */
export class BodyError extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    message: string,
  ) {
    super(message);
  }
}

function decoded(req: IncomingMessage): Readable {
  const encoding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  switch (encoding) {
    case 'identity':
    case '':
      return req;
    case 'gzip':
    case 'x-gzip':
      return req.pipe(createGunzip());
    case 'deflate':
      return req.pipe(createInflate());
    case 'br':
      return req.pipe(createBrotliDecompress());
    default:
      throw new BodyError(415, `content encoding ${encoding} is not supported (use identity, gzip, deflate or br)`);
  }
}

/**
 * The whole body, decoded, refusing more than `limit` bytes both as sent and after decoding (so a
 * zip bomb is refused too). Once refused, the decoder is destroyed at once: inflating the rest of
 * a bomb only to throw it away would keep a core busy and the event loop handling its chunks.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) return reject(new BodyError(413, `body is larger than ${limit} bytes`));
    let stream: Readable;
    try {
      stream = decoded(req);
    } catch (error) {
      return reject(error);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let sent = 0;
    let failed = false;
    const tooLarge = () => new BodyError(413, `body is larger than ${limit} bytes`);
    const fail = (error: BodyError) => {
      if (failed) return;
      failed = true;
      stream.removeAllListeners('data');
      if (stream instanceof Transform) {
        req.unpipe(stream);
        stream.on('error', () => undefined);
        stream.destroy();
      }
      // Discard whatever else the sender writes; the answer is still sent on the open socket.
      req.removeListener('data', countSent);
      req.resume();
      reject(error);
    };
    const countSent = (chunk: Buffer) => {
      sent += chunk.length;
      if (sent > limit) fail(tooLarge());
    };
    if (stream !== req) req.on('data', countSent);
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) return fail(tooLarge());
      chunks.push(chunk);
    });
    stream.on('error', (error: Error) => fail(new BodyError(400, `body could not be decoded as ${req.headers['content-encoding']}: ${error.message}`)));
    req.on('aborted', () => fail(new BodyError(400, 'request was aborted')));
    stream.on('end', () => {
      if (!failed) resolve(Buffer.concat(chunks, size));
    });
  });
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The body as text. JSON is UTF-8 (RFC 8259); bytes that are not would otherwise become U+FFFD
 * silently and be stored as if the sender had meant them. A leading byte-order mark is dropped.
 */
export function bodyText(bytes: Buffer): string {
  try {
    return utf8.decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    throw new BodyError(400, `body is not valid UTF-8 (first bad byte at offset ${at})`);
  }
}

/** Where UTF-8 decoding first fails: the longest prefix that decodes (a character may be cut at its end), found by halving. */
function firstInvalidUtf8(bytes: Buffer): number {
  const decodes = (end: number) => {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, end), { stream: true });
      return true;
    } catch {
      return false;
    }
  };
  let lo = 0;
  let hi = bytes.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (decodes(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
