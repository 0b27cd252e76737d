/**
 * Growing delays after failed sign-ins: the first few failures cost nothing (people mistype), then
 * each further failure doubles the wait before the next attempt is even checked, up to an hour.
 * A success clears the record (kept in the database: app/models/rate-limits.server.ts). Pure; the
 * clock is passed in.
 */
export const FREE_FAILURES = 5;
const FIRST_DELAY_MS = 30_000;
const MAX_DELAY_MS = 60 * 60_000;
/** Failures older than this are forgotten. */
export const FAILURE_MEMORY_MS = 24 * 60 * 60_000;

export interface FailureRecord {
  failures: number;
  lastFailureAt: number;
}

export function delayAfter(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(FIRST_DELAY_MS * 2 ** (failures - FREE_FAILURES), MAX_DELAY_MS);
}

/** Whether an attempt may be checked now, given the account's failures; if not, how long to wait. */
export function signInWait(record: FailureRecord | undefined, nowMs: number): { allowed: true } | { allowed: false; retryAfterMs: number } {
  if (!record || nowMs - record.lastFailureAt > FAILURE_MEMORY_MS) return { allowed: true };
  const wait = delayAfter(record.failures) - (nowMs - record.lastFailureAt);
  return wait > 0 ? { allowed: false, retryAfterMs: wait } : { allowed: true };
}
