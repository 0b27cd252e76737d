import { describe, expect, it } from 'vitest';
import { entryDraftSchema, isSafeLink, submitProblems } from './entry';

describe('entries', () => {
  it('saves drafts however incomplete, checking only lengths', () => {
    expect(entryDraftSchema.safeParse({ kind: 'idea', version: '3' }).success).toBe(true);
    expect(entryDraftSchema.safeParse({ kind: 'idea', version: '1', title: 'x'.repeat(121) }).success).toBe(false);
  });

  it('accepts only http(s) links without credentials', () => {
    expect(isSafeLink('https://git.example.org/team/app')).toBe(true);
    expect(isSafeLink('javascript:alert(1)')).toBe(false);
    expect(isSafeLink('ftp://x.example')).toBe(false);
    expect(isSafeLink('https://user:pw@x.example')).toBe(false);
    expect(isSafeLink('not a url')).toBe(false);
  });

  it('lists what is missing before submission', () => {
    const entry = { kind: 'prototype' as const, title: '', summary: '短', body: '', repository: 'javascript:alert(1)', demo: '', video: '' };
    expect(submitProblems(entry, { idea: true, prototype: false }).map((p) => [p.field, p.message])).toEqual([
      ['kind', 'errors.entry.kindNotAllowed'],
      ['title', 'errors.entry.titleRequired'],
      ['summary', 'errors.entry.summaryRequired'],
      ['body', 'errors.entry.bodyRequired'],
      ['repository', 'errors.entry.linkInvalid'],
    ]);
    const complete = { kind: 'idea' as const, title: '公交热力图', summary: '用刷卡数据画出站点热力图。', body: '按站点和时段汇总上车人次，找出高峰拥挤的站点并建议加密班次。', repository: '', demo: '', video: '' };
    expect(submitProblems(complete, { idea: true, prototype: true })).toEqual([]);
  });
});
