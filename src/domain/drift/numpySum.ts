// Sums in the order numpy adds them, so a statistic that is a sum (PSI, the Wasserstein distance,
// a mean) is the same float as in the notebook that checks it, not merely close: numpy's add.reduce
// over a contiguous float64 array uses pairwise summation (blocks of up to 128 values added with
// eight running partial sums, larger runs split in halves at a multiple of eight). Rounding error
// grows like O(log n) rather than O(n), which matters for 100,000 terms.

const BLOCK = 128;

/** Σ values[from..from+count), in numpy's pairwise order. */
function pairwise(values: ArrayLike<number>, from: number, count: number): number {
  if (count < 8) {
    let sum = -0;
    for (let i = 0; i < count; i++) sum += values[from + i]!;
    return sum;
  }
  if (count <= BLOCK) {
    const r = [values[from]!, values[from + 1]!, values[from + 2]!, values[from + 3]!, values[from + 4]!, values[from + 5]!, values[from + 6]!, values[from + 7]!];
    let i = 8;
    for (; i < count - (count % 8); i += 8) {
      for (let k = 0; k < 8; k++) r[k]! += values[from + i + k]!;
    }
    let sum = r[0]! + r[1]! + (r[2]! + r[3]!) + (r[4]! + r[5]! + (r[6]! + r[7]!));
    for (; i < count; i++) sum += values[from + i]!;
    return sum;
  }
  let half = Math.floor(count / 2);
  half -= half % 8;
  return pairwise(values, from, half) + pairwise(values, from + half, count - half);
}

/** `np.sum(values)` for a float64 array: the same float, bit for bit. */
export function numpySum(values: ArrayLike<number>): number {
  return values.length === 0 ? 0 : pairwise(values, 0, values.length);
}

/** `np.mean(values)`. */
export const numpyMean = (values: ArrayLike<number>): number => numpySum(values) / values.length;

/** `np.std(values)`: the population standard deviation (ddof 0), computed as numpy does. */
export function numpyStd(values: ArrayLike<number>): number {
  const mean = numpyMean(values);
  const squares = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const d = values[i]! - mean;
    squares[i] = d * d;
  }
  return Math.sqrt(numpySum(squares) / values.length);
}
