/**
 * The upload sweep: stored files that no table refers to and that are older than a day are
 * removed, at start-up and then every few hours, each one logged with its key.
 */
import { referencedStorageKeys } from '~/models/stored-files.server';
import { sweepOrphanUploads } from './uploads.server';
import { runExclusively } from './exclusive-work.server';
import { sweepRateLimits } from './rate-limit.server';
import { errorFields, log } from '~/log.server';

const SWEEP_EVERY_MS = 6 * 60 * 60 * 1000;

/** Sweeps once; returns the keys of the removed files. */
export async function sweepUnreferencedUploads(now = new Date()): Promise<string[]> {
  // The database is read only when some file is old enough to be a candidate.
  let referenced: Set<string> | undefined;
  const removed = await sweepOrphanUploads(async (key) =>
 (referenced ??= await referencedStorageKeys()).has(key), { now });
  for (const key of removed) log.info(`Removed unused upload ${key} (no table refers to it).`);
  return removed;
}

let timer: NodeJS.Timeout | undefined;

const LIMIT_SWEEP_EVERY_MS = 60 * 60 * 1000;
let limitTimer: NodeJS.Timeout | undefined;

/**
 * Sweeps every few hours (start-up sweeps once itself); the rate limit counters hourly. One
 * process at a time, whichever of the nodes sharing DATA_DIR and the database gets there first.
 */
export function startUploadSweeper(): void {
  if (timer) return;
  timer = setInterval(() => {
    runExclusively('upload-sweep', async () => void (await sweepUnreferencedUploads())).catch((error: unknown) => log.error(errorFields(error), 'upload sweep failed'));
  }, SWEEP_EVERY_MS);
  limitTimer = setInterval(() => {
    runExclusively('rate-limit-sweep', () => sweepRateLimits()).catch((error: unknown) => log.warn(errorFields(error), 'rate limit sweep failed'));
  }, LIMIT_SWEEP_EVERY_MS);
  limitTimer.unref();

  timer.unref();
}
