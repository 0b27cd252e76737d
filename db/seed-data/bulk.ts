/**
 * Bulk writing for the scale seed: prepared inserts on the raw better-sqlite3 connection, run in
 * large transactions, and the search index built once at the end instead of row by row.
 */
import type Database from 'better-sqlite3';

export type Sqlite = Database.Database;

function quote(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export type Insert = (...values: unknown[]) => number;

/** A prepared INSERT of the named columns; returns the new row's id. */
export function inserter(sqlite: Sqlite, table: string, columns: readonly string[], options: { orIgnore?: boolean } = {}): Insert {
  const statement = sqlite.prepare(
    `INSERT ${options.orIgnore ? 'OR IGNORE ' : ''}INTO ${quote(table)} (${columns.map(quote).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
  );
  return (...values: unknown[]) => Number(statement.run(...values).lastInsertRowid);
}

/** Runs `fn` in one transaction (many small ones would each wait for the disk). */
export function inTransaction<T>(sqlite: Sqlite, fn: () => T): T {
  return sqlite.transaction(fn)();
}

/**
 * The same for work that awaits model functions. Only for the seeder, which is alone on its
 * connection: nothing else can run statements into the open transaction while it awaits.
 */
export async function inTransactionAsync<T>(sqlite: Sqlite, fn: () => Promise<T>): Promise<T> {
  sqlite.exec('BEGIN');
  try {
    const result = await fn();
    sqlite.exec('COMMIT');
    return result;
  } catch (error) {
    if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
    throw error;
  }
}


/** Numbers of rows per table, for the summary and the tests. */
export function countRows(sqlite: Sqlite, table: string, where = ''): number {
  return (sqlite.prepare(`SELECT count(*) AS n FROM ${quote(table)} ${where}`).get() as { n: number }).n;
}

interface Trigger {
  name: string;
  table: string;
  sql: string;
}

/** The triggers that keep the site search index (migrations 0004 and 0006) in step with its sources. */
function searchTriggers(sqlite: Sqlite): Trigger[] {
  return sqlite
    .prepare("SELECT name, tbl_name AS \"table\", sql FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%search_index%' ORDER BY name")
    .all() as Trigger[];
}

/** The trigger's insert into search_index; the queueing for the character index that follows it is replayed once for all. */
const INSERT_TRIGGER = /AFTER INSERT ON [`"]?(\w+)[`"]?\s+BEGIN\s+(INSERT INTO [`"]?search_index[`"]?\s*\([^)]*\))\s*VALUES\s*\(([\s\S]*?)\);\s*(?:INSERT OR IGNORE INTO [`"]?search_short_queue[`"]?[^;]*;\s*)?END$/i;

/**
 * Per source table, the statement that indexes its rows exactly as its insert trigger indexes one:
 * the trigger's own INSERT, with `VALUES (NEW.x …)` turned into `SELECT x … FROM table`. Derived
 * from the live trigger text, so the bulk index cannot drift from what the triggers do.
 */
export function indexStatementsFromTriggers(triggers: readonly { name: string; sql: string }[]): Map<string, string> {
  const statements = new Map<string, string>();
  for (const trigger of triggers) {
    if (!/AFTER INSERT/i.test(trigger.sql)) continue;
    const match = INSERT_TRIGGER.exec(trigger.sql.trim());
    if (!match) throw new Error(`cannot replay search trigger ${trigger.name}; update db/seed-data/bulk.ts`);
    const [, table, insert, values] = match as unknown as [string, string, string, string];
    statements.set(table, `${insert} SELECT ${values.replace(/\bNEW\./g, '')} FROM ${quote(table)}`);
  }
  return statements;
}

/**
 * Runs `fn` with the search triggers dropped, then indexes the rows it added with the triggers' own
 * expressions and puts the triggers back exactly as they were (also when `fn` fails, so the index
 * never stays out of step with the content). Rows are indexed table by table in `loadOrder`, the
 * order `fn` filled them, each in id order, at the rowids the triggers give them; every document
 * is then queued for the character index, as the triggers would have queued it. `fn` must not
 * change indexed columns of rows that existed before it ran.
 */
export async function withSearchIndexBuiltAfter<T>(sqlite: Sqlite, loadOrder: readonly string[], fn: () => Promise<T>, log: (line: string) => void = () => {}): Promise<T> {
  const triggers = searchTriggers(sqlite);
  const statements = indexStatementsFromTriggers(triggers);
  const unlisted = [...statements.keys()].filter((table) => !loadOrder.includes(table));
  if (unlisted.length > 0) throw new Error(`search-indexed tables missing from the load order: ${unlisted.join(', ')}`);
  const before = new Map(loadOrder.map((table) => [table, (sqlite.prepare(`SELECT coalesce(max(rowid), 0) AS n FROM ${quote(table)}`).get() as { n: number }).n]));
  for (const trigger of triggers) sqlite.exec(`DROP TRIGGER ${quote(trigger.name)}`);
  try {
    return await fn();
  } finally {
    const started = Date.now();
    inTransaction(sqlite, () => {
      for (const table of loadOrder) {
        const statement = statements.get(table);
        if (statement) sqlite.prepare(`${statement} WHERE rowid > ? ORDER BY rowid`).run(before.get(table) ?? 0);
      }
      // The character index (one- and two-character searches) is filled from the queue by a worker.
      sqlite.exec('INSERT OR IGNORE INTO search_short_queue (doc) SELECT rowid FROM search_index');
      for (const trigger of triggers) sqlite.exec(trigger.sql);
    });
    log(`search index built (${countRows(sqlite, 'search_index').toLocaleString('en')} documents) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}

/**
 * Runs `fn` without the triggers that count changes to the results' inputs (migration 0011): per
 * row they would bump a challenge's counter half a million times. Afterwards the triggers are back
 * exactly as they were and every challenge's counter moves on once, so no snapshot computed before
 * the load can pass for current.
 */
export async function withResultsVersionTriggersDropped<T>(sqlite: Sqlite, fn: () => Promise<T>): Promise<T> {
  const triggers = sqlite.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'results\\_inputs\\_%' ESCAPE '\\' ORDER BY name").all() as { name: string; sql: string }[];
  for (const trigger of triggers) sqlite.exec(`DROP TRIGGER ${quote(trigger.name)}`);
  try {
    return await fn();
  } finally {
    inTransaction(sqlite, () => {
      for (const trigger of triggers) sqlite.exec(trigger.sql);
      sqlite.prepare('UPDATE challenges SET results_inputs_version = results_inputs_version + 1').run();
    });
  }
}

/**
 * Settings for a one-off bulk load into a database nobody else uses yet: no fsync per commit and a
 * larger page cache. The normal settings (db/client.ts) come back afterwards.
 */
export async function withBulkLoadSettings<T>(sqlite: Sqlite, fn: () => Promise<T>): Promise<T> {
  const synchronous = sqlite.pragma('synchronous', { simple: true });
  const cacheSize = sqlite.pragma('cache_size', { simple: true });
  sqlite.pragma('synchronous = OFF');
  sqlite.pragma('cache_size = -131072');
  try {
    return await fn();
  } finally {
    sqlite.pragma(`synchronous = ${Number(synchronous)}`);
    sqlite.pragma(`cache_size = ${Number(cacheSize)}`);
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
  }
}
