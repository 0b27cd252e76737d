import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import { applyMigrations } from '../../db/migrate';
import { releaseLease, takeLease } from './job-leases.server';
import { clearSignInFailures, countAttempt, deleteClosedWindows, getSignInFailures, recordSignInFailure } from './rate-limits.server';

beforeAll(async () => {
  await applyMigrations(getDb());
});

const at = (ms: number) => new Date(Date.UTC(2026, 11, 7) + ms);

describe('rate limits in the database', () => {
  it('allow the limit within a window opened by the first attempt, then refuse until it closes', async () => {
    for (let i = 0; i < 3; i += 1) expect(await countAttempt('login-ip:a', 3, 60_000, at(i * 1000))).toEqual({ allowed: true });
    expect(await countAttempt('login-ip:a', 3, 60_000, at(10_000))).toEqual({ allowed: false, retryAfterMs: 50_000 });
    // Another key and another limiter count apart.
    expect(await countAttempt('login-ip:b', 3, 60_000, at(10_000))).toEqual({ allowed: true });
    expect(await countAttempt('vote:a', 3, 60_000, at(10_000))).toEqual({ allowed: true });
    // A new window opens once the first has closed.
    expect(await countAttempt('login-ip:a', 3, 60_000, at(60_000))).toEqual({ allowed: true });
    expect(await countAttempt('login-ip:a', 3, 60_000, at(61_000))).toEqual({ allowed: true });
  });

  it('let exactly the limit through when attempts arrive at the same moment', async () => {
    const results = await Promise.all(Array.from({ length: 40 }, () => countAttempt('burst:x', 30, 60_000, at(0))));
    expect(results.filter((r) => r.allowed)).toHaveLength(30);
  });

  it('forget closed windows in the sweep', async () => {
    await countAttempt('sweep:old', 1, 1_000, at(0));
    await countAttempt('sweep:new', 1, 3_600_000, at(0));
    expect(await deleteClosedWindows(at(5_000))).toBeGreaterThanOrEqual(1);
    expect(await countAttempt('sweep:new', 1, 3_600_000, at(6_000))).toMatchObject({ allowed: false });
  });

  it('count sign-in failures, restart after the memory runs out, and clear on success', async () => {
    await recordSignInFailure('a@example.cn', at(0), at(-86_400_000));
    await recordSignInFailure('a@example.cn', at(1000), at(-86_400_000));
    expect(await getSignInFailures('a@example.cn')).toEqual({ failures: 2, lastFailureAt: at(1000) });
    await recordSignInFailure('a@example.cn', at(200_000_000), at(200_000_000 - 86_400_000));
    expect((await getSignInFailures('a@example.cn'))?.failures).toBe(1);
    await clearSignInFailures('a@example.cn');
    expect(await getSignInFailures('a@example.cn')).toBeUndefined();
  });
});

describe('job leases', () => {
  it('are held by one owner until released or expired', async () => {
    expect(await takeLease('digests', 'node-a', at(60_000), at(0))).toBe(true);
    expect(await takeLease('digests', 'node-b', at(70_000), at(10_000))).toBe(false);
    // The holder renews.
    expect(await takeLease('digests', 'node-a', at(120_000), at(30_000))).toBe(true);
    // Expired: another takes it over.
    expect(await takeLease('digests', 'node-b', at(200_000), at(130_000))).toBe(true);
    await releaseLease('digests', 'node-a'); // not a's any more: nothing happens
    expect(await takeLease('digests', 'node-a', at(200_000), at(140_000))).toBe(false);
    await releaseLease('digests', 'node-b');
    expect(await takeLease('digests', 'node-a', at(200_000), at(150_000))).toBe(true);
  });
});
