/** Small statistics helpers shared by the benchmark scripts. */

/** Median of a sample (0 for an empty one). */
export function median(xs: readonly number[]): number {
  return quantile(xs, 0.5);
}

/** Linear-interpolated quantile q in [0, 1] of a sample (0 for an empty one). */
export function quantile(xs: readonly number[], q: number): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo]! + (s[hi]! - s[lo]!) * (pos - lo);
}

/** Formats a number with a fixed number of decimals and an optional unit. */
export function fmt(x: number, digits = 2, unit = ''): string {
  return `${x.toFixed(digits)}${unit ? ` ${unit}` : ''}`;
}
