/**
 * The one way actions get a transaction. On SQLite the work runs synchronously on the shared
 * connection, so every model function called inside it (and the audit entry) commits or rolls back
 * together; nested model transactions become savepoints. The work must not await: nothing else may
 * run on the connection while it is open. On a second engine this helper opens the engine's own
 * transaction and hands it on (docs/decisions/010-actions.md), which is why it answers a Promise.
 */
import { getDb } from '../../db/client';

export async function transaction<T>(work: () => T): Promise<T> {
  // IMMEDIATE: the write lock is taken at the start, waiting (busy_timeout) for another writer.
  // A deferred transaction that reads first and writes later fails at once with SQLITE_BUSY when
  // another connection (an import or worker thread) has committed in between: its snapshot is stale
  // and waiting cannot help. Seen as a 500 at the second sign-in step under a busy import thread.
  return getDb().transaction(() => work(), { behavior: 'immediate' });
}
