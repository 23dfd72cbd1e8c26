/**
 * `count` values from a normal distribution, the same for the same seed on every run (mulberry32
 * for uniforms, Box-Muller for the normal): drift tests and the drift benchmark need samples that
 * are random in shape but fixed in value.
 */
export function seededNormal(count: number, mean: number, sd: number, seed: number): number[] {
  let state = seed >>> 0;
  const uniform = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return Array.from({ length: count }, () => mean + sd * Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform()));
}
