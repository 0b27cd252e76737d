/**
 * The one way actions get a transaction. On SQLite the work runs synchronously on the shared
 * connection, so every model function called inside it (and the audit entry) commits or rolls back
 * together; nested model transactions become savepoints. The work must not await: nothing else may
 * run on the connection while it is open. On a second engine this helper opens the engine's own
 * transaction and hands it on (docs/decisions/010-actions.md), which is why it answers a Promise.
 */
import { getDb } from '../../db/client';

export async function transaction<T>(work: () => T): Promise<T> {
  return getDb().transaction(() => work());
}
