import type { IncomingMessage } from 'node:http';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Readable } from 'node:stream';

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

/** The whole body, decoded, refusing more than `limit` bytes (after decoding, so a zip bomb is refused too). */
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
    let failed = false;
    const fail = (error: BodyError) => {
      if (failed) return;
      failed = true;
      // Stop reading: the rest is not wanted. The answer is still sent on the open socket.
      stream.removeAllListeners('data');
      stream.resume();
      reject(error);
    };
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) return fail(new BodyError(413, `body is larger than ${limit} bytes`));
      chunks.push(chunk);
    });
    stream.on('error', (error: Error) => fail(new BodyError(400, `body could not be decoded: ${error.message}`)));
    req.on('aborted', () => fail(new BodyError(400, 'request was aborted')));
    stream.on('end', () => {
      if (!failed) resolve(Buffer.concat(chunks, size));
    });
  });
}
