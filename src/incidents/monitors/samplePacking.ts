// Samples as stored: numbers packed as float64 little-endian (8 bytes a value, no text to parse
// back), labels as a JSON array. A 100,000-value batch is one 800 KB row, read back in a copy.

import type { SampleKind } from '../../db/schema/index.js';
import type { DriftSample } from '../../domain/drift/binning.js';

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

export function packNumbers(values: readonly number[] | Float64Array): Buffer {
  const packed = Buffer.alloc(values.length * 8);
  if (LITTLE_ENDIAN) {
    new Float64Array(packed.buffer, packed.byteOffset, values.length).set(values);
  } else {
    for (let i = 0; i < values.length; i++) packed.writeDoubleLE(values[i]!, i * 8);
  }
  return packed;
}

export const packLabels = (labels: readonly string[]): Buffer => Buffer.from(JSON.stringify(labels), 'utf8');

/** Stored rows of one kind, concatenated in the order given. */
export function unpackSamples(kind: SampleKind, rows: ReadonlyArray<{ data: Buffer; count: number }>): DriftSample {
  if (kind === 'categorical') return { kind, values: rows.flatMap((row) => JSON.parse(row.data.toString('utf8')) as string[]) };
  const total = rows.reduce((sum, row) => sum + row.count, 0);
  const values = new Float64Array(total);
  const bytes = new Uint8Array(values.buffer);
  let at = 0;
  for (const row of rows) {
    // The blob's buffer need not be 8-byte aligned: copy its bytes rather than view them.
    bytes.set(row.data.subarray(0, row.count * 8), at * 8);
    at += row.count;
  }
  if (!LITTLE_ENDIAN) for (let i = 0; i < total; i++) values[i] = Buffer.from(bytes.buffer, i * 8, 8).readDoubleLE(0);
  return { kind, values };
}
