import { describe, expect, it } from 'vitest';
import { HyperLogLog, murmur3 } from './hyperloglog';

describe('HyperLogLog', () => {
  it('counts small sets almost exactly and large ones within a few percent', () => {
    const small = new HyperLogLog();
    for (const v of ['a', 'b', 'c', 'a', 'b']) small.add(v);
    expect(small.count()).toBe(3);
    const large = new HyperLogLog();
    for (let i = 0; i < 200_000; i += 1) large.add(`行${i}`);
    expect(Math.abs(large.count() - 200_000) / 200_000).toBeLessThan(0.03);
  });

  it('hashes deterministically and spreads similar strings', () => {
    expect(murmur3('北湖')).toBe(murmur3('北湖'));
    expect(murmur3('北湖')).not.toBe(murmur3('北湖 '));
  });
});
