/**
 * Keeps results snapshots current for the pages that read them. A page asks for a challenge's
 * snapshot; a stale or missing one is recomputed in a worker thread while the page waits a little
 * (small challenges finish well inside that), and otherwise the page shows the previous snapshot,
 * or says the results are being computed.
 *
 * The map of computations in flight only saves duplicate work within this process; the database
 * decides what is current, and two processes computing the same snapshot is harmless.
 */
import { readSnapshotState, type SnapshotHeader, type SnapshotStatus, type WorkerActor } from '~/models/result-snapshots.server';
import { runTask } from './workers/pool.server';
import { errorFields, log } from '~/log.server';

/** How long a page waits for a recomputation before showing what it has. */
export const RESULTS_WAIT_MS = 3_000;

const inflight = new Map<number, Promise<void>>();

function refreshInWorker(challengeId: number, now: Date): Promise<void> {
  let job = inflight.get(challengeId);
  if (!job) {
    job = runTask('computeResultsSnapshot', { challengeId, now: now.getTime() })
      .then(
        () => undefined,
        (error: unknown) => log.error(errorFields(error), `results snapshot of challenge ${challengeId} failed`),
      )
      .finally(() => inflight.delete(challengeId));
    inflight.set(challengeId, job);
  }
  return job;
}

function within(job: Promise<void>, waitMs: number): Promise<void> {
  if (waitMs <= 0) return Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, waitMs);
  });
  return Promise.race([job, timeout]).finally(() => clearTimeout(timer));
}

/**
 * The challenge's snapshot, recomputed first if it is not current. Resolves with the freshest
 * snapshot there is after at most `waitMs`: 'current', 'stale' (a recomputation is under way) or
 * 'missing' (the first one is).
 */
export async function ensureResultsSnapshot(challengeId: number, options: { waitMs?: number; now: Date }): Promise<{ status: SnapshotStatus; snapshot: SnapshotHeader | undefined }> {
  const { now } = options;
  const before = await readSnapshotState(challengeId, now);
  if (!before) return { status: 'missing', snapshot: undefined };
  if (before.current) return { status: 'current', snapshot: before.snapshot };
  await within(refreshInWorker(challengeId, now), options.waitMs ?? RESULTS_WAIT_MS);
  const after = await readSnapshotState(challengeId, now);
  if (!after) return { status: 'missing', snapshot: undefined };
  return { status: after.current ? 'current' : after.snapshot ? 'stale' : 'missing', snapshot: after.snapshot };
}

/**
 * Publishing runs in a worker too: it computes the final snapshot and publishes, with the actor's
 * audit entry, in one transaction (app/actions/results.server.ts asks for it).
 */
export function publishInWorker(input: { challengeId: number; actor: WorkerActor; confirmedMissing: number | null; now: Date }) {
  return runTask('publishResults', { ...input, now: input.now.getTime() });
}
