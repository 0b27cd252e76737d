import { describe, expect, it } from 'vitest';
import crypto from 'node:crypto';
import zlib from 'node:zlib';
import { inlineScripts, isAnonymousRequest, PageCache, scriptHash } from './page-cache';

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

  it('keeps a page compressed, without the render\'s nonce, with the hashes of its inline scripts', () => {
    const cache = new PageCache(5000);
    const html = '<html><script nonce="N1">a()</script><script nonce="N1" type="module" src="/x.js"></script><script nonce="N1">b()</script></html>';
    cache.put('k', { status: 200, headers: new Headers({ 'Content-Type': 'text/html' }), body: html, nonce: 'N1' }, 0);
    const page = cache.get('k', 1000);
    const expected = '<html><script>a()</script><script type="module" src="/x.js"></script><script>b()</script></html>';
    expect(page?.body.toString()).toBe(expected);
    expect(zlib.gunzipSync(page?.gzip ?? Buffer.alloc(0)).toString()).toBe(expected);
    expect(page?.scriptHashes).toEqual([scriptHash('a()'), scriptHash('b()')]);
    expect(scriptHash('a()')).toBe(crypto.createHash('sha256').update('a()').digest('base64'));
    expect(page?.headers).toEqual([['content-type', 'text/html']]);
    expect(inlineScripts('<script src="a.js"></script><SCRIPT>x</SCRIPT>')).toEqual(['x']);
  });

  it('forgets pages after their time, on request, and when full', () => {
    const cache = new PageCache(5000, 60);
    const put = (key: string, body: string) => cache.put(key, { status: 200, headers: new Headers({ 'Content-Type': 'application/json' }), body, nonce: '' }, 0);
    put('a', '12345');
    expect(cache.get('a', 4999)).toBeDefined();
    expect(cache.get('a', 5000)).toBeUndefined();
    put('a', '12345');
    put('b', '678901');
    expect(cache.get('a', 1)).toBeUndefined(); // both do not fit: the oldest went
    expect(cache.get('b', 1)).toBeDefined();
    cache.clear();
    expect(cache.size).toBe(0);
    expect(new PageCache(0).enabled).toBe(false);
  });
});
