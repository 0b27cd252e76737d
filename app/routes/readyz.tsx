import { databaseTakesWrites, migrationState } from '~/models/operations.server';
import { dataDirWritable, diskSpace } from '~/services/disk.server';
import { runTask } from '~/services/workers/pool.server';

const WORKER_ANSWER_MS = 5_000;
/**
 * A worker's answer stands for a while: idle threads stop after 20 s, and a probe every few seconds
 * must not keep one alive (or start one) each time.
 */
const ANSWER_KEPT_MS = 5 * 60_000;
let lastAnswer: { ok: boolean; at: number } | null = null;

async function workersAnswer(): Promise<boolean> {
  if (lastAnswer?.ok && Date.now() - lastAnswer.at < ANSWER_KEPT_MS) return true;
  const ok = await pingWorkers();
  lastAnswer = { ok, at: Date.now() };
  return ok;
}

async function pingWorkers(): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), WORKER_ANSWER_MS);
  });
  try {
    return await Promise.race([runTask('echo', { value: true }).then((value) => value === true), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Readiness for a load balancer or an operator: 200 when the database takes writes, every migration
 * of this build is applied, DATA_DIR takes writes (a shared mount may fail on one node), the disk has
 * room and the worker threads answer; 503 naming what failed.
 */
export async function loader() {
  const [database, files] = await Promise.all([databaseTakesWrites(), dataDirWritable()]);
  const migrations = await migrationState();
  // Not asked of a data directory that does not answer: statfs would hang the same way.
  const disk = files.ok ? diskSpace() : null;
  const workers = await workersAnswer();
  const checks = {
    database: database.ok ? 'ok' : database.error,
    migrations: migrations.applied >= migrations.expected ? 'ok' : `${migrations.expected - migrations.applied} not applied`,
    files: files.ok ? 'ok' : `DATA_DIR not writable: ${files.error}`,
    disk: disk === null ? 'unknown' : disk.low ? `low: ${Math.round(disk.freeBytes / 1048576)} MB free` : 'ok',
    workers: workers ? 'ok' : 'not answering',
  };
  const ready = Object.values(checks).every((value) => value === 'ok');
  return Response.json({ ready, checks }, { status: ready ? 200 : 503, headers: { 'Cache-Control': 'no-store' } });
}
