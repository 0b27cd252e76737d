import { describe, expect, it } from 'vitest';
import { isAnonymousRequest, PageCache } from './page-cache';

const html = (body: string, headers: Record<string, string> = {}) => new Response(body, { status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8', ...headers } });

describe('the page cache', () => {
  it('keeps pages for anonymous visitors only', () => {
    expect(isAnonymousRequest(undefined)).toBe(true);
    expect(isAnonymousRequest('jdz_lang=ImVuIg%3D%3D')).toBe(true);
    expect(isAnonymousRequest('jdz_lang=x; jdz_session=abc')).toBe(false);
    expect(isAnonymousRequest('__Host-jdz_session=abc')).toBe(false);
    expect(isAnonymousRequest('tracking=1')).toBe(false);
  });

  it('never keeps what is personal, private or not a page', () => {
    expect(PageCache.isCacheable(html('<p>hi</p>'))).toBe(true);
    expect(PageCache.isCacheable(html('x', { 'Set-Cookie': 'a=b' }))).toBe(false);
    expect(PageCache.isCacheable(html('x', { 'Cache-Control': 'private, no-store' }))).toBe(false);
    expect(PageCache.isCacheable(new Response('x', { status: 404, headers: { 'Content-Type': 'text/html' } }))).toBe(false);
    expect(PageCache.isCacheable(new Response('x', { headers: { 'Content-Type': 'text/csv' } }))).toBe(false);
  });

  it('sends every visitor their own nonce', () => {
    const cache = new PageCache(5000);
    cache.put('k', { status: 200, headers: new Headers({ 'Content-Type': 'text/html' }), body: '<script nonce="N1">a</script><script nonce="N1">b</script>', nonce: 'N1' }, 0);
    const page = cache.get('k', 'N2', 1000);
    expect(page?.body).toBe('<script nonce="N2">a</script><script nonce="N2">b</script>');
    expect(page?.headers).toEqual([['content-type', 'text/html']]);
  });

  it('forgets pages after their time, on request, and when full', () => {
    const cache = new PageCache(5000, 10);
    cache.put('a', { status: 200, headers: new Headers(), body: '12345', nonce: '' }, 0);
    expect(cache.get('a', '', 4999)).toBeDefined();
    expect(cache.get('a', '', 5000)).toBeUndefined();
    cache.put('a', { status: 200, headers: new Headers(), body: '12345', nonce: '' }, 0);
    cache.put('b', { status: 200, headers: new Headers(), body: '678901', nonce: '' }, 0);
    expect(cache.get('a', '', 1)).toBeUndefined(); // 11 bytes do not fit in 10: the oldest went
    expect(cache.get('b', '', 1)).toBeDefined();
    cache.clear();
    expect(cache.size).toBe(0);
    expect(new PageCache(0).enabled).toBe(false);
  });
});
