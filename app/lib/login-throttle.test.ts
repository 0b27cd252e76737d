import { describe, expect, it } from 'vitest';
import { delayAfter, FAILURE_MEMORY_MS, FREE_FAILURES, signInWait } from './login-throttle';

describe('sign-in delays', () => {
  it('lets a few mistakes through, then makes each further attempt wait longer', () => {
    const now = 1_000_000;
    expect(signInWait(undefined, now).allowed).toBe(true);
    expect(signInWait({ failures: FREE_FAILURES - 1, lastFailureAt: now }, now).allowed).toBe(true);
    expect(signInWait({ failures: FREE_FAILURES, lastFailureAt: now }, now)).toEqual({ allowed: false, retryAfterMs: 30_000 });
    expect(signInWait({ failures: FREE_FAILURES, lastFailureAt: now }, now + 30_000).allowed).toBe(true);
    expect(signInWait({ failures: FREE_FAILURES + 1, lastFailureAt: now }, now)).toEqual({ allowed: false, retryAfterMs: 60_000 });
  });

  it('caps the delay at an hour and forgets failures after a day', () => {
    expect(delayAfter(40)).toBe(3_600_000);
    expect(signInWait({ failures: 40, lastFailureAt: 0 }, 1).allowed).toBe(false);
    expect(signInWait({ failures: 40, lastFailureAt: 0 }, FAILURE_MEMORY_MS + 1).allowed).toBe(true);
  });
});
