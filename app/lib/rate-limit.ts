/**
 * A sliding-window rate limiter keyed by any string (user id, IP). Pure apart from the clock,
 * which is passed in, so it is unit-testable. Memory is bounded: keys whose window has passed are
 * swept, and the number of tracked keys is capped (the oldest go first) so a flood of distinct
 * keys cannot grow the process.
 */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly maxKeys = 50_000,
  ) {}

  /** Records an attempt; returns whether it is allowed and, if not, when to try again. */
  attempt(key: string, nowMs: number): { allowed: true } | { allowed: false; retryAfterMs: number } {
    const since = nowMs - this.windowMs;
    const recent = (this.hits.get(key) ?? []).filter((t) => t > since);
    if (recent.length >= this.limit) {
      this.hits.set(key, recent);
      return { allowed: false, retryAfterMs: (recent[0] ?? nowMs) + this.windowMs - nowMs };
    }
    recent.push(nowMs);
    // Re-inserting keeps the map in least-recently-used order for the cap below.
    this.hits.delete(key);
    this.hits.set(key, recent);
    if (this.hits.size > this.maxKeys) this.sweep(nowMs);
    return { allowed: true };
  }

  private sweep(nowMs: number) {
    const since = nowMs - this.windowMs;
    for (const [key, times] of this.hits) if ((times[times.length - 1] ?? 0) <= since) this.hits.delete(key);
    while (this.hits.size > this.maxKeys) {
      const oldest = this.hits.keys().next().value;
      if (oldest === undefined) break;
      this.hits.delete(oldest);
    }
  }
}
