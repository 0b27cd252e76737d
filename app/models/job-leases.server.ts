/**
 * Leases on work only one app process may do at a time (db/schema.ts `job_leases`). Taking one is
 * a single upsert that succeeds only when the lease is free, expired or already this owner's, so
 * two processes never both hold it.
 */
import { and, eq, lte, or } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { jobLeases } from '../../db/tables';

/** Takes (or renews) the lease until `expiresAt`; false while another owner holds it. */
export async function takeLease(name: string, owner: string, expiresAt: Date, now = new Date()): Promise<boolean> {
  const rows = await getDb()
    .insert(jobLeases)
    .values({ name, owner, expiresAt })
    .onConflictDoUpdate({ target: jobLeases.name, set: { owner, expiresAt }, setWhere: or(lte(jobLeases.expiresAt, now), eq(jobLeases.owner, owner)) })
    .returning({ owner: jobLeases.owner });
  return rows.length === 1;
}

/** Gives the lease up at once, if this owner still holds it. */
export async function releaseLease(name: string, owner: string): Promise<void> {
  await getDb().delete(jobLeases).where(and(eq(jobLeases.name, name), eq(jobLeases.owner, owner)));
}
