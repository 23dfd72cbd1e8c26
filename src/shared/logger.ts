import { createRequire } from 'node:module';
import { Writable } from 'node:stream';
import { pino, type DestinationStream } from 'pino';
import type prettyFactory from 'pino-pretty';
import { currentRequest } from './requestContext.js';

// pino-pretty (and its colour and date packages) is loaded only for a pretty logger, emulator
// mode's: a deployment writes JSON and need not load it at start.
const require = createRequire(import.meta.url);
const pretty = (options: prettyFactory.PrettyOptions): DestinationStream => (require('pino-pretty') as typeof prettyFactory)(options);

/**
 * Logs through pino: JSON lines in production, readable lines in the terminal in emulator mode.
 * Every line written while serving a request carries its `requestId` (see requestContext.ts),
 * from the webhook or Slack request through the use case to the group commit that stored it.
 * Secrets are never passed in; `redact` masks tokens that slip into messages or fields anyway.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

const TOKEN_PATTERN = /xox[abpre]-[A-Za-z0-9-]+|Bearer\s+\S+/g;
export const redact = (text: string): string => text.replace(TOKEN_PATTERN, '[redacted]');

/** Every string in `value`, however deep, with tokens masked. pino's own redaction works on known paths only. */
function redactDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redact(value);
  if (value === null || typeof value !== 'object' || depth > 8) return value;
  if (value instanceof Error) return { message: redact(value.message), stack: value.stack ? redact(value.stack) : undefined };
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v, depth + 1)]));
}

export interface LoggerOptions {
  /** Readable lines for a person at a terminal (emulator mode) instead of JSON. */
  pretty?: boolean;
  /** Where lines go; standard error by default. Tests pass a function. */
  write?: (line: string) => void;
}

function destination(options: LoggerOptions): DestinationStream {
  const write = options.write;
  if (options.pretty) {
    const sink = write
      ? new Writable({
          write: (chunk: Buffer, _encoding, done) => {
            write(chunk.toString());
            done();
          },
        })
      : 2;
    return pretty({ colorize: !write && process.stderr.isTTY, sync: true, destination: sink, ignore: 'pid,hostname' });
  }
  return write ? { write: (line: string) => write(line.replace(/\n$/, '')) } : pino.destination({ fd: 2, sync: true });
}

export function createLogger(level: LogLevel, options: LoggerOptions = {}): Logger {
  const base = pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => {
        const request = currentRequest();
        return request ? { requestId: request.requestId } : {};
      },
    },
    destination(options),
  );
  const log = (at: LogLevel) => (message: string, fields?: Record<string, unknown>) => {
    if (!base.isLevelEnabled(at)) return;
    base[at]((fields ? redactDeep(fields) : {}) as object, redact(message));
  };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
