import { describe, expect, it } from 'vitest';
import { safeRedirect } from './safe-redirect';

describe('safeRedirect', () => {
  it('keeps same-site paths with their query', () => {
    expect(safeRedirect('/manage')).toBe('/manage');
    expect(safeRedirect('/challenges?phase=open')).toBe('/challenges?phase=open');
  });

  it('refuses anything that could leave the site', () => {
    for (const target of ['//evil.example', 'https://evil.example', '/\\evil.example', 'javascript:alert(1)', ' //evil', '/%0a/x\n', 'evil']) {
      expect(safeRedirect(target, '/home'), target).toBe(target === '/%0a/x\n' ? '/%0a/x' : '/home');
    }
    expect(safeRedirect('/ok\u0000')).toBe('/');
  });

  it('falls back for missing or non-string input', () => {
    expect(safeRedirect(null)).toBe('/');
    expect(safeRedirect(undefined, '/x')).toBe('/x');
    expect(safeRedirect('')).toBe('/');
  });
});
