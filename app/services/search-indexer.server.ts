/**
 * Keeps the one- and two-character search index up to date: every few seconds, if the search
 * triggers have queued documents, a worker thread indexes them in batches. Searches meanwhile
 * find queued documents by reading them directly, so nothing is missing while it works.
 */
import { searchShortQueueWaiting } from '~/models/search.server';
import { runTask } from './workers/pool.server';
import { errorFields, log } from '~/log.server';

const POLL_MS = 2_000;
const BATCH = 2_000;

let timer: NodeJS.Timeout | undefined;
let running = false;

/** Drains the queue once; resolves when nothing waits (or a batch failed). */
export async function indexQueuedSearchDocuments(): Promise<void> {
  if (running || !(await searchShortQueueWaiting())) return;
  running = true;
  try {
    while ((await runTask('drainSearchShortQueue', { limit: BATCH })) > 0) {
      // One batch per round trip, so other tasks get the worker in between.
    }
  } catch (error) {
    log.error(errorFields(error), 'search indexing failed');
  } finally {
    running = false;
  }
}

export async function startSearchIndexer(): Promise<void> {
  if (timer) return;
  timer = setInterval(() => void indexQueuedSearchDocuments(), POLL_MS);
  timer.unref();
  void indexQueuedSearchDocuments();
}
