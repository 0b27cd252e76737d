/**
 * Free space where the database and uploads live. Below DISK_MIN_FREE_MB (default 500) the site
 * reports itself not ready and admins see a warning: SQLite needs room for its write-ahead log, so a
 * disk that fills up stops every save, not just uploads.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
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

const PROBE_TIMEOUT_MS = 3_000;

/**
 * Whether DATA_DIR takes a write now: a small file is written, read back and removed, within a few
 * seconds. A node whose shared DATA_DIR mount failed (or hangs) must not accept uploads that the
 * other nodes cannot see. Asynchronous, so a hanging mount blocks one thread of libuv's (one probe
 * at a time), not the site.
 */
let probeInFlight: Promise<unknown> | null = null;

export async function dataDirWritable(): Promise<{ ok: true } | { ok: false; error: string }> {
  // A probe that hangs holds one of libuv's four threads: never start a second beside it.
  if (probeInFlight) return { ok: false, error: 'an earlier check has not finished' };
  const probe = path.join(config().dataDir, `.ready-${process.pid}-${crypto.randomBytes(4).toString('hex')}`);
  const check = (async () => {
    const content = `${Date.now()}`;
    await fs.promises.writeFile(probe, content);
    try {
      if ((await fs.promises.readFile(probe, 'utf8')) !== content) throw new Error('read back something else');
    } finally {
      await fs.promises.rm(probe, { force: true });
    }
  })();
  probeInFlight = check;
  void check.then(
    () => (probeInFlight = null),
    () => (probeInFlight = null),
  );
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${PROBE_TIMEOUT_MS / 1000} s`)), PROBE_TIMEOUT_MS);
  });
  try {
    await Promise.race([check, timeout]);
    return { ok: true };
  } catch (error) {
    check.catch(() => undefined);
    return { ok: false, error: (error as NodeJS.ErrnoException).code ?? (error as Error).message };
  } finally {
    clearTimeout(timer);
  }
}
