/**
 * Background work that only one app process may run at a time (several nodes share one database):
 * the daily digests, the sweeps. A run goes ahead only while this process holds the work's lease,
 * which it renews while the run lasts; a process that dies stops renewing, and its lease expires
 * for another to take over at its next turn.
 */
import { releaseLease, takeLease } from '~/models/job-leases.server';
import { NODE_ID } from '~/node-id.server';
import { errorFields, log } from '~/log.server';

const LEASE_MS = 2 * 60_000;
const RENEW_MS = 30_000;

/** Runs `work` if no other process is running it now; answers false (doing nothing) if one is. */
/** Work this process is running now: its lease is its own, so the lease alone would let it in twice. */
const runningHere = new Set<string>();

export async function runExclusively(name: string, work: () => Promise<void>): Promise<boolean> {
  if (runningHere.has(name)) return false;
  runningHere.add(name);
  try {
    return await runUnderLease(name, work);
  } finally {
    runningHere.delete(name);
  }
}

async function runUnderLease(name: string, work: () => Promise<void>): Promise<boolean> {
  const leaseUntil = () => new Date(Date.now() + LEASE_MS);
  if (!(await takeLease(name, NODE_ID, leaseUntil()))) return false;
  const renew = setInterval(() => {
    takeLease(name, NODE_ID, leaseUntil()).then(
      // Lost only if this run outlasted its lease unrenewed (the database out of reach): another
      // process may be doing the same work now. The work is idempotent; the log says it happened.
      (held) => held || log.warn(`lease on ${name} lost while running; another process may be running it too`),
      (error: unknown) => log.warn(errorFields(error), `lease on ${name} not renewed`),
    );
  }, RENEW_MS);
  renew.unref();
  try {
    await work();
  } finally {
    clearInterval(renew);
    await releaseLease(name, NODE_ID).catch((error: unknown) => log.warn(errorFields(error), `lease on ${name} not released`));
  }
  return true;
}
