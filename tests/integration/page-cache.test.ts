/**
 * The anonymous page cache on the real server: a second anonymous visit is served from memory
 * with a nonce of its own, signed-in visitors and other languages never get someone else's page,
 * and a change made through the site shows at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, PARTICIPANT } from '../helpers/demo';
import { HttpClient, visibleText } from '../helpers/http';
import { inlineScripts, scriptHash } from '../../server/page-cache';
import { startServer, type TestServer } from '../helpers/server';

let server: TestServer;

beforeAll(async () => {
  server = await startServer({ env: { PAGE_CACHE_SECONDS: '60' } });
});

afterAll(async () => {
  await server?.stop();
});

const CHALLENGE = '/challenges/bus-routes-from-card-data';
const nonceOf = (html: string) => /<script nonce="([^"]+)"/.exec(html)?.[1];

describe('the page cache', () => {
  it('serves anonymous visitors a kept page whose scripts the CSP allows by hash, in their language', async () => {
    const first = await new HttpClient(server.url, { 'Accept-Language': 'zh-CN' }).get(CHALLENGE);
    const second = await new HttpClient(server.url, { 'Accept-Language': 'zh-CN' }).get(CHALLENGE);
    expect(first.headers.get('x-page-cache')).toBeNull();
    expect(second.headers.get('x-page-cache')).toBe('hit');
    expect(visibleText(second.body)).toBe(visibleText(first.body));
    // No nonce is shared between visitors: the kept page has none, and its CSP names its scripts.
    expect(nonceOf(second.body)).toBeUndefined();
    const csp = second.headers.get('content-security-policy') ?? '';
    expect(csp).not.toContain('nonce-');
    for (const script of inlineScripts(second.body)) expect(csp).toContain(`'sha256-${scriptHash(script)}'`);

    const english = await new HttpClient(server.url, { 'Accept-Language': 'en' }).get(CHALLENGE);
    expect(english.headers.get('x-page-cache')).toBeNull();
    expect(english.body).toContain('lang="en"');
  });

  it('never serves a signed-in visitor from it, and shows a change made through the site at once', async () => {
    const anonymous = () => new HttpClient(server.url, { 'Accept-Language': 'zh-CN' });
    await anonymous().get(CHALLENGE);
    expect((await anonymous().get(CHALLENGE)).headers.get('x-page-cache')).toBe('hit');
    const citizen = new HttpClient(server.url, { 'Accept-Language': 'zh-CN' });
    await citizen.signIn(PARTICIPANT, DEMO_PASSWORD);
    const own = await citizen.get(CHALLENGE);
    expect(own.headers.get('x-page-cache')).toBeNull();
    expect(visibleText(own.body)).toContain('退出');

    const posted = await citizen.post(CHALLENGE, { intent: 'comment.create', formId: 'new', body: '缓存之后的新评论会马上出现吗？' });
    expect(posted.status).toBe(302);
    const after = await anonymous().get(CHALLENGE);
    expect(after.headers.get('x-page-cache')).toBeNull();
    expect(visibleText(after.body)).toContain('缓存之后的新评论会马上出现吗？');
  });
});
