import { describe, expect, it } from 'vitest';
import { MAX_MAIL_ATTEMPTS, nextMailAttempt } from './mail-retry';

describe('nextMailAttempt', () => {
  const now = new Date('2026-11-28T00:00:00Z');

  it('backs off exponentially up to six hours', () => {
    expect(nextMailAttempt(0, now)?.toISOString()).toBe('2026-11-28T00:01:00.000Z');
    expect(nextMailAttempt(3, now)?.toISOString()).toBe('2026-11-28T00:08:00.000Z');
    expect(nextMailAttempt(8, now)?.toISOString()).toBe('2026-11-28T04:16:00.000Z');
  });

  it('gives up after the last attempt', () => {
    expect(nextMailAttempt(MAX_MAIL_ATTEMPTS - 1, now)).toBeNull();
  });
});
