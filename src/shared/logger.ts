/** Structured one-line logs. Secrets are never passed in; `redact` masks tokens that slip into messages. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

const TOKEN_PATTERN = /xox[abpr]-[A-Za-z0-9-]+|Bearer\s+\S+/g;
export const redact = (text: string): string => text.replace(TOKEN_PATTERN, '[redacted]');

export function createLogger(level: LogLevel, write: (line: string) => void = (line) => process.stderr.write(line + '\n')): Logger {
  const log = (at: LogLevel) => (message: string, fields?: Record<string, unknown>) => {
    if (ORDER[at] < ORDER[level]) return;
    const extra = fields ? ' ' + redact(JSON.stringify(fields)) : '';
    write(`${new Date().toISOString()} ${at.toUpperCase().padEnd(5)} ${redact(message)}${extra}`);
  };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
