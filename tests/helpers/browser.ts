/** Debian's Chromium driven by playwright-core; nothing is downloaded. */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { demoTotpCode } from './demo';
import { HttpClient } from './http';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-gpu'],
  });
}

/** A page that records console errors (CSP violations, hydration failures) for assertions. */
export async function newPage(
  browser: Browser,
  options: { locale?: string; viewport?: { width: number; height: number } } = {},
): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({ locale: options.locale ?? 'zh-CN', viewport: options.viewport ?? { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(String(error)));
  return { context, page, problems };
}

/** Resolves once React has hydrated, so clicks are handled by the app and not by plain HTML. */
export async function waitForHydration(page: Page): Promise<void> {
  await page.waitForFunction(() => (window as unknown as { __remixRouter?: { state: { initialized: boolean } } }).__remixRouter?.state.initialized === true);
}

/**
 * Retries an assertion until it passes or the time is up (playwright-core has no web-first
 * `expect`; this is the small part of it the tests need).
 */
export async function eventually(assertion: () => Promise<void> | void, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await assertion();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** After the password step: staff accounts are asked for their code, which the demo authenticator supplies. */
export async function passTwoFactorIfAsked(page: Page): Promise<void> {
  await page.waitForURL((url) => url.pathname !== '/login');
  if (new URL(page.url()).pathname !== '/login/two-factor') return;
  await waitForHydration(page);
  await page.getByLabel('验证码').fill(demoTotpCode());
  await page.getByRole('button', { name: '验证并登录' }).click();
  await page.waitForURL((url) => url.pathname !== '/login/two-factor');
}

/** Signs in through the form (and the second step for staff), landing on `redirectTo`, hydrated. */
export async function signInThroughForm(page: Page, baseUrl: string, email: string, password: string, redirectTo: string): Promise<void> {
  await page.goto(`${baseUrl}/login?${new URLSearchParams({ redirectTo })}`);
  await waitForHydration(page);
  await page.getByLabel('电子邮箱').fill(email);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await passTwoFactorIfAsked(page);
  await page.waitForURL((url) => url.pathname === redirectTo);
  await waitForHydration(page);
}

/**
 * Signs in over HTTP (the real sign-in, second factor included), hands the session cookie to the
 * browser and opens `redirectTo`, hydrated. Much faster than the form, which has tests of its own
 * (accounts.test.ts, and discussion.test.ts signs in through it).
 */
export async function signInAs(page: Page, baseUrl: string, email: string, password: string, redirectTo: string): Promise<void> {
  const client = new HttpClient(baseUrl);
  await client.signIn(email, password);
  await page.context().addCookies([...client.cookies].map(([name, value]) => ({ name, value, url: baseUrl })));
  await page.goto(`${baseUrl}${redirectTo}`);
  await waitForHydration(page);
}

/**
 * axe-core's serious and critical findings on the page as it stands (evaluated through the
 * DevTools protocol, which the page's Content-Security-Policy does not govern).
 */
export async function seriousAccessibilityViolations(page: Page): Promise<string[]> {
  const { source } = await import('axe-core');
  await page.evaluate(source);
  const found = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
  });
  return found;
}
