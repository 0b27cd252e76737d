/**
 * One side of the import benchmark, run in its own process so its peak memory is its own.
 *   import <csv>    the real import pipeline (upload → queue → importer) into a fresh database
 *   baseline <n>    a bare better-sqlite3 prepared-insert loop over the same rows
 * Prints one JSON line: { rows, ms, maxRssMb }.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const [mode, arg] = process.argv.slice(2);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jdz-bench-'));
process.env.DATABASE_URL = path.join(dir, 'bench.db');

async function runImport(csvPath: string) {
  const { getDb } = await import('../db/client');
  const { applyMigrations } = await import('../db/migrate');
  const { createDepartment } = await import('../app/models/departments.server');
  const { createDataset } = await import('../app/models/datasets.server');
  const { getImportJob, getResource } = await import('../app/models/resources.server');
  const { queueUpload } = await import('../app/services/import/queue-upload.server');
  await applyMigrations(getDb());
  const department = await createDepartment({ slug: 'bench', name: '基准' });
  const { insertUserWithHash } = await import('../app/models/users.server');
  const admin = await insertUserWithHash({ email: 'bench@example.org', name: 'bench', passwordHash: 'x', role: 'admin' });
  const viewer = { id: admin.id, role: 'admin' as const, departmentId: null };
  const dataset = await createDataset(viewer, { title: 'bench', slug: 'bench', description: '', licence: 'cc0-1.0', updateFrequency: 'once', tags: [], contactName: '', contactEmail: '' }, department.id);
  if (!dataset) throw new Error('no dataset');
  // The upload is already on disk in a real import; copying it there is not part of the measurement.
  const uploads = path.join(dir, 'uploads');
  fs.mkdirSync(uploads, { recursive: true });
  const storageKey = 'b'.repeat(32);
  fs.copyFileSync(csvPath, path.join(uploads, storageKey));
  const upload = { storageKey, originalFilename: 'bench.csv', contentType: 'text/csv', byteSize: fs.statSync(csvPath).size, sha256: '' };
  const started = performance.now();
  const queued = await queueUpload({ datasetId: dataset.id, viewer, upload });
  if (!queued.ok) throw new Error(queued.code);
  await queued.done;
  const ms = performance.now() - started;
  const job = await getImportJob(queued.jobId);
  if (job?.status !== 'succeeded') throw new Error(`import failed: ${job?.errorCode} ${JSON.stringify(job?.errorParams)}`);
  return { rows: (await getResource(queued.resourceId))?.rowCount ?? 0, ms };
}

async function runBaseline(count: number) {
  const Database = (await import('better-sqlite3')).default;
  const { HEADER, benchRow } = await import('./import-rows');
  const db = new Database(process.env.DATABASE_URL as string);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`CREATE TABLE t ("_id" INTEGER PRIMARY KEY, ${HEADER.map((h) => `"${h}"`).join(', ')})`);
  const insert = db.prepare(`INSERT INTO t (${HEADER.map((h) => `"${h}"`).join(', ')}) VALUES (${HEADER.map(() => '?').join(', ')})`);
  const batch = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i += 1) insert.run(benchRow(i));
  });
  const started = performance.now();
  for (let i = 0; i < count; i += 2000) batch(i, Math.min(count, i + 2000));
  const ms = performance.now() - started;
  db.close();
  return { rows: count, ms };
}

const result = mode === 'import' ? await runImport(arg as string) : await runBaseline(Number(arg));
console.log(JSON.stringify({ ...result, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
fs.rmSync(dir, { recursive: true, force: true });
process.exit(0);
