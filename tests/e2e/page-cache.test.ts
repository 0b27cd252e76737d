/**
 * A page sent from the anonymous page cache carries no nonce: its inline scripts run because the
 * CSP lists their hashes. In Chromium, the kept page hydrates and navigates like a fresh one, with
 * no CSP violation.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage, waitForHydration } from '../helpers/browser';
import { startServer, type TestServer } from '../helpers/server';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer({ env: { PAGE_CACHE_SECONDS: '60' } });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('a page from the cache', () => {
  it('hydrates and navigates under its hash-based CSP', async () => {
    // The first visit fills the cache; the browser's visit is then served from it.
    const first = await fetch(`${server.url}/challenges`, { headers: { 'Accept-Language': 'zh-CN' } });
    expect(first.headers.get('x-page-cache')).toBeNull();
    const { context, page, problems } = await newPage(browser);
    const response = await page.goto(`${server.url}/challenges`);
    expect(response?.headers()['x-page-cache']).toBe('hit');
    expect(response?.headers()['content-security-policy']).toMatch(/script-src 'self' 'sha256-/);
    await waitForHydration(page);
    await page.getByRole('link', { name: '征集中', exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('phase') === 'open');
    expect(problems).toEqual([]);
    await context.close();
  });
});
