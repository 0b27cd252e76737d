import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limit';

describe('RateLimiter', () => {
  it('allows up to the limit within the window, then refuses until the oldest attempt ages out', () => {
    const limiter = new RateLimiter(3, 60_000);
    expect(limiter.attempt('u1', 0).allowed).toBe(true);
    expect(limiter.attempt('u1', 10_000).allowed).toBe(true);
    expect(limiter.attempt('u1', 20_000).allowed).toBe(true);
    expect(limiter.attempt('u1', 30_000)).toEqual({ allowed: false, retryAfterMs: 30_000 });
    // Another key is unaffected.
    expect(limiter.attempt('u2', 30_000).allowed).toBe(true);
    // The first attempt (t=0) leaves the window at t=60s.
    expect(limiter.attempt('u1', 60_001).allowed).toBe(true);
  });

  it('keeps at most maxKeys keys', () => {
    const limiter = new RateLimiter(1, 1_000, 2);
    limiter.attempt('a', 0);
    limiter.attempt('b', 0);
    limiter.attempt('c', 0);
    // 'a' was dropped to make room, so it starts afresh.
    expect(limiter.attempt('a', 1).allowed).toBe(true);
    expect(limiter.attempt('c', 1).allowed).toBe(false);
  });
});
