/**
 * The ceiling on heavy downloads by anonymous visitors, per address: a whole large table, or a
 * chart image (a PNG is rasterised, and a chart of a large table counts its rows first). Plenty
 * for people, a limit for a script that would keep a core busy making the same file in a loop.
 * Signed-in people are not limited: they are accountable, and the API has its own tokens.
 */
import { errorPageResponse } from './error-page.server';
import { retryAfterHeaders, type RateLimiter } from './rate-limit.server';

/** The 429 page to answer with, or null when this download may go ahead. */
export async function anonymousDownloadRefusal(request: Request, clientIp: string | null | undefined, limiter: RateLimiter, back: { href: string; body: 'errors.tooManyDownloads.body' | 'errors.tooManyChartImages.body' }): Promise<Response | null> {
  const limited = await limiter.attempt(`ip:${clientIp ?? 'unknown'}`, Date.now());
  if (limited.allowed) return null;
  const page = await errorPageResponse(request, { status: 429, title: 'errors.tooMany.title', body: back.body, back: { href: back.href, label: 'errors.back' } });
  for (const [name, value] of Object.entries(retryAfterHeaders(limited.retryAfterMs))) page.headers.set(name, value);
  return page;
}
