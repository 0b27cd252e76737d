import { describe, expect, it } from 'vitest';
import { delayAfter, FREE_FAILURES, LoginThrottle } from './login-throttle';

describe('LoginThrottle', () => {
  it('lets a few mistakes through, then makes each further attempt wait longer', () => {
    const throttle = new LoginThrottle();
    let now = 1_000_000;
    for (let i = 0; i < FREE_FAILURES - 1; i += 1) {
      expect(throttle.check('a', now).allowed).toBe(true);
      throttle.fail('a', now);
    }
    expect(throttle.check('a', now).allowed).toBe(true);
    throttle.fail('a', now);
    expect(throttle.check('a', now)).toEqual({ allowed: false, retryAfterMs: 30_000 });
    now += 30_000;
    expect(throttle.check('a', now).allowed).toBe(true);
    throttle.fail('a', now);
    expect(throttle.check('a', now)).toEqual({ allowed: false, retryAfterMs: 60_000 });
    expect(throttle.check('b', now).allowed).toBe(true);
  });

  it('caps the delay at an hour and forgets after a success', () => {
    expect(delayAfter(40)).toBe(3_600_000);
    const throttle = new LoginThrottle();
    for (let i = 0; i < 10; i += 1) throttle.fail('a', 0);
    expect(throttle.check('a', 1).allowed).toBe(false);
    throttle.succeed('a');
    expect(throttle.check('a', 1).allowed).toBe(true);
  });
});
