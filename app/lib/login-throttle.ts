/**
 * Growing delays after failed sign-ins: the first few failures cost nothing (people mistype), then
 * each further failure doubles the wait before the next attempt is even checked, up to an hour.
 * A success clears the record. Pure apart from the clock, which is passed in.
 */
export const FREE_FAILURES = 5;
const FIRST_DELAY_MS = 30_000;
const MAX_DELAY_MS = 60 * 60_000;
/** Failures older than this are forgotten. */
const MEMORY_MS = 24 * 60 * 60_000;

interface Record {
  failures: number;
  lastFailureAt: number;
}

export class LoginThrottle {
  private readonly records = new Map<string, Record>();

  constructor(private readonly maxKeys = 50_000) {}

  /** Whether an attempt may be checked now; if not, how long to wait. */
  check(key: string, nowMs: number): { allowed: true } | { allowed: false; retryAfterMs: number } {
    const record = this.records.get(key);
    if (!record) return { allowed: true };
    if (nowMs - record.lastFailureAt > MEMORY_MS) {
      this.records.delete(key);
      return { allowed: true };
    }
    const wait = delayAfter(record.failures) - (nowMs - record.lastFailureAt);
    return wait > 0 ? { allowed: false, retryAfterMs: wait } : { allowed: true };
  }

  fail(key: string, nowMs: number): void {
    const record = this.records.get(key);
    this.records.delete(key);
    this.records.set(key, { failures: (record?.failures ?? 0) + 1, lastFailureAt: nowMs });
    if (this.records.size > this.maxKeys) {
      const oldest = this.records.keys().next().value;
      if (oldest !== undefined) this.records.delete(oldest);
    }
  }

  succeed(key: string): void {
    this.records.delete(key);
  }
}

export function delayAfter(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(FIRST_DELAY_MS * 2 ** (failures - FREE_FAILURES), MAX_DELAY_MS);
}
