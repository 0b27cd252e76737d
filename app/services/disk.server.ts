/**
 * Free space where the database and uploads live. Below DISK_MIN_FREE_MB (default 500) the site
 * reports itself not ready and admins see a warning: SQLite needs room for its write-ahead log, so a
 * disk that fills up stops every save, not just uploads.
 */
import fs from 'node:fs';
import { config } from '~/config.server';

export function minimumFreeBytes(): number {
  return config().diskMinFreeBytes;
}

export interface DiskSpace {
  freeBytes: number;
  totalBytes: number;
  /** Free space is under the configured minimum. */
  low: boolean;
}

export function diskSpace(): DiskSpace {
  const stats = fs.statfsSync(config().dataDir);
  const freeBytes = stats.bavail * stats.bsize;
  return { freeBytes, totalBytes: stats.blocks * stats.bsize, low: freeBytes < minimumFreeBytes() };
}
