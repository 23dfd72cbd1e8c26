// Exact p-values of the two-sample Kolmogorov-Smirnov test, P(D_{n,m} >= h / lcm(n, m)) under the
// null hypothesis, by counting lattice paths from (0, 0) to (n, m), as scipy.stats.ks_2samp does
// in its 'exact' mode (both samples at most 10,000 values).

/**
 * Equal sizes: Pr(D_{n,n} >= h/n) = 2 Σ_k (-1)^(k-1) C(2n, n - kh) / C(2n, n). Each ratio of binomials
 * is a product of h simple factors, and the alternating sum is evaluated Horner-like from the
 * innermost term out (P = 2·A1·(1 - A2·(1 - A3·(...)))), which avoids subtracting large numbers.
 */
export function probOutsideSquare(n: number, h: number): number {
  let p = 0;
  for (let k = Math.floor(n / h); k >= 0; k--) {
    let term = 1;
    for (let j = 0; j < h; j++) term = ((n - k * h - j) * term) / (n + k * h + j + 1);
    p = term * (1 - p);
  }
  return 2 * p;
}

/**
 * Any sizes: the share of paths that leave the band |x/m - y/n| < h/lcm(m, n) at some point,
 * counted column by column over a sliding window of the band (Hodges, "The significance
 * probability of the Smirnov two-sample test", Arkiv för Matematik 3, 1958, following
 * Drion, Gnedenko and Korolyuk). Each cell holds 1 minus the share of paths to it that stayed
 * inside, normalised by the binomial as it goes, so the recursion computes the p-value itself
 * rather than 1 - a count (Viehmann, "Numerically more stable computation of the p-values for
 * the two-sample Kolmogorov-Smirnov test", arXiv:2102.08037).
 */
export function probOutsideBand(n1: number, n2: number, g: number, h: number): number {
  const m = Math.max(n1, n2);
  const n = Math.min(n1, n2);
  const mg = m / g;
  const ng = n / g;
  let minJ = 0;
  let maxJ = Math.min(Math.ceil(h / mg), n + 1);
  let currentLength = maxJ - minJ;
  const a = new Float64Array(Math.min(2 * maxJ + 2, n + 1)).fill(1);
  a.fill(0, minJ, maxJ);
  for (let i = 1; i <= m; i++) {
    const lastMinJ = minJ;
    const lastLength = currentLength;
    minJ = Math.min(Math.max(Math.floor((ng * i - h) / mg) + 1, 0), n);
    maxJ = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (maxJ <= minJ) return 1;
    let value = minJ === 0 ? 0 : 1;
    for (let jj = 0; jj < maxJ - minJ; jj++) {
      const j = jj + minJ;
      value = (a[jj + minJ - lastMinJ]! * i + value * j) / (i + j);
      a[jj] = value;
    }
    currentLength = maxJ - minJ;
    if (lastLength > currentLength) a.fill(1, maxJ - minJ, maxJ - minJ + (lastLength - currentLength));
  }
  return a[maxJ - minJ - 1]!;
}
