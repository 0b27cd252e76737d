import { describe, expect, it } from 'vitest';
import { commentBodyProblem, countRenderedLinks, faqQuestionFrom, repeatKey, withinEditWindow } from './comment-rules';

const now = new Date('2026-11-28T10:00:00Z');
const old = { createdAt: new Date('2026-01-01T00:00:00Z') };
const fresh = { createdAt: new Date('2026-11-27T10:00:00Z') };

describe('comment rules', () => {
  it('counts the links that will work in the rendered page', () => {
    expect(countRenderedLinks('<p>see <a href="https://a.cn/x" rel="nofollow">a</a> and <A HREF="http://b.cn">b</A></p>')).toBe(2);
    expect(countRenderedLinks('<p>公交站点数据 2024 版 <abbr>GTFS</abbr></p>')).toBe(0);
  });

  it('limits links for new accounts only', () => {
    expect(commentBodyProblem('three links', 3, fresh, now)).toBe('tooManyLinks');
    expect(commentBodyProblem('three links', 3, old, now)).toBeNull();
    expect(commentBodyProblem('two links', 2, fresh, now)).toBeNull();
  });

  it('refuses empty and overlong text', () => {
    expect(commentBodyProblem('   \n', 0, old, now)).toBe('required');
    expect(commentBodyProblem('字'.repeat(5001), 0, old, now)).toBe('tooLong');
  });

  it('treats spacing, case and punctuation changes as the same text', () => {
    expect(repeatKey('Buy NOW!!! 便宜')).toBe(repeatKey('buy now 便宜。'));
    expect(repeatKey('数据什么时候更新？')).not.toBe(repeatKey('数据什么时候发布？'));
  });

  it('allows edits for fifteen minutes', () => {
    expect(withinEditWindow(new Date(now.getTime() - 14 * 60_000), now)).toBe(true);
    expect(withinEditWindow(new Date(now.getTime() - 16 * 60_000), now)).toBe(false);
  });

  it('turns a Markdown question into one plain line', () => {
    expect(faqQuestionFrom('## 数据**多久**更新？\n\n见 [链接](https://x.cn)')).toBe('数据 多久 更新？ 见 链接');
    expect(faqQuestionFrom('问'.repeat(300)).length).toBe(200);
  });
});
