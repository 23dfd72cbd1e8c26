// How PSI and Jensen-Shannon see two samples: as shares over common bins, the way Evidently's
// get_binned_data makes them. A numeric feature with more than 20 distinct reference values gets
// Sturges' bins over the pooled sample (numpy's histogram_bin_edges(..., 'sturges')); otherwise,
// and for labels, one bin per distinct value of either sample.

export type DriftSample = { kind: 'numeric'; values: Float64Array } | { kind: 'categorical'; values: readonly string[] };

export interface Bin {
  /** "[30, 40)" for a numeric range, the value itself otherwise. */
  label: string;
  referenceCount: number;
  currentCount: number;
}

export interface Binned {
  bins: Bin[];
  /** Whether these are ranges of a numeric feature (Sturges) rather than distinct values. */
  ranges: boolean;
  referenceTotal: number;
  currentTotal: number;
}

/** Above this many distinct reference values, a numeric feature is binned by ranges. */
export const MAX_DISTINCT_FOR_VALUE_BINS = 20;

export function distinctCount(values: Float64Array | readonly string[]): number {
  const seen = new Set<number | string>();
  for (let i = 0; i < values.length; i++) seen.add(values[i]!);
  return seen.size;
}

/** numpy.linspace(start, stop, count): i·step + start, the last exactly stop. */
function linspace(start: number, stop: number, count: number): number[] {
  const div = count - 1;
  const step = (stop - start) / div;
  const out: number[] = [];
  for (let i = 0; i < count; i++) out.push(step === 0 ? ((i / div) * (stop - start)) + start : i * step + start);
  out[count - 1] = stop;
  return out;
}

/** numpy.histogram_bin_edges(pooled, 'sturges') for float values. */
export function sturgesEdges(pooled: Float64Array): number[] {
  let min = Infinity;
  let max = -Infinity;
  for (const v of pooled) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min === max) {
    min -= 0.5;
    max += 0.5;
  }
  const range = max - min;
  const width = range / (Math.log2(pooled.length) + 1);
  const count = width ? Math.ceil(range / width) : 1;
  return linspace(min, max, count + 1);
}

/** Counts per bin, numpy.histogram's way: [a, b) except the last, [a, b]. */
function histogram(values: Float64Array, edges: number[]): number[] {
  const counts = new Array<number>(edges.length - 1).fill(0);
  const last = edges.length - 2;
  for (const v of values) {
    if (v < edges[0]! || v > edges[edges.length - 1]!) continue;
    // The last edge at or below v, by bisection.
    let lo = 0;
    let hi = edges.length - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (edges[mid]! <= v) lo = mid;
      else hi = mid;
    }
    counts[Math.min(lo, last)]!++;
  }
  return counts;
}

const formatEdge = (x: number): string => String(Number(x.toPrecision(4)));

function countsByValue<T extends number | string>(values: ArrayLike<T>): Map<T, number> {
  const counts = new Map<T, number>();
  for (let i = 0; i < values.length; i++) counts.set(values[i]!, (counts.get(values[i]!) ?? 0) + 1);
  return counts;
}

/** One bin per distinct value of either sample, in order of first appearance (current first, as Evidently lists them). */
function valueBins<T extends number | string>(reference: ArrayLike<T>, current: ArrayLike<T>): Bin[] {
  const ref = countsByValue(reference);
  const cur = countsByValue(current);
  const keys = [...new Set<T>([...cur.keys(), ...ref.keys()])];
  return keys.map((key) => ({ label: String(key), referenceCount: ref.get(key) ?? 0, currentCount: cur.get(key) ?? 0 }));
}

/** One bin per distinct value, whatever the feature (chi-square counts values, never ranges). */
export const distinctValueBins = (reference: DriftSample, current: DriftSample): Bin[] => valueBins<number | string>(reference.values, current.values);

export function binSamples(reference: DriftSample, current: DriftSample): Binned {
  const totals = { referenceTotal: reference.values.length, currentTotal: current.values.length };
  if (reference.kind === 'numeric' && current.kind === 'numeric' && distinctCount(reference.values) > MAX_DISTINCT_FOR_VALUE_BINS) {
    const pooled = new Float64Array(reference.values.length + current.values.length);
    pooled.set(reference.values);
    pooled.set(current.values, reference.values.length);
    const edges = sturgesEdges(pooled);
    const ref = histogram(reference.values, edges);
    const cur = histogram(current.values, edges);
    const bins = ref.map((count, i) => ({
      label: `[${formatEdge(edges[i]!)}, ${formatEdge(edges[i + 1]!)}${i === ref.length - 1 ? ']' : ')'}`,
      referenceCount: count,
      currentCount: cur[i]!,
    }));
    return { bins, ranges: true, ...totals };
  }
  return { bins: valueBins<number | string>(reference.values, current.values), ranges: false, ...totals };
}

/** Shares of each bin, Evidently's zero fill optional: an empty share becomes min·1e-6 when the smallest non-zero share is <= 1e-4, else 1e-4. */
export function shares(counts: number[], total: number, fillZeros: boolean): Float64Array {
  const out = Float64Array.from(counts, (count) => count / total);
  if (!fillZeros) return out;
  let smallest = Infinity;
  for (const share of out) if (share !== 0 && share < smallest) smallest = share;
  const fill = smallest <= 0.0001 ? smallest / 10 ** 6 : 0.0001;
  for (let i = 0; i < out.length; i++) if (out[i] === 0) out[i] = fill;
  return out;
}
