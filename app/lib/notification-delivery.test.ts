import { describe, expect, it } from 'vitest';
import { deliveryFor, digestDue, lastDigestSlot } from './notification-delivery';

const TZ = 'Asia/Shanghai';

describe('notification delivery', () => {
  it('uses the person’s choice over the default', () => {
    expect(deliveryFor('comment_reply', new Map())).toBe('digest');
    expect(deliveryFor('comment_reply', new Map([['comment_reply', 'off']]))).toBe('off');
    expect(deliveryFor('entry_received', new Map())).toBe('instant');
  });

  it('finds the latest 08:00 China time', () => {
    // 09:00 in Shanghai → today's 08:00 (00:00 UTC).
    expect(lastDigestSlot(new Date('2026-11-28T01:00:00Z'), TZ, 8).toISOString()).toBe('2026-11-28T00:00:00.000Z');
    // 07:00 in Shanghai → yesterday's.
    expect(lastDigestSlot(new Date('2026-11-27T23:00:00Z'), TZ, 8).toISOString()).toBe('2026-11-27T00:00:00.000Z');
  });

  it('sends one digest per day, at the first slot after the oldest waiting item', () => {
    const morning = new Date('2026-11-28T01:00:00Z'); // 09:00 in Shanghai
    const yesterdayAfternoon = new Date('2026-11-27T07:00:00Z'); // 15:00
    expect(digestDue(morning, yesterdayAfternoon, null, TZ, 8)).toBe(true);
    expect(digestDue(morning, yesterdayAfternoon, new Date('2026-11-27T00:30:00Z'), TZ, 8)).toBe(true);
    expect(digestDue(morning, yesterdayAfternoon, new Date('2026-11-28T00:30:00Z'), TZ, 8)).toBe(false);
    // Something from 08:30 today waits for tomorrow.
    expect(digestDue(morning, new Date('2026-11-28T00:30:00Z'), null, TZ, 8)).toBe(false);
  });
});
