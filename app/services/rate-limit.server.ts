/**
 * The site's rate limits and sign-in delays, and the 429 answer they lead to: a Retry-After header
 * and a translated message. The counts are kept in the database (app/models/rate-limits.server.ts),
 * so they hold whichever app process a request reaches.
 */
import crypto from 'node:crypto';
import { data } from '@remix-run/node';
import { FAILURE_MEMORY_MS, signInWait } from '~/lib/login-throttle';
import { clearSignInFailures, countAttempt, deleteClosedWindows, deleteForgottenSignInFailures, getSignInFailures, recordSignInFailure, type LimitResult } from '~/models/rate-limits.server';
import { errorFields, log } from '~/log.server';
import { getSecret } from '~/secrets.server';

export type { LimitResult };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * At most `limit` attempts per key within a window opened by the first of them. The name keeps
 * limiters apart in the shared table.
 */
export class RateLimiter {
  constructor(
    readonly name: string,
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** Counts an attempt; answers whether it is allowed and, if not, when to try again. */
  attempt(key: string, nowMs = Date.now()): Promise<LimitResult> {
    return countAttempt(`${this.name}:${storedKey(key)}`, this.limit, this.windowMs, new Date(nowMs));
  }
}

/**
 * Keys (addresses, e-mail addresses) are stored as keyed hashes: the counters hold no personal
 * data, so an erased account leaves nothing readable behind, and a stolen copy of the table cannot
 * be checked against a list of addresses without the site's secret.
 */
function storedKey(key: string): string {
  return crypto.createHmac('sha256', getSecret('session')).update(`rate-limit\u0000${key}`).digest('base64url').slice(0, 32);
}

/** Per account (or per account and step): growing delays after failures, app/lib/login-throttle.ts. */
export const loginThrottle = {
  async check(key: string, nowMs = Date.now()): Promise<LimitResult> {
    const record = await getSignInFailures(storedKey(key));
    return signInWait(record && { failures: record.failures, lastFailureAt: record.lastFailureAt.getTime() }, nowMs);
  },
  async fail(key: string, nowMs = Date.now()): Promise<void> {
    await recordSignInFailure(storedKey(key), new Date(nowMs), new Date(nowMs - FAILURE_MEMORY_MS));
  },
  async succeed(key: string): Promise<void> {
    await clearSignInFailures(storedKey(key));
  },
};

/** People's Choice: a person may change their vote, but not hammer the button or script it. */
export const voteLimiter = new RateLimiter('vote', 10, MINUTE);
/** Sign-in: per IP, a ceiling on attempts (per account, the growing delays above). */
export const loginIpLimiter = new RateLimiter('login-ip', 30, 15 * MINUTE);
/** Generous per IP: a training room behind one government NAT registers together. */
export const registerLimiter = new RateLimiter('register', 50, HOUR);
export const resetIpLimiter = new RateLimiter('reset-ip', 5, 15 * MINUTE);
export const resetAccountLimiter = new RateLimiter('reset-account', 3, HOUR);
export const verificationMailLimiter = new RateLimiter('verification-mail', 3, HOUR);
export const uploadLimiter = new RateLimiter('upload', 30, HOUR);
export const dataRequestLimiter = new RateLimiter('data-request', 10, HOUR);
/** Comments: a lively discussion, not a flood. */
export const commentMinuteLimiter = new RateLimiter('comment-minute', 5, MINUTE);
export const commentHourLimiter = new RateLimiter('comment-hour', 30, HOUR);
/**
 * Whole downloads of large tables by anonymous visitors, per address: plenty for people, a ceiling
 * for a script that would keep a core and the disk busy fetching the same million rows in a loop.
 */
export const largeDownloadLimiter = new RateLimiter('large-download', 10, 10 * MINUTE);
/** Chart images by anonymous visitors, per address: a PNG of any table, an SVG of a large one. */
export const chartImageLimiter = new RateLimiter('chart-image', 30, 10 * MINUTE);
/** Saving an entry: autosave runs every few seconds while someone types; a script is held to this. */
export const entrySaveLimiter = new RateLimiter('entry-save', 60, MINUTE);
/** Reports: enough for a real clean-up, too few for one account to flood every department's queue. */
export const reportLimiter = new RateLimiter('report', 20, HOUR);

/** Forgets closed windows and old failures; run hourly by the background work. */
export async function sweepRateLimits(now = new Date()): Promise<void> {
  try {
    await deleteClosedWindows(now);
    await deleteForgottenSignInFailures(new Date(now.getTime() - FAILURE_MEMORY_MS));
  } catch (error) {
    log.warn(errorFields(error), 'rate limit sweep failed');
  }
}

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

/** The first limit that refuses, checking (and counting against) every one of them. */
export async function firstRefusal(...attempts: Promise<LimitResult>[]): Promise<{ retryAfterMs: number } | null> {
  for (const result of await Promise.all(attempts)) if (!result.allowed) return { retryAfterMs: result.retryAfterMs };
  return null;
}
