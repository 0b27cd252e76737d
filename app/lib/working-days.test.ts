import { describe, expect, it } from 'vitest';
import { workingDaysBetween } from './working-days';

const TZ = 'Asia/Shanghai';

describe('workingDaysBetween', () => {
  it('counts Monday to Friday after the first day', () => {
    // Friday 2026-12-04 09:00 Beijing time to the next Friday: Mon–Fri = 5.
    expect(workingDaysBetween(new Date('2026-12-04T01:00:00Z'), new Date('2026-12-11T01:00:00Z'), TZ)).toBe(5);
    // Same day: none yet.
    expect(workingDaysBetween(new Date('2026-12-04T01:00:00Z'), new Date('2026-12-04T09:00:00Z'), TZ)).toBe(0);
    // Friday to Monday: only Monday.
    expect(workingDaysBetween(new Date('2026-12-04T01:00:00Z'), new Date('2026-12-07T01:00:00Z'), TZ)).toBe(1);
  });

  it('uses the calendar day of the site, not of UTC', () => {
    // 23:30 UTC on Sunday is already Monday morning in Beijing.
    expect(workingDaysBetween(new Date('2026-12-04T01:00:00Z'), new Date('2026-12-06T23:30:00Z'), TZ)).toBe(1);
    expect(workingDaysBetween(new Date('2026-12-04T01:00:00Z'), new Date('2026-12-06T23:30:00Z'), 'UTC')).toBe(0);
  });

  it('counts three weeks as fifteen working days', () => {
    expect(workingDaysBetween(new Date('2026-11-13T02:00:00Z'), new Date('2026-12-04T02:00:00Z'), TZ)).toBe(15);
  });
});
