/**
 * What the worker threads can do. Each handler takes plain data and returns plain data (they cross
 * a thread boundary by structured clone), and is safe to run again after a crash.
 */
import { buildSearchIndex, indexDatastoreColumn } from '~/models/datastore.server';
import { drainSearchShortQueue } from '~/models/search.server';

export const taskHandlers = {
  /** Indexes columns of a large datastore table that visitors sort or filter on. */
  indexDatastoreColumns: (input: { tableName: string; columns: string[] }) => {
    for (const column of input.columns) indexDatastoreColumn(input.tableName, column);
    return input.columns.length;
  },
  /** The pool's own tests use these three. */
  /** Builds the trigram index that `q` (search in every column) uses on a large table. */
  buildDatastoreSearchIndex: (input: { tableName: string; columns: string[] }) => {
    buildSearchIndex(input.tableName, input.columns);
    return true;
  },
  /** Brings the one- and two-character search index up to date, a batch at a time. */
  drainSearchShortQueue: (input: { limit: number }) => drainSearchShortQueue(input.limit),
  echo: (input: { value: unknown; delayMs?: number }) =>
    new Promise<unknown>((resolve) => setTimeout(() => resolve(input.value), input.delayMs ?? 0)),
  fail: (input: { message: string }) => {
    throw new Error(input.message);
  },
  crash: () => {
    if (process.env.NODE_ENV !== 'test') throw new Error('crash is for tests only');
    process.exit(3);
  },
};

export type TaskHandlers = typeof taskHandlers;
export type TaskKind = keyof TaskHandlers;
export type TaskInput<K extends TaskKind> = Parameters<TaskHandlers[K]>[0];
export type TaskOutput<K extends TaskKind> = Awaited<ReturnType<TaskHandlers[K]>>;
