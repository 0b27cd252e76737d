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

let inFlight = 0;

/**
 * Renews this process's import leases while any import it queued is unfinished (the server, the
 * CLI and the seeders all import). The timer stops with the last one, so it neither keeps a process
 * alive nor opens the database again after a CLI command has closed it.
 */
export function whileImporting<T>(work: Promise<T>): Promise<T> {
  inFlight += 1;
  if (!renewTimer) {
    renewTimer = setInterval(() => {
      renewImportLeases().catch((error: unknown) => log.warn(errorFields(error), 'import leases not renewed'));
    }, IMPORT_LEASE_RENEW_MS);
    renewTimer.unref();
  }
  return work.finally(() => {
    inFlight -= 1;
    if (inFlight === 0 && renewTimer) {
      clearInterval(renewTimer);
      renewTimer = undefined;
    }
  });
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
