import { describe, expect, it } from 'vitest';
import { formatBytes, formatDateTime, timeLeft } from './format';

describe('format', () => {
  it('shows times in the configured zone, not the server’s', () => {
    const instant = new Date('2026-01-31T16:30:00Z');
    expect(formatDateTime(instant, 'zh-CN', 'Asia/Shanghai')).toBe('2026年2月1日 00:30');
    expect(formatDateTime(instant, 'en', 'Asia/Shanghai')).toMatch(/Feb 1, 2026/);
  });

  it('splits the time left into days, hours and minutes and never goes negative', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    expect(timeLeft(new Date('2026-01-03T05:30:00Z'), now)).toEqual({ days: 2, hours: 5, minutes: 30 });
    expect(timeLeft(new Date('2025-12-31T00:00:00Z'), now)).toEqual({ days: 0, hours: 0, minutes: 0 });
  });

  it('sizes files in binary units', () => {
    expect(formatBytes(512, 'en')).toBe('512 B');
    expect(formatBytes(1536, 'en')).toBe('1.5 KB');
    expect(formatBytes(5 * 1024 * 1024, 'zh-CN')).toBe('5 MB');
  });
});
