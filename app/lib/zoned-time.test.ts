import { describe, expect, it } from 'vitest';
import { dateToZonedLocal, zonedLocalToDate } from './zoned-time';

describe('zoned times', () => {
  it('reads a China wall-clock time as the right instant and back', () => {
    const instant = zonedLocalToDate('2027-03-31T18:00', 'Asia/Shanghai');
    expect(instant?.toISOString()).toBe('2027-03-31T10:00:00.000Z');
    expect(dateToZonedLocal(new Date('2027-03-31T10:00:00Z'), 'Asia/Shanghai')).toBe('2027-03-31T18:00');
  });

  it('handles zones with daylight saving', () => {
    expect(zonedLocalToDate('2026-07-01T12:00', 'Europe/Berlin')?.toISOString()).toBe('2026-07-01T10:00:00.000Z');
    expect(zonedLocalToDate('2026-01-15T12:00', 'Europe/Berlin')?.toISOString()).toBe('2026-01-15T11:00:00.000Z');
  });

  it('refuses malformed or impossible times', () => {
    expect(zonedLocalToDate('2027-02-30T10:00', 'Asia/Shanghai')).toBeNull();
    expect(zonedLocalToDate('2027-03-31 18:00', 'Asia/Shanghai')).toBeNull();
    expect(zonedLocalToDate('明天', 'Asia/Shanghai')).toBeNull();
  });
});

describe('zone names for readers', () => {
  it('knows Beijing time by its zones, and names others in the reader’s language', async () => {
    const { isBeijingTime, zoneDisplayName } = await import('./zoned-time');
    expect(isBeijingTime('Asia/Shanghai')).toBe(true);
    expect(isBeijingTime('Asia/Urumqi')).toBe(false);
    expect(zoneDisplayName('Europe/Berlin', 'en')).toBe('Central European Time');
    expect(zoneDisplayName('Not/AZone', 'en')).toBe('Not/AZone');
  });
});
