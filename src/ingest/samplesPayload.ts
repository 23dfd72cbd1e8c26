import { z } from 'zod';
import type { Executor } from '../db/executor.js';
import type { IngestResult } from '../incidents/ingestSignals.js';
import { insertSampleBatch, type SampleBatch } from '../incidents/monitors/sampleStore.js';
import { isoDateTime } from './isoDateTime.js';
import type { Issue, WebhookAnswers } from './webhookAnswers.js';
import type { WebhookRoute } from './webhookFormats.js';

// POST /webhooks/samples: values a model saw or produced, for the drift monitors (issue 16).
// { "model": { "name", "version" }, "feature", "values": [numbers] | "categories": [labels], "observedAt"? }

export const MAX_SAMPLES_PER_BATCH = 100_000;
/** 100,000 numbers at full precision (-1.2345678901234567e-100,) are about 2.4 MB; room for the rest. */
export const MAX_SAMPLES_BYTES = 4 * 1024 * 1024;
const MAX_LABEL_CHARS = 200;

// What a non-finite number in the body became while parsing (see parseSamplesJson).
const NON_FINITE = { NaN: '\u0000NaN', Infinity: '\u0000Infinity', '-Infinity': '\u0000-Infinity' } as const;
const NON_FINITE_NAMES = new Map<unknown, string>(Object.entries(NON_FINITE).map(([name, marker]) => [marker, name]));

/**
 * JSON.parse, except that the bare tokens NaN, Infinity and -Infinity (which Python's json.dumps
 * writes for such floats) are read as markers, so the answer can name where the first one is
 * instead of "not valid JSON". Strings are left alone; a body without those words costs nothing.
 */
export function parseSamplesJson(text: string): unknown {
  if (!text.includes('NaN') && !text.includes('Infinity')) return JSON.parse(text);
  let out = '';
  let from = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') {
      inString = true;
      continue;
    }
    for (const token of ['-Infinity', 'Infinity', 'NaN'] as const) {
      if (text.startsWith(token, i)) {
        out += text.slice(from, i) + JSON.stringify(NON_FINITE[token]);
        i += token.length - 1;
        from = i + 1;
        break;
      }
    }
  }
  return JSON.parse(out + text.slice(from));
}

function describe(value: unknown): string {
  const marker = NON_FINITE_NAMES.get(value);
  if (marker) return marker;
  if (value === null) return 'null';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return 'a string';
  return Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'an object' : typeof value;
}

/**
 * The list of values itself: 1 to 100,000 finite numbers (or labels), and the path of the FIRST
 * bad one (`values[3]`), checked in one loop rather than an issue per value of a 100,000 list.
 */
export function sampleList(field: 'values' | 'categories') {
  return z.array(z.unknown()).superRefine((list, ctx) => {
    if (list.length === 0) return ctx.addIssue({ code: 'custom', message: `must hold at least one ${field === 'values' ? 'value' : 'category'}` });
    if (list.length > MAX_SAMPLES_PER_BATCH) return ctx.addIssue({ code: 'custom', message: `holds ${list.length} entries; at most ${MAX_SAMPLES_PER_BATCH} a batch` });
    for (let i = 0; i < list.length; i++) {
      const value = list[i];
      const bad =
        field === 'values'
          ? typeof value !== 'number' || !Number.isFinite(value)
            ? `must be a finite number, got ${describe(value)}`
            : undefined
          : typeof value !== 'string' || NON_FINITE_NAMES.has(value) || value.length === 0 || value.length > MAX_LABEL_CHARS
            ? `must be a label of 1 to ${MAX_LABEL_CHARS} characters, got ${typeof value === 'string' && !NON_FINITE_NAMES.has(value) ? `${value.length} characters` : describe(value)}`
            : undefined;
      if (bad) return ctx.addIssue({ code: 'custom', path: [i], message: bad });
    }
  });
}

/** Exactly one of `values` (numbers) and `categories` (labels). */
export function oneSampleList(body: { values?: unknown[] | undefined; categories?: unknown[] | undefined }, ctx: z.RefinementCtx): void {
  if ((body.values === undefined) === (body.categories === undefined)) {
    ctx.addIssue({ code: 'custom', path: [], message: 'give either values (numbers) or categories (labels), not both and not neither' });
  }
}

export const samplesPayload = z
  .looseObject({
    model: z.looseObject({ name: z.string().min(1).max(200), version: z.string().min(1).max(200).optional() }),
    feature: z.string().min(1).max(200),
    values: sampleList('values').optional(),
    categories: sampleList('categories').optional(),
    observedAt: isoDateTime.optional(),
  })
  .superRefine(oneSampleList);

export type SamplesPayload = z.infer<typeof samplesPayload>;

/** The sample a valid body holds. */
export const sampleOf = (body: { values?: unknown[] | undefined; categories?: unknown[] | undefined }): SampleBatch['sample'] =>
  body.values ? { kind: 'numeric', values: body.values as number[] } : { kind: 'categorical', values: (body.categories ?? []) as string[] };

/** No alert: a sample batch is stored, nothing else. */
const NOTHING_INGESTED: IngestResult = { incidentId: null, alertIds: [], deduplicated: false, opened: false };

/** 202 `{ "accepted": <values stored> }`; refusals as every Vigil webhook's. */
const SAMPLES_ANSWERS: WebhookAnswers = {
  accepted: (_result, key) => ({ accepted: Number(key) }),
  refused: (status: number, error: string, issues: Issue[]) => (issues.length > 0 || status === 400 ? { error, issues } : { error }),
};

export const samplesRoute: WebhookRoute = {
  path: '/webhooks/samples',
  kind: 'samples',
  maxBytes: MAX_SAMPLES_BYTES,
  parse: parseSamplesJson,
  answers: SAMPLES_ANSWERS,
  accept: async (body, source, receivedAt) => {
    const parsed = samplesPayload.safeParse(body);
    if (!parsed.success) return { ok: false, issues: parsed.error.issues };
    const payload = parsed.data;
    const batch: SampleBatch = {
      source: source.name,
      model: payload.model.name,
      ...(payload.model.version ? { modelVersion: payload.model.version } : {}),
      feature: payload.feature,
      sample: sampleOf(payload),
      observedAt: payload.observedAt ? new Date(payload.observedAt) : receivedAt,
    };
    return {
      ok: true,
      // The answer's key is how many values were stored.
      key: String(batch.sample.values.length),
      apply: (tx: Executor) => {
        insertSampleBatch(tx, batch, receivedAt);
        return NOTHING_INGESTED;
      },
    };
  },
};
