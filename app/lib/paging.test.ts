import { describe, expect, it } from 'vitest';
import { clampPageSize, paged, pageWindow } from './paging';

describe('paging', () => {
  it('turns a page number into a window, treating nonsense as the first page', () => {
    expect(pageWindow(1, 20)).toEqual({ limit: 20, offset: 0 });
    expect(pageWindow(3, 20)).toEqual({ limit: 20, offset: 40 });
    expect(pageWindow(0, 20)).toEqual({ limit: 20, offset: 0 });
    expect(pageWindow(Number.NaN, 20)).toEqual({ limit: 20, offset: 0 });
  });

  it('counts pages, at least one even when empty', () => {
    expect(paged([], 0, 1, 20).pages).toBe(1);
    expect(paged([1], 41, 3, 20).pages).toBe(3);
  });

  it('clamps page sizes asked for by clients', () => {
    expect(clampPageSize(undefined, 20, 100)).toBe(20);
    expect(clampPageSize(5000, 20, 100)).toBe(100);
    expect(clampPageSize(0, 20, 100)).toBe(1);
    expect(clampPageSize(7.9, 20, 100)).toBe(7);
  });
});
