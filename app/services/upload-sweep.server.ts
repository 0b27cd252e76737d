/**
 * The upload sweep: stored files that no table refers to and that are older than a day are
 * removed, at start-up and then every few hours, each one logged with its key.
 */
import { referencedStorageKeys } from '~/models/stored-files.server';
import { sweepOrphanUploads } from './uploads.server';
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

/** Sweeps now and every few hours after; idempotent. */
export function startUploadSweeper(): void {
  if (timer) return;
  timer = setInterval(() => {
    sweepUnreferencedUploads().catch((error: unknown) => log.error(errorFields(error), 'upload sweep failed'));
  }, SWEEP_EVERY_MS);

  timer.unref();
}
