/** Sampling helpers for the scale seed, all driven by the seeded PRNG so runs are repeatable. */
import type { Random } from './random';

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/**
 * Walks 0 … n-1 in a random-looking order without repeating (a random start and a step coprime
 * to n), so people drawn for one challenge or one request are always distinct, with no set kept.
 */
export function permutation(random: Random, n: number): () => number {
  if (n <= 0) throw new Error('empty permutation');
  let step = random.int(1, Math.max(1, n - 1));
  while (gcd(step, n) !== 1) step = (step % n) + 1;
  let position = random.int(0, n - 1);
  let taken = 0;
  return () => {
    if (taken >= n) throw new Error(`permutation of ${n} exhausted`);
    taken += 1;
    const value = position;
    position = (position + step) % n;
    return value;
  };
}

/**
 * Splits `total` into integers proportional to `weights` (largest remainders first), none above
 * `cap`: items the cap stops are filled to it and the rest is shared among the others.
 */
export function allocate(total: number, weights: readonly number[], cap = Infinity): number[] {
  const counts = weights.map(() => 0);
  let left = Math.min(total, cap * weights.length);
  let active = weights.map((_, i) => i).filter((i) => (weights[i] ?? 0) > 0);
  for (;;) {
    const sum = active.reduce((acc, i) => acc + (weights[i] as number), 0);
    if (left <= 0 || sum <= 0) return counts;
    const capped = active.filter((i) => (left * (weights[i] as number)) / sum > cap);
    if (capped.length > 0) {
      for (const i of capped) {
        counts[i] = cap;
        left -= cap;
      }
      active = active.filter((i) => !capped.includes(i));
      continue;
    }
    const exact = active.map((i) => ({ i, value: (left * (weights[i] as number)) / sum }));
    let given = 0;
    for (const { i, value } of exact) {
      counts[i] = Math.floor(value);
      given += Math.floor(value);
    }
    exact.sort((a, b) => b.value - Math.floor(b.value) - (a.value - Math.floor(a.value)) || a.i - b.i);
    for (let k = 0; given < left && k < exact.length; k += 1) {
      const { i } = exact[k] as { i: number };
      counts[i] = (counts[i] as number) + 1;
      given += 1;
    }
    return counts;
  }
}

/** Weights of a long tail: the first few items get much more than the rest (popularity). */
export function zipfWeights(n: number, exponent: number): number[] {
  return Array.from({ length: n }, (_, i) => 1 / (i + 1) ** exponent);
}

/** Picks an index with probability proportional to its weight, given cumulative weights. */
export function pickWeighted(random: Random, cumulative: Float64Array | readonly number[]): number {
  const total = cumulative[cumulative.length - 1] ?? 0;
  const target = random.next() * total;
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((cumulative[mid] ?? 0) > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export function cumulativeOf(weights: readonly number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let sum = 0;
  weights.forEach((w, i) => {
    sum += w;
    out[i] = sum;
  });
  return out;
}

/** A whole millisecond instant between two instants. */
export function between(random: Random, from: number, to: number): number {
  return Math.floor(from + random.next() * Math.max(0, to - from));
}

/** A roughly normal number (sum of uniforms), for qualities and leniencies. */
export function normal(random: Random, mean: number, sd: number): number {
  return mean + sd * (random.next() + random.next() + random.next() + random.next() - 2) * 1.732;
}

export function shuffled<T>(random: Random, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = random.int(0, i);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
