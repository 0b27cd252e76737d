import { describe, expect, it } from 'vitest';
import { judgeAgreementChart, lastTwelveMonths, rankingChart } from './page-charts.server';

const HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(2)>';

describe('page charts drawn from what people typed', () => {
  it('escapes entry titles and judge names in the drawing, and keeps them whole in the table', () => {
    const ranking = rankingChart(
      [
        { title: HOSTILE, rank: 1, rankInterval: { low: 1, high: 2 }, normalised: 0.8 },
        { title: '', rank: 2, rankInterval: { low: 1, high: 2 }, normalised: -0.8 },
        { title: '未评', rank: null, rankInterval: null, normalised: null },
      ],
      'zh-CN',
    );
    expect(ranking?.svg).not.toMatch(/<script|<img/);
    expect(ranking?.table.body.map((row) => row[0])).toEqual([HOSTILE, '（未命名作品）']);
    const agreement = judgeAgreementChart(
      [
        { name: HOSTILE, correlation: 0.5 },
        { name: '乙', correlation: null },
      ],
      'zh-CN',
    );
    expect(agreement?.svg).not.toMatch(/<script|<img/);
    expect(agreement?.table.body[1]?.[1]).toContain('少于 3 件');
  });

  it('draws nothing when nothing is ranked or no judge has a figure', () => {
    expect(rankingChart([{ title: 'a', rank: null, rankInterval: null, normalised: null }], 'en')).toBeNull();
    expect(judgeAgreementChart([{ name: 'a', correlation: null }], 'en')).toBeNull();
  });
});

describe('lastTwelveMonths', () => {
  it('counts back from the month the site zone is in', () => {
    // 31 December 2026 20:00 UTC is already January 2027 in Beijing.
    const months = lastTwelveMonths(new Date('2026-12-31T20:00:00Z'), 8 * 3600_000);
    expect(months[0]).toBe('2026-02');
    expect(months[11]).toBe('2027-01');
    expect(new Set(months).size).toBe(12);
  });
});
