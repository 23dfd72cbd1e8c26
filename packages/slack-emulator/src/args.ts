/** Reading Web API arguments, which arrive as form strings or as JSON values. */

export type Args = Record<string, unknown>;

/** Arguments Slack documents as "JSON-encoded string"; parsed once when the request arrives. */
export const JSON_ARGS = ['blocks', 'view', 'metadata', 'attachments'] as const;

/** Replaces JSON strings by their value; an unparseable string is kept so the handler can refuse it. */
export function parseJsonArgs(args: Args): Args {
  const out: Args = { ...args };
  for (const key of JSON_ARGS) {
    const v = out[key];
    if (typeof v !== 'string') continue;
    if (v === '') {
      delete out[key];
      continue;
    }
    try {
      out[key] = JSON.parse(v) as unknown;
    } catch {
      // left as a string: the handler answers invalid_blocks_format / invalid_arguments
    }
  }
  return out;
}

export function str(args: Args, key: string): string | undefined {
  const v = args[key];
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

/** A non-empty string argument, or undefined. */
export function nonEmpty(args: Args, key: string): string | undefined {
  const v = str(args, key);
  return v === undefined || v === '' ? undefined : v;
}

export function bool(args: Args, key: string): boolean {
  const v = args[key];
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string') return v === 'true' || v === '1';
  return false;
}

export function num(args: Args, key: string): number | undefined {
  const v = args[key];
  const n = typeof v === 'number' ? v : typeof v === 'string' && v !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

/** 'U1,U2' or ['U1','U2'] → ['U1','U2'] (trimmed, empties dropped). */
export function list(args: Args, key: string): string[] {
  const v = args[key];
  const parts = Array.isArray(v) ? v.map((x) => String(x)) : typeof v === 'string' ? v.split(',') : [];
  return parts.map((s) => s.trim()).filter((s) => s !== '');
}

/** A JSON value that may arrive as a string (form) or as a value (JSON body). */
export function jsonValue(args: Args, key: string): unknown {
  const v = args[key];
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v) as unknown;
  } catch {
    return undefined;
  }
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
