import { describe, expect, it } from 'vitest';
import { characterTokens, highlightParts, likeSnippet, MARK_END, MARK_START, planSearch } from './search-query';

describe('planSearch', () => {
  it('matches terms of three or more characters through the trigram index, quoted', () => {
    expect(planSearch('公交客流 热力图')).toEqual({ kind: 'match', expression: '"公交客流" AND "热力图"', terms: ['公交客流', '热力图'] });
    expect(planSearch('bus "routes" OR x*')).toEqual({
      kind: 'short',
      expression: '"b u s" AND "r o u t e s" AND "O R" AND "x"',
      patterns: ['%bus%', '%"routes"%', '%OR%', '%x*%'],
      terms: ['bus', '"routes"', 'OR', 'x*'],
    });
    expect(planSearch('say "hello" NEAR')).toEqual({ kind: 'match', expression: '"say" AND """hello""" AND "NEAR"', terms: ['say', '"hello"', 'NEAR'] });
  });

  it('looks short terms up character by character, confirmed as substrings with LIKE wildcards escaped', () => {
    expect(planSearch('养老')).toEqual({ kind: 'short', expression: '"养 老"', patterns: ['%养老%'], terms: ['养老'] });
    expect(planSearch('5%_x')).toEqual({ kind: 'match', expression: '"5%_x"', terms: ['5%_x'] });
    expect(planSearch('1%')).toEqual({ kind: 'short', expression: '"1"', patterns: ['%1\\%%'], terms: ['1%'] });
    expect(planSearch('%')).toEqual({ kind: 'short', expression: null, patterns: ['%\\%%'], terms: ['%'] });
    expect(planSearch('   ')).toEqual({ kind: 'empty' });
  });

  it('indexes every character as a token', () => {
    expect(characterTokens('公交 bus')).toBe('公 交   b u s');
  });
});

describe('snippets', () => {
  it('split highlighted parts without any HTML', () => {
    expect(highlightParts(`前文${MARK_START}公交${MARK_END}后文<b>`)).toEqual([
      { text: '前文', hit: false },
      { text: '公交', hit: true },
      { text: '后文<b>', hit: false },
    ]);
  });

  it('mark the first substring occurrence with context', () => {
    expect(likeSnippet('城关区养老机构床位', '养老', 2)).toBe(`…关区${MARK_START}养老${MARK_END}机构…`);
    expect(likeSnippet('abc', 'x')).toBeNull();
  });
});
