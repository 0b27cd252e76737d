/**
 * Joinable datasets for a dataset's page: the overlaps not counted yet are counted in a worker
 * (once; they are stored), and the page waits a little for them before showing what is known.
 */
import { listJoinableDatasets } from '~/models/datasets.server';
import { runTask } from './workers/pool.server';
import { errorFields, log } from '~/log.server';

const WAIT_MS = 3_000;
/** A page view starts at most this many counts; the next view continues. */
const PAIRS_PER_TASK = 5_000;
const counting = new Map<number, Promise<unknown>>();

export async function joinableDatasets(datasetId: number) {
  let listed = await listJoinableDatasets(datasetId);
  if (listed.uncounted.length === 0) return { ...listed, counting: false };
  let task = counting.get(datasetId);
  if (!task) {
    task = runTask('countJoinOverlaps', { pairs: listed.uncounted.slice(0, PAIRS_PER_TASK) })
      .catch((error: unknown) => log.error(errorFields(error), `counting join overlaps of dataset ${datasetId} failed`))
      .finally(() => counting.delete(datasetId));
    counting.set(datasetId, task);
  }
  await Promise.race([task, new Promise((resolve) => setTimeout(resolve, WAIT_MS).unref())]);
  listed = await listJoinableDatasets(datasetId);
  return { ...listed, counting: listed.uncounted.length > 0 };
}
