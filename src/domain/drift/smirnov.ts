// The one-sided Kolmogorov-Smirnov survival function P(D+_n >= x): scipy.special.smirnov, which
// scipy's two-sided finite-sample distribution (kolmogorovN.ts) uses for large x.
//
// Birnbaum & Tingey (1951), from Smirnov (1944):
//   P(D+_n >= x) = x · Σ_{v=0}^{⌊n(1-x)⌋} C(n,v) (1 - x - v/n)^(n-v) (x + v/n)^(v-1)
// Every term is positive, so the sum is computed term by term in logarithms (no cancellation,
// no overflow of C(n, v), and a tail of 1e-300 keeps its digits). scipy's own code (van Mulbregt,
// arXiv:1802.06966) sums the same terms in double-double arithmetic; the special cases below are
// the ones it takes before summing, so both agree to ~1e-12 relative.

/** exp() of anything below this is 0 in float64 (cephes' MINLOG). */
const MIN_LOG = -708.3964185322641;
/** Beyond this n, scipy uses an approximation rather than the exact sum. */
const MAX_EXACT_N = 1_000_000;

/** P(D+_n >= x) for a sample of n, 0 <= x <= 1. */
export function smirnovSf(n: number, x: number): number {
  if (!(n > 0 && x >= 0 && x <= 1)) return Number.NaN;
  if (n === 1) return 1 - x;
  if (x === 0) return 1;
  if (x === 1) return 0;
  const nx = n * x;
  let nxFloor = Math.floor(nx);
  let alpha = nx - nxFloor;
  if (alpha === 1) {
    nxFloor += 1;
    alpha = 0;
  }
  // x <= 1/n: the sum has one term.
  if (nxFloor === 0 || (nxFloor === 1 && alpha === 0)) return 1 - x * Math.pow(1 + x, n - 1);
  if (-2 * n * x * x < MIN_LOG) return 0;
  // x >= 1 - 1/n: only the v = 0 term.
  if (nxFloor >= n - 1) return Math.pow(1 - x, n);
  if (n > MAX_EXACT_N) {
    // scipy's approximation for very large n: p ~ e^(-(6nx+1)^2 / 18n).
    const logp = -Math.pow(6 * nx + 1, 2) / 18 / n;
    return logp < -Math.LN2 ? Math.exp(logp) : 1 + Math.expm1(logp);
  }
  // The last v with 1 - x - v/n > 0 (when nx is a whole number, the term where it is 0 is left out).
  const last = n - nxFloor - 1;
  const logs = new Float64Array(last + 1);
  let logBinomial = 0;
  let compensation = 0;
  let max = -Infinity;
  for (let v = 0; v <= last; v++) {
    if (v > 0) {
      // log C(n, v) from log C(n, v-1), compensated (Neumaier) so a million steps add no drift.
      const step = Math.log((n - v + 1) / v);
      const sum = logBinomial + step;
      compensation += Math.abs(logBinomial) >= Math.abs(step) ? logBinomial - sum + step : step - sum + logBinomial;
      logBinomial = sum;
    }
    // 1 - x - v/n and x + v/n from the integer part of nx and its fraction, exactly as far as nx is.
    const below = (n - v - nxFloor - alpha) / n;
    const above = (v + nxFloor + alpha) / n;
    const log = logBinomial + compensation + (n - v) * Math.log(below) + (v - 1) * Math.log(above);
    logs[v] = log;
    if (log > max) max = log;
  }
  let sum = 0;
  for (let v = 0; v <= last; v++) sum += Math.exp(logs[v]! - max);
  return Math.min(1, Math.max(0, Math.exp(max + Math.log(x * sum))));
}
