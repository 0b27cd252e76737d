/**
 * One process at a time through start-up (migrations, the first-start demo seed, recovery), so that
 * N processes started together on one database apply each migration once and seed once.
 *
 * PostgreSQL: an advisory lock taken at transaction level on a connection of its own, whose
 * transaction stays open while the work runs on the pool (drizzle's migrator opens transactions of
 * its own) and ends with it. A transaction-level lock survives PgBouncer in transaction mode, which
 * a session-level lock would not, and PostgreSQL releases it if this process dies.
 *
 * SQLite: a lock file created exclusively in DATA_DIR beside the database, holding the owner's
 * process id. SQLite's own locks cannot be used: the migrator opens its own transaction, and a
 * second process would wait on the busy timeout in the middle of it. A lock file whose owner is no
 * longer running (killed during start-up) is taken over; SQLite databases are on one machine, so
 * the process id is meaningful.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { config } from '../app/config.server';
import { engine } from './client';
import { connectPostgresClient } from './postgres';

/** Any fixed 64-bit number, the same in every process ("jdz" start-up). */
const ADVISORY_KEY = 0x6a647a5f7374n;
export const START_UP_LOCK_FILE = 'start-up.lock';
const POLL_MS = 100;

export async function withStartUpLock<T>(work: () => Promise<T>): Promise<T> {
  return engine() === 'postgres' ? withAdvisoryLock(work) : withLockFile(work);
}

async function withAdvisoryLock<T>(work: () => Promise<T>): Promise<T> {
  const settings = config().postgres;
  if (!settings) throw new Error('DATABASE_URL names no PostgreSQL server.');
  // Outside the pool, so a pool of one connection still has it for the work.
  const holder = await connectPostgresClient(settings.url);
  try {
    await holder.query('BEGIN');
    // The holder waits idle in its transaction while start-up works on other connections: a server
    // set to end idle transactions must not end this one (and let a second process in).
    await holder.query("SET LOCAL idle_in_transaction_session_timeout = 0");
    await holder.query('SELECT pg_advisory_xact_lock($1)', [ADVISORY_KEY.toString()]);
    const result = await work();
    await holder.query('COMMIT');
    return result;
  } finally {
    // Ending the connection ends its transaction (and the lock) if the work failed.
    await holder.end().catch(() => undefined);
  }
}

function lockFile(): string {
  return path.join(config().dataDir, START_UP_LOCK_FILE);
}

/** The locks this process holds now, by the token written into the file with its id. */
const heldHere = new Set<string>();

function lockToken(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8').trim().split(' ')[1] ?? null;
  } catch {
    return null;
  }
}

function ownerIsRunning(file: string): boolean {
  let content: string;
  try {
    content = fs.readFileSync(file, 'utf8');
  } catch {
    return true; // gone meanwhile: try again
  }
  const [pidText, token = ''] = content.trim().split(' ');
  const pid = Number(pidText);
  if (!Number.isInteger(pid) || pid <= 0) return false;
  // This process's id with a token it does not hold is a predecessor's (a restarted container: ids repeat).
  if (pid === process.pid) return heldHere.has(token);
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Creates the lock file with its content in one step (written aside, then linked into place); false if it exists. */
function createLockFile(file: string, token: string): boolean {
  const temp = `${file}.${process.pid}.${token}.tmp`;
  fs.writeFileSync(temp, `${process.pid} ${token}\n`, { mode: 0o600 });
  try {
    fs.linkSync(temp, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return false;
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

/**
 * Renames a stale lock aside (one process wins the rename). Should another process have taken the
 * lock over in between, the live lock just renamed is put back, unless a newer one exists.
 */
function takeOverStaleLock(file: string): void {
  const aside = `${file}.${process.pid}.stale`;
  try {
    fs.renameSync(file, aside);
  } catch {
    return; // another process renamed it first
  }
  if (ownerIsRunning(aside)) {
    try {
      fs.linkSync(aside, file);
    } catch {
      // A newer lock exists; the one renamed aside ends with its owner's work either way.
    }
  }
  fs.rmSync(aside, { force: true });
}

async function withLockFile<T>(work: () => Promise<T>): Promise<T> {
  const file = lockFile();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const token = crypto.randomBytes(6).toString('hex');
  while (!createLockFile(file, token)) {
    if (ownerIsRunning(file)) await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    else takeOverStaleLock(file);
  }
  heldHere.add(token);
  try {
    return await work();
  } finally {
    heldHere.delete(token);
    // Only our own: had it been taken over meanwhile (wrongly, as stale), the file is another's.
    if (lockToken(file) === token) fs.rmSync(file, { force: true });
  }
}
