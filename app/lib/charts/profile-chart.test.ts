import { describe, expect, it } from 'vitest';
import { chartKindFor, fillPeriods, histogramBins, timeGranularity } from './profile-chart';

describe('histogramBins', () => {
  it('picks a round width and starts on a multiple of it', () => {
    expect(histogramBins(3, 487, true)).toEqual({ start: 0, width: 50, count: 10 });
    expect(histogramBins(152_340.5, 498_120, false)).toEqual({ start: 150_000, width: 50_000, count: 7 });
  });

  it('keeps decimals readable (no 0.30000000000000004)', () => {
    const bins = histogramBins(0.1, 1.3, false);
    expect(bins).toEqual({ start: 0.1, width: 0.1, count: 13 });
  });

  it('never gives integers a width below one', () => {
    expect(histogramBins(1, 5, true)).toEqual({ start: 1, width: 1, count: 5 });
  });

  it('covers negative ranges and puts the maximum in the last bin', () => {
    const { start, width, count } = histogramBins(-37, 12, true);
    expect(start).toBeLessThanOrEqual(-37);
    expect(start + (count - 1) * width).toBeLessThanOrEqual(12);
    expect(start + count * width).toBeGreaterThan(12);
  });

  it('gives one bin to a column with one value and none to nonsense', () => {
    expect(histogramBins(7, 7, true)).toEqual({ start: 7, width: 1, count: 1 });
    expect(histogramBins(Number.NaN, 3, false).count).toBe(0);
    expect(histogramBins(5, 1, false).count).toBe(0);
  });
});

describe('timeGranularity', () => {
  it('chooses days, weeks, months or years by the span', () => {
    expect(timeGranularity('2025-10-01', '2025-10-14')).toBe('day');
    expect(timeGranularity('2025-01-01', '2025-12-31')).toBe('week');
    expect(timeGranularity('2019-01-01', '2025-12-31')).toBe('month');
    expect(timeGranularity('1998-05-01', '2025-12-31')).toBe('year');
  });

  it('reads date-times by their date', () => {
    expect(timeGranularity('2025-10-01T08:00:00', '2025-10-02T23:59:59')).toBe('day');
  });
});

describe('chartKindFor', () => {
  it('charts numbers, dates and booleans, and text only when values repeat', () => {
    expect(chartKindFor('integer', { distinct: 10, nonEmpty: 10 })).toBe('histogram');
    expect(chartKindFor('decimal', { distinct: 3, nonEmpty: 10 })).toBe('histogram');
    expect(chartKindFor('date', { distinct: 3, nonEmpty: 10 })).toBe('timeline');
    expect(chartKindFor('boolean', { distinct: 2, nonEmpty: 10 })).toBe('share');
    expect(chartKindFor('text', { distinct: 3, nonEmpty: 10 })).toBe('categories');
    // Names or codes, every one different: nothing to draw.
    expect(chartKindFor('text', { distinct: 10, nonEmpty: 10 })).toBeNull();
    expect(chartKindFor('integer', { distinct: 0, nonEmpty: 0 })).toBeNull();
  });
});

describe('fillPeriods', () => {
  it('fills the days, weeks, months and years without rows', () => {
    expect(fillPeriods('day', [{ period: '2025-02-27', count: 1 }, { period: '2025-03-02', count: 2 }])).toEqual([
      { period: '2025-02-27', count: 1 },
      { period: '2025-02-28', count: 0 },
      { period: '2025-03-01', count: 0 },
      { period: '2025-03-02', count: 2 },
    ]);
    expect(fillPeriods('week', [{ period: '2025-12-29', count: 1 }, { period: '2026-01-12', count: 1 }]).map((p) => p.period)).toEqual(['2025-12-29', '2026-01-05', '2026-01-12']);
    expect(fillPeriods('month', [{ period: '2025-11-01', count: 1 }, { period: '2026-02-01', count: 1 }]).map((p) => p.period)).toEqual(['2025-11-01', '2025-12-01', '2026-01-01', '2026-02-01']);
    expect(fillPeriods('year', [{ period: '1998', count: 2 }, { period: '2001', count: 1 }]).map((p) => p.count)).toEqual([2, 0, 0, 1]);
  });
});
