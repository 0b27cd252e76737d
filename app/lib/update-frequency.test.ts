import { describe, expect, it } from 'vitest';
import { isLate } from './update-frequency';

const now = new Date('2026-12-05T00:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 24 * 60 * 60 * 1000);

describe('isLate', () => {
  it('gives each declared frequency one period and a grace', () => {
    expect(isLate('daily', daysAgo(1), now)).toBe(false);
    expect(isLate('daily', daysAgo(3), now)).toBe(true);
    expect(isLate('monthly', daysAgo(33), now)).toBe(false);
    expect(isLate('monthly', daysAgo(36), now)).toBe(true);
    expect(isLate('yearly', daysAgo(370), now)).toBe(false);
  });

  it('never calls an irregular or one-off dataset late', () => {
    expect(isLate('irregular', daysAgo(3000), now)).toBe(false);
    expect(isLate('once', daysAgo(3000), now)).toBe(false);
  });
});
