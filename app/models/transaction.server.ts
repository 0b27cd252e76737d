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
 *
 * On PostgreSQL each transaction holds a connection of the pool of its own, so transactions run
 * side by side; the models' statements inside the work find it through getDb() (db/client.ts).
 * A nested transaction is a savepoint on that connection, taking turns as on SQLite. 'immediate'
 * runs at SERIALIZABLE and is retried on a serialization failure (see postgresWork); 'deferred'
 * reads one snapshot (REPEATABLE READ, read only).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { engine, getDb, getPostgres, postgresTransaction, type Db, type PgDb } from '../../db/client';
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

/** What every savepoint of one transaction shares. */
interface TransactionState {
  savepoints: number;
  /** Set when the work was still running after the event loop turned (see the header). */
  spannedIo: boolean;
  /** Set once the transaction has ended: work it left running is then outside any transaction. */
  closed: boolean;
  /** Work to do once the transaction has committed (see afterCommit). */
  afterCommit: (() => Promise<void>)[];
}

/**
 * Runs `work` once the current transaction has committed, or at once outside one; work queued by a
 * savepoint or transaction that rolls back never runs. For what must not hold the transaction
 * open or happen unless it commits: dropping a datastore table, which on PostgreSQL waits for the
 * table's readers (a download in progress), and would keep every other writer waiting behind it.
 * The work handles its own failures.
 */
export async function afterCommit(work: () => Promise<void>): Promise<void> {
  const scope = open.getStore();
  if (scope && !scope.state.closed) scope.state.afterCommit.push(work);
  else await work();
}

/** Runs the work queued for after the commit, in order. */
async function runAfterCommit(state: TransactionState): Promise<void> {
  for (const work of state.afterCommit.splice(0)) await work();
}

/**
 * The transaction (or savepoint) the current work runs in. `turn` orders the savepoints opened
 * directly inside it: SQLite's savepoints are a stack, so two opened side by side (Promise.all)
 * would release or roll back each other; they take turns instead.
 */
interface OpenScope {
  state: TransactionState;
  turn: Promise<void>;
}

const open = new AsyncLocalStorage<OpenScope>();

/** Top-level transactions take turns too: one open at a time on the shared connection. */
const writer: { turn: Promise<void> } = { turn: Promise.resolve() };

/** Waits for the previous holder of `queue` to finish; answers the function that ends this turn. */
function takeTurn(queue: { turn: Promise<void> }): Promise<() => void> {
  let release!: () => void;
  const mine = new Promise<void>((resolve) => (release = resolve));
  const previous = queue.turn;
  queue.turn = previous.then(() => mine);
  return previous.then(() => release);
}

/** True inside the work of a transaction (or a savepoint) started by this helper. */
export function inTransaction(): boolean {
  const scope = open.getStore();
  return scope !== undefined && !scope.state.closed;
}

/** Undoes what the failed work did; a failure to undo must not hide the error that caused it. */
function undo(db: Db, statements: string[]): void {
  // SQLite rolls the whole transaction back itself on some errors (SQLITE_FULL): nothing to undo.
  if (!db.$client.inTransaction) return;
  try {
    for (const statement of statements) db.$client.exec(statement);
  } catch {
    // The original error is what the caller must see.
  }
}

export async function transaction<T>(work: (tx: Db) => Promise<T> | T, options: TransactionOptions = {}): Promise<T> {
  if (engine() === 'postgres') return await postgresWork(work, options);
  const db = getDb();
  const current = open.getStore();
  if (current && !current.state.closed) return await savepoint(db, current, work);

  const release = await takeTurn(writer);
  const state: TransactionState = { savepoints: 0, spannedIo: false, closed: false, afterCommit: [] };
  let watch: NodeJS.Immediate | undefined;
  let result: T;
  try {
    if (!config().isProduction) watch = setImmediate(() => (state.spannedIo = true));
    db.$client.exec(options.behavior === 'deferred' ? 'BEGIN DEFERRED' : 'BEGIN IMMEDIATE');
    try {
      result = await open.run({ state, turn: Promise.resolve() }, () => work(db));
      if (state.spannedIo) {
        throw new Error('A transaction stayed open across I/O; on SQLite another request could have written into it. Do the I/O before or after the transaction.');
      }
      if (!db.$client.inTransaction) {
        // A nested step failed in a way that made SQLite roll everything back, and the work went on.
        throw new Error('The database rolled this transaction back after an error inside it; it was not committed.');
      }
      // COMMIT itself can fail (a full disk is found when the log is written): the transaction is
      // then still open and must be rolled back, or the next one could not begin.
      db.$client.exec('COMMIT');
    } catch (error) {
      undo(db, ['ROLLBACK']);
      throw error;
    }
  } finally {
    state.closed = true;
    if (watch) clearImmediate(watch);
    release();
  }
  await runAfterCommit(state);
  return result;
}

async function savepoint<T>(db: Db, parent: OpenScope, work: (tx: Db) => Promise<T> | T): Promise<T> {
  const release = await takeTurn(parent);
  try {
    const name = `jdz_sp_${++parent.state.savepoints}`;
    const queued = parent.state.afterCommit.length;
    db.$client.exec(`SAVEPOINT ${name}`);
    try {
      const result = await open.run({ state: parent.state, turn: Promise.resolve() }, () => work(db));
      db.$client.exec(`RELEASE ${name}`);
      return result;
    } catch (error) {
      undo(db, [`ROLLBACK TO ${name}`, `RELEASE ${name}`]);
      parent.state.afterCommit.length = queued;
      throw error;
    }
  } finally {
    release();
  }
}

/**
 * SQLite runs one writer at a time, so work written for it may read, then write what it read
 * (a count, a next number). PostgreSQL gives that guarantee at SERIALIZABLE: a transaction that
 * would have seen another's writes fails with a serialization failure (40001) or a deadlock
 * (40P01) instead, and is run again from the start, a few times with a growing random pause.
 * The work therefore does only database work (as on SQLite, I/O stays outside transactions).
 */
const POSTGRES_ATTEMPTS = 8;

function isRetryable(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && depth < 3; depth++) {
    const code = (current as { code?: unknown }).code;
    if (code === '40001' || code === '40P01') return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

async function postgresWork<T>(work: (tx: Db) => Promise<T> | T, options: TransactionOptions): Promise<T> {
  const current = open.getStore();
  const parent = postgresTransaction.getStore();
  if (current && !current.state.closed && parent?.open) {
    const release = await takeTurn(current);
    const queued = current.state.afterCommit.length;
    try {
      return await parent.db.transaction((tx) => inPostgresScope(tx, current.state, work, false));
    } catch (error) {
      current.state.afterCommit.length = queued;
      throw error;
    } finally {
      release();
    }
  }
  const isolation =
    options.behavior === 'deferred'
      ? ({ isolationLevel: 'repeatable read', accessMode: 'read only' } as const)
      : ({ isolationLevel: 'serializable' } as const);
  for (let attempt = 1; ; attempt++) {
    const state: TransactionState = { savepoints: 0, spannedIo: false, closed: false, afterCommit: [] };
    let result: T;
    try {
      result = await getPostgres().transaction((tx) => inPostgresScope(tx, state, work, true), isolation);
    } catch (error) {
      if (attempt >= POSTGRES_ATTEMPTS || !isRetryable(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 2 ** attempt * 5));
      continue;
    } finally {
      state.closed = true;
    }
    await runAfterCommit(state);
    return result;
  }
}

type PgTransactionDb = Parameters<Parameters<PgDb['transaction']>[0]>[0];

/** Runs the work with its transaction as getDb()'s answer; once the work returns, nothing more joins it. */
function inPostgresScope<T>(tx: PgTransactionDb, state: TransactionState, work: (tx: Db) => Promise<T> | T, topLevel: boolean): Promise<T> {
  const scope = { db: tx as unknown as PgDb, open: true };
  return postgresTransaction.run(scope, () =>
    open.run({ state, turn: Promise.resolve() }, async () => {
      try {
        return await work(tx as unknown as Db);
      } finally {
        scope.open = false;
        if (topLevel) state.closed = true;
      }
    }),
  );
}
