/**
 * Rate limit counters and sign-in failures in the database, so that every app process counts the
 * same attempts (several nodes behind one load balancer). Each attempt is one statement: an upsert
 * that opens, counts in or restarts the window atomically, so two processes never both let the
 * limit's last attempt through.
 */
import { eq, lt, lte, sql } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { rateLimits, signInFailures } from '../../db/tables';
import { affectedRows } from './rows.server';

export type LimitResult = { allowed: true } | { allowed: false; retryAfterMs: number };

/**
 * Counts an attempt against `bucket`: at most `limit` within a window of `windowMs` opened by the
 * first attempt. A refused attempt is counted too (it does not lengthen the wait).
 */
export async function countAttempt(bucket: string, limit: number, windowMs: number, now: Date): Promise<LimitResult> {
  const resetsAt = new Date(now.getTime() + windowMs);
  const windowOver = lte(rateLimits.resetsAt, now);
  const [row] = await getDb()
    .insert(rateLimits)
    .values({ bucket, count: 1, resetsAt })
    .onConflictDoUpdate({
      target: rateLimits.bucket,
      set: {
        count: sql`case when ${windowOver} then 1 else ${rateLimits.count} + 1 end`,
        resetsAt: sql`case when ${windowOver} then ${sql.param(resetsAt, rateLimits.resetsAt)} else ${rateLimits.resetsAt} end`,
      },
    })
    .returning({ count: rateLimits.count, resetsAt: rateLimits.resetsAt });
  if (!row || row.count <= limit) return { allowed: true };
  return { allowed: false, retryAfterMs: Math.max(1, row.resetsAt.getTime() - now.getTime()) };
}

/** Windows that closed before `before`: nothing counts in them any more. */
export async function deleteClosedWindows(before: Date): Promise<number> {
  return affectedRows(await getDb().delete(rateLimits).where(lt(rateLimits.resetsAt, before)));
}

export interface SignInFailureRecord {
  failures: number;
  lastFailureAt: Date;
}

export async function getSignInFailures(key: string): Promise<SignInFailureRecord | undefined> {
  return (await getDb().select({ failures: signInFailures.failures, lastFailureAt: signInFailures.lastFailureAt }).from(signInFailures).where(eq(signInFailures.key, key)).limit(1))[0];
}

/** One more failure; a record last failed before `forgetBefore` starts again from one. */
export async function recordSignInFailure(key: string, now: Date, forgetBefore: Date): Promise<void> {
  await getDb()
    .insert(signInFailures)
    .values({ key, failures: 1, lastFailureAt: now })
    .onConflictDoUpdate({
      target: signInFailures.key,
      set: {
        failures: sql`case when ${lt(signInFailures.lastFailureAt, forgetBefore)} then 1 else ${signInFailures.failures} + 1 end`,
        lastFailureAt: now,
      },
    });
}

export async function clearSignInFailures(key: string): Promise<void> {
  await getDb().delete(signInFailures).where(eq(signInFailures.key, key));
}

export async function deleteForgottenSignInFailures(before: Date): Promise<number> {
  return affectedRows(await getDb().delete(signInFailures).where(lt(signInFailures.lastFailureAt, before)));
}
