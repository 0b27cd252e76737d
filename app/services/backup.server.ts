/**
 * Backups an operator can trust: `jdz backup create` copies the database (online, consistent),
 * secrets.json and every stored file the database refers to into one directory with a manifest of
 * sizes and SHA-256 checksums; `backup verify` checks all of it; `backup restore` puts it back into
 * a data directory, never while a server is using it and never without the secrets (without them
 * every official's and admin's second factor, and every signed link, would stop working).
 * With BACKUP_DIR set the server also makes one every BACKUP_INTERVAL_HOURS (24) and keeps the
 * newest BACKUP_KEEP (7).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { checkDatabaseFile, snapshotDatabase } from '~/models/backups.server';
import { config } from '~/config.server';
import { errorFields, log } from '~/log.server';
import { uploadsDir } from './uploads.server';
import { importPool } from './workers/pool.server';

export const DATABASE_FILE = 'jindianzi.db';
export const SECRETS_FILE = 'secrets.json';
export const MANIFEST_FILE = 'manifest.json';
const BACKUP_NAME = /^jindianzi-backup-\d{8}T\d{6}Z(-\d+)?$/;
/** The server writes its process id here while it runs, so a restore can refuse to run under it. */
export const SERVER_PID_FILE = 'server.pid';

export interface BackupManifest {
  format: 1;
  createdAt: string;
  migrations: number;
  files: { path: string; bytes: number; sha256: string }[];
  /** Stored files the database referred to that were gone when they were copied (deleted meanwhile). */
  missingUploads: string[];
}

async function sha256Of(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function backupName(now: Date): string {
  return `jindianzi-backup-${now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '')}`;
}

/** A new, empty directory for a backup under `root` (a second backup in the same second gets a suffix). */
function newBackupDir(root: string, now: Date): string {
  fs.mkdirSync(root, { recursive: true });
  const base = path.join(root, backupName(now));
  for (let n = 0; ; n += 1) {
    const dir = n === 0 ? base : `${base}-${n}`;
    try {
      fs.mkdirSync(dir);
      return dir;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

/**
 * Makes a backup under `root`. The database is copied first; then the stored files that copy
 * refers to, so the backup holds every file its database needs (files are written before the rows
 * that name them, and removed only after). Written to a hidden directory and renamed when complete,
 * so a half-made backup is never mistaken for one.
 */
export async function createBackup(root: string, now = new Date()): Promise<{ dir: string; manifest: BackupManifest }> {
  const finalDir = newBackupDir(root, now);
  const work = path.join(root, `.${path.basename(finalDir)}.partial`);
  fs.rmSync(finalDir, { recursive: true });
  fs.mkdirSync(path.join(work, 'uploads'), { recursive: true });
  try {
    await snapshotDatabase(path.join(work, DATABASE_FILE));
    const secrets = path.join(config().dataDir, SECRETS_FILE);
    fs.copyFileSync(secrets, path.join(work, SECRETS_FILE));
    fs.chmodSync(path.join(work, SECRETS_FILE), 0o600);
    const check = checkDatabaseFile(path.join(work, DATABASE_FILE), { integrity: false });
    const missingUploads: string[] = [];
    for (const key of check.referencedKeys) {
      try {
        await fs.promises.copyFile(path.join(uploadsDir(), key), path.join(work, 'uploads', key));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        missingUploads.push(key);
      }
    }
    const files: BackupManifest['files'] = [];
    for (const relative of [DATABASE_FILE, SECRETS_FILE, ...fs.readdirSync(path.join(work, 'uploads')).sort().map((key) => `uploads/${key}`)]) {
      const file = path.join(work, relative);
      files.push({ path: relative, bytes: fs.statSync(file).size, sha256: await sha256Of(file) });
    }
    const manifest: BackupManifest = { format: 1, createdAt: now.toISOString(), migrations: check.migrationsApplied, files, missingUploads };
    fs.writeFileSync(path.join(work, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    fs.renameSync(work, finalDir);
    return { dir: finalDir, manifest };
  } catch (error) {
    fs.rmSync(work, { recursive: true, force: true });
    throw error;
  }
}

/** Everything wrong with a backup directory; empty when it can be restored. */
export async function verifyBackup(dir: string): Promise<string[]> {
  const problems: string[] = [];
  const manifestFile = path.join(dir, MANIFEST_FILE);
  if (!fs.existsSync(manifestFile)) return [`no ${MANIFEST_FILE}: not a finished backup`];
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as BackupManifest;
  } catch {
    return [`${MANIFEST_FILE} cannot be read`];
  }
  if (manifest.format !== 1 || !Array.isArray(manifest.files)) return [`${MANIFEST_FILE} is not a backup manifest this version understands`];
  for (const entry of manifest.files) {
    const file = path.join(dir, entry.path);
    // The manifest is only trusted to name files inside the backup.
    if (path.relative(dir, file).startsWith('..') || path.isAbsolute(path.relative(dir, file))) {
      problems.push(`${entry.path}: outside the backup`);
      continue;
    }
    if (!fs.existsSync(file)) problems.push(`${entry.path}: missing`);
    else if (fs.statSync(file).size !== entry.bytes || (await sha256Of(file)) !== entry.sha256) problems.push(`${entry.path}: changed since the backup was made (size or checksum differs)`);
  }
  if (!fs.existsSync(path.join(dir, SECRETS_FILE))) problems.push(`${SECRETS_FILE}: missing (without it no one's second factor would work after a restore)`);
  const database = path.join(dir, DATABASE_FILE);
  if (!fs.existsSync(database)) return [...problems, `${DATABASE_FILE}: missing`];
  const check = checkDatabaseFile(database);
  if (check.integrity !== 'ok') problems.push(`${DATABASE_FILE}: integrity check failed: ${check.integrity}`);
  for (const key of check.referencedKeys) {
    if (!fs.existsSync(path.join(dir, 'uploads', key)) && !manifest.missingUploads.includes(key)) problems.push(`uploads/${key}: referred to by the database but not in the backup`);
  }
  return problems;
}

/** The process id in DATA_DIR/server.pid if that process is still running. */
export function runningServerPid(dataDir: string): number | null {
  try {
    const pid = Number(fs.readFileSync(path.join(dataDir, SERVER_PID_FILE), 'utf8').trim());
    if (!Number.isInteger(pid) || pid <= 0) return null;
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}

export class RestoreRefusedError extends Error {}

/**
 * Restores a verified backup: the database to `databaseFile` (DATABASE_URL), secrets and uploads into
 * `dataDir` (DATA_DIR). Refuses while a server runs on it, and refuses to replace an existing
 * database unless `force`; with `force` the files it replaces are kept beside them (renamed
 * `*.before-restore-<time>`), never deleted.
 */
export async function restoreBackup(dir: string, place: { dataDir: string; databaseFile: string }, options: { force?: boolean; now?: Date } = {}): Promise<{ files: number }> {
  const { dataDir, databaseFile: target } = place;
  const problems = await verifyBackup(dir);
  if (problems.length > 0) throw new RestoreRefusedError(`The backup does not verify:\n  ${problems.join('\n  ')}`);
  const pid = runningServerPid(dataDir);
  if (pid !== null) throw new RestoreRefusedError(`A server (process ${pid}) is using ${dataDir}. Stop it first (or, if no server runs, delete ${SERVER_PID_FILE} there).`);
  fs.mkdirSync(dataDir, { recursive: true });
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const replaced = [target, `${target}-wal`, `${target}-shm`, path.join(dataDir, SECRETS_FILE)].filter((file) => fs.existsSync(file));
  if (fs.existsSync(target) && !options.force) throw new RestoreRefusedError(`${target} exists. Restore into an empty directory, or pass --force to set the current files aside.`);
  const stamp = (options.now ?? new Date()).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  for (const file of replaced) fs.renameSync(file, `${file}.before-restore-${stamp}`);

  const uploads = path.join(dataDir, 'uploads');
  fs.mkdirSync(uploads, { recursive: true });
  let files = 0;
  for (const key of fs.readdirSync(path.join(dir, 'uploads'))) {
    const destination = path.join(uploads, key);
    // A stored file with the same key is the same content (keys are random and never reused).
    if (!fs.existsSync(destination)) fs.copyFileSync(path.join(dir, 'uploads', key), destination);
    files += 1;
  }
  fs.copyFileSync(path.join(dir, SECRETS_FILE), path.join(dataDir, SECRETS_FILE));
  fs.chmodSync(path.join(dataDir, SECRETS_FILE), 0o600);
  // The database goes last, through a temporary name: a restore cut short leaves no database that
  // lacks its files.
  fs.copyFileSync(path.join(dir, DATABASE_FILE), `${target}.restoring`);
  fs.renameSync(`${target}.restoring`, target);
  return { files: files + 2 };
}

/** Finished backups under `root`, newest first. */
export function listBackups(root: string): { dir: string; createdAt: Date }[] {
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root)
    .filter((name) => BACKUP_NAME.test(name) && fs.existsSync(path.join(root, name, MANIFEST_FILE)))
    .map((name) => ({ dir: path.join(root, name), createdAt: new Date((JSON.parse(fs.readFileSync(path.join(root, name, MANIFEST_FILE), 'utf8')) as BackupManifest).createdAt) }))
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
}

const DAY = 24 * 3_600_000;

/**
 * Removes all but the newest `keep` finished backups, and what a backup cut short (a crash, a full
 * disk) left behind more than a day ago; returns what it removed.
 */
export function pruneBackups(root: string, keep: number, now = Date.now()): string[] {
  const abandoned = fs.existsSync(root)
    ? fs
        .readdirSync(root)
        .filter((name) => name.startsWith('.jindianzi-backup-') && name.endsWith('.partial'))
        .map((name) => path.join(root, name))
        .filter((dir) => now - fs.statSync(dir).mtimeMs > DAY)
    : [];
  const removed = [
    ...listBackups(root)
      .slice(Math.max(1, keep))
      .map((b) => b.dir),
    ...abandoned,
  ];
  for (const dir of removed) fs.rmSync(dir, { recursive: true, force: true });
  return removed;
}

let scheduler: NodeJS.Timeout | undefined;
const CHECK_EVERY_MS = 15 * 60 * 1000;

/** Scheduled backups into BACKUP_DIR, when it is set. */
export function startBackupScheduler(): void {
  const { dir: root, intervalMs, keep } = config().backup;
  if (!root || scheduler) return;
  let running = false;
  const tick = () => {
    if (running) return;
    const newest = listBackups(root)[0];
    if (newest && Date.now() - newest.createdAt.getTime() < intervalMs) return;
    running = true;
    // In the import thread: reading every stored file and the database's keys takes a while on a
    // large site, and imports and backups both read a lot, so they take turns.
    importPool()
      .run('createBackup', { root })
      .then(({ dir, files, missingUploads }) => {
        log.info({ dir, files, missingUploads }, 'backup made');
        for (const old of pruneBackups(root, keep)) log.info({ dir: old }, 'old backup removed');
      })
      .catch((error: unknown) => log.error(errorFields(error), 'scheduled backup failed'))
      .finally(() => {
        running = false;
      });
  };
  scheduler = setInterval(tick, Math.min(CHECK_EVERY_MS, intervalMs));
  scheduler.unref();
  // The first a minute after start (when start-up work is done), or sooner for short intervals.
  setTimeout(tick, Math.min(60_000, intervalMs)).unref();
}
