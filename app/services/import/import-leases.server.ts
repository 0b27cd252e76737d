/**
 * Keeps this process's import jobs alive in the eyes of the other processes sharing the database
 * (their leases, app/models/resources.server.ts), and fails the jobs of processes that died: every
 * minute, one process at a time, a job whose lease expired is failed as interrupted and the tables
 * it was building are dropped.
 */
import { failAbandonedImports, IMPORT_LEASE_RENEW_MS, renewImportLeases } from '~/models/resources.server';
import { runExclusively } from '../exclusive-work.server';
import { errorFields, log } from '~/log.server';

const RECOVERY_EVERY_MS = 60_000;

let renewTimer: NodeJS.Timeout | undefined;
let recoveryTimer: NodeJS.Timeout | undefined;

/**
 * Renews this process's import leases from its first queued import on (the server, the CLI and the
 * seeders all import); the timer does not keep a process alive.
 */
export function keepImportLeasesAlive(): void {
  if (renewTimer) return;
  renewTimer = setInterval(() => {
    renewImportLeases().catch((error: unknown) => log.warn(errorFields(error), 'import leases not renewed'));
  }, IMPORT_LEASE_RENEW_MS);
  renewTimer.unref();
}

/** The server's check, every minute, for the imports of processes that died. */
export function startImportRecovery(): void {
  if (recoveryTimer) return;
  recoveryTimer = setInterval(() => {
    runExclusively('import-recovery', async () => {
      const failed = await failAbandonedImports();
      if (failed > 0) log.warn(`Failed ${failed} import(s) whose process stopped renewing them.`);
    }).catch((error: unknown) => log.warn(errorFields(error), 'import recovery failed'));
  }, RECOVERY_EVERY_MS);
  recoveryTimer.unref();
}
