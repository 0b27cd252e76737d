/**
 * The one way to group writes (and consistent reads) into a transaction: actions wrap their work
 * and the audit entry in it, and models use it where several statements must commit together
 * (docs/decisions/010-actions.md, 012-postgresql.md). The work may await other model functions.
 *
 * On SQLite every statement goes through one connection, so a transaction is a state of that
 * connection: while one is open, anything else run on the connection would join it (and be rolled
 * back with it). Three rules keep that from happening:
 * - an in-process lock lets one transaction at a time open, the others wait their turn;
 * - a transaction started inside another (found through AsyncLocalStorage, not through the
 *   connection's state, which another request's work would share) becomes a savepoint;
 * - the work awaits only model functions, whose statements run synchronously on SQLite, so it
 *   finishes before the event loop lets another request in. Outside production a transaction that
 *   stays open across real I/O (a timer, a file, the network) is reported as an error, since on
 *   SQLite another request could then write into it.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { getDb, type Db } from '../../db/client';
import { config } from '../config.server';

export interface TransactionOptions {
  /**
   * 'immediate' (the default) takes SQLite's write lock at the start, waiting (busy_timeout) for
   * another writer. A deferred transaction that reads first and writes later fails at once with
   * SQLITE_BUSY when another connection (an import or worker thread) committed in between: its
   * snapshot is stale and waiting cannot help (seen as a 500 at the second sign-in step under a
   * busy import thread). 'deferred' is for read-only work that wants one consistent snapshot.
   */
  behavior?: 'immediate' | 'deferred';
}

interface OpenTransaction {
  savepoints: number;
  /** Set when the work was still running after the event loop turned (see the header). */
  spannedIo: boolean;
}

const open = new AsyncLocalStorage<OpenTransaction>();

/** A promise chain: each transaction waits for the one before it to finish. */
let queue: Promise<void> = Promise.resolve();

function takeTurn(): Promise<() => void> {
  let release!: () => void;
  const turn = new Promise<void>((resolve) => (release = resolve));
  const previous = queue;
  queue = previous.then(() => turn);
  return previous.then(() => release);
}

/** True inside the work of a transaction (or a savepoint) started by this helper. */
export function inTransaction(): boolean {
  return open.getStore() !== undefined;
}

export async function transaction<T>(work: (tx: Db) => Promise<T> | T, options: TransactionOptions = {}): Promise<T> {
  const db = getDb();
  const current = open.getStore();
  if (current) return await savepoint(db, current, work);

  const release = await takeTurn();
  const state: OpenTransaction = { savepoints: 0, spannedIo: false };
  const watch = config().isProduction ? undefined : setImmediate(() => (state.spannedIo = true));
  try {
    db.$client.exec(options.behavior === 'deferred' ? 'BEGIN DEFERRED' : 'BEGIN IMMEDIATE');
    try {
      const result = await open.run(state, () => work(db));
      if (state.spannedIo) {
        throw new Error('A transaction stayed open across I/O; on SQLite another request could have written into it. Do the I/O before or after the transaction.');
      }
      // COMMIT itself can fail (a full disk is found when the log is written): the transaction is
      // then still open and must be rolled back, or the next one could not begin.
      db.$client.exec('COMMIT');
      return result;
    } catch (error) {
      if (db.$client.inTransaction) db.$client.exec('ROLLBACK');
      throw error;
    }

  } finally {
    if (watch) clearImmediate(watch);
    release();
  }
}

async function savepoint<T>(db: Db, current: OpenTransaction, work: (tx: Db) => Promise<T> | T): Promise<T> {
  const name = `jdz_sp_${++current.savepoints}`;
  db.$client.exec(`SAVEPOINT ${name}`);
  try {
    const result = await work(db);
    db.$client.exec(`RELEASE ${name}`);
    return result;
  } catch (error) {
    // Some failures (a full disk, SQLITE_FULL) make SQLite roll the whole transaction back itself,
    // savepoints included: the original error is what the caller must see.
    if (db.$client.inTransaction) {
      db.$client.exec(`ROLLBACK TO ${name}`);
      db.$client.exec(`RELEASE ${name}`);
    }
    throw error;
  }

}
