/**
 * The process's rate limiters (one Node process serves the site, so memory is the right store),
 * and the 429 answer they lead to: a Retry-After header and a translated message.
 */
import { data } from '@remix-run/node';
import { LoginThrottle } from '~/lib/login-throttle';
import { RateLimiter } from '~/lib/rate-limit';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** People's Choice: a person may change their vote, but not hammer the button or script it. */
export const voteLimiter = new RateLimiter(10, MINUTE);
/** Sign-in: per address, growing delays after failures; per IP, a ceiling on attempts. */
export const loginThrottle = new LoginThrottle();
export const loginIpLimiter = new RateLimiter(30, 15 * MINUTE);
/** Generous per IP: a training room behind one government NAT registers together. */
export const registerLimiter = new RateLimiter(50, HOUR);
export const resetIpLimiter = new RateLimiter(5, 15 * MINUTE);
export const resetAccountLimiter = new RateLimiter(3, HOUR);
export const verificationMailLimiter = new RateLimiter(3, HOUR);
export const uploadLimiter = new RateLimiter(30, HOUR);
export const dataRequestLimiter = new RateLimiter(10, HOUR);
/** Comments: a lively discussion, not a flood. */
export const commentMinuteLimiter = new RateLimiter(5, MINUTE);
export const commentHourLimiter = new RateLimiter(30, HOUR);
/**
 * Whole downloads of large tables by anonymous visitors, per address: plenty for people, a ceiling
 * for a script that would keep a core and the disk busy fetching the same million rows in a loop.
 */
export const largeDownloadLimiter = new RateLimiter(10, 10 * MINUTE);
/** Chart images by anonymous visitors, per address: a PNG of any table, an SVG of a large one. */
export const chartImageLimiter = new RateLimiter(30, 10 * MINUTE);
/** Saving an entry: autosave runs every few seconds while someone types; a script is held to this. */
export const entrySaveLimiter = new RateLimiter(60, MINUTE);
/** Reports: enough for a real clean-up, too few for one account to flood every department's queue. */
export const reportLimiter = new RateLimiter(20, HOUR);

export type LimitResult = { allowed: true } | { allowed: false; retryAfterMs: number };

/** Seconds to wait, rounded up (Retry-After takes whole seconds). */
export function retryAfterSeconds(retryAfterMs: number): number {
  return Math.max(1, Math.ceil(retryAfterMs / 1000));
}

export function retryAfterHeaders(retryAfterMs: number): Record<string, string> {
  return { 'Retry-After': String(retryAfterSeconds(retryAfterMs)) };
}

/** An action answer for forms: status 429, the wait in minutes for the message, the form's data kept. */
export function rateLimitedData<T extends object>(retryAfterMs: number, payload: T) {
  const minutes = Math.max(1, Math.ceil(retryAfterMs / MINUTE));
  return data({ ...payload, rateLimited: { minutes } }, { status: 429, headers: retryAfterHeaders(retryAfterMs) });
}

/** For endpoints without a form to return to: throws 429 to the error page. */
export function throwRateLimited(retryAfterMs: number): never {
  throw new Response(String(Math.max(1, Math.ceil(retryAfterMs / MINUTE))), { status: 429, statusText: 'Too Many Requests', headers: retryAfterHeaders(retryAfterMs) });
}

/** The first limit that refuses, checking (and counting against) each in turn. */
export function firstRefusal(...results: LimitResult[]): { retryAfterMs: number } | null {
  for (const result of results) if (!result.allowed) return { retryAfterMs: result.retryAfterMs };
  return null;
}
