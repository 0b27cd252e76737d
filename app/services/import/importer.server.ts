/**
 * Runs import jobs: reads the stored upload with the reader for its format, streams rows into a
 * fresh datastore table in batches (constant memory whatever the file size), infers column types
 * on the way, normalises the few cells that need it, profiles the columns, and swaps the table in.
 * Any failure drops the new table and leaves the resource exactly as it was.
 *
 * Jobs run one at a time in a worker thread of their own (enqueueImport), with a memory limit.
 * Each batch is one short transaction, so readers of the database are never held up for long.
 */
import { datasetUpdated } from '../participation-events.server';
import { ColumnAnalyzer, normaliseCell } from '~/lib/import/infer';
import { topValues } from '~/lib/import/profile';
import { prepareHeaders, type HeaderProblem } from '~/lib/import/headers';
import { PrivacyScanner } from '~/lib/privacy/scanner';
import type { DatastoreColumn, ResourceFormat } from '../../../db/tables';
import {
  createDatastoreTable,
  datastoreInserter,
  datastoreTableName,
  dropDatastoreTable,
  indexDatastoreColumn,
  datastoreColumnExtremes,
  loadsInTwoPasses,
  normaliseDatastoreTable,
  restoreBooleanWords,
} from '~/models/datastore.server';
import { keyColumnsOfResource } from '~/models/datasets.server';
import { asPlanDecision, buildServedVersion, listDecisions, refreshServedTable } from '~/models/privacy.server';
import { replaceBoundaryFeatures } from '~/models/boundaries.server';
import { abandonImport, completeImport, failImport, getImportJob, getResource, markImportRunning, updateImportProgress } from '~/models/resources.server';
import { whileImporting } from './import-leases.server';
import { importMemoryMb, importPool, WorkerTaskError, workersStopping } from '../workers/pool.server';
import { deleteUpload, uploadPath } from '../uploads.server';
import { openCsv } from './csv-source.server';
import { ImportError } from './errors.server';
import { openGeoJson } from './geojson-source.server';
import { openJson } from './json-source.server';
import type { SourceRecord, TableSource } from './source.server';
import { openXlsx } from './xlsx-source.server';
import { errorFields, log } from '~/log.server';
import { isStorageFull } from '~/request-context.server';
import { config } from '~/config.server';

const PROGRESS_INTERVAL_MS = 300;
/** A reader that makes no progress for this long is given up on (a truncated file, say). */


/**
 * Fails a waiting step when nothing has moved for a while, so one broken file cannot hold the
 * import queue for ever.
 */
export class Watchdog {
  private last = Date.now();

  constructor(private readonly limitMs: number) {}

  touch(): void {
    this.last = Date.now();
  }

  guard<T>(step: Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const check = () => {
        const idle = Date.now() - this.last;
        if (idle >= this.limitMs) reject(new ImportError('stalled'));
        else timer = setTimeout(check, this.limitMs - idle).unref();
      };
      timer = setTimeout(check, this.limitMs).unref();
      step.then(resolve, reject).finally(() => clearTimeout(timer));
    });
  }
}

function openSource(format: ResourceFormat, path: string, onBytes: (n: number) => void): Promise<TableSource> {
  switch (format) {
    case 'csv':
      return openCsv(path, onBytes);
    case 'xlsx':
      return openXlsx(path, onBytes);
    case 'json':
      return openJson(path, onBytes);
    case 'geojson':
      return openGeoJson(path, onBytes);
    default:
      throw new ImportError('unsupportedType', { extension: format });
  }
}

function headerError(problem: HeaderProblem): ImportError {
  const { kind, ...params } = problem;
  return new ImportError(kind, params as Record<string, string | number>);
}

/** Largest cell an import accepts (IMPORT_MAX_CELL_KB, default 1 MB): one 20 MB cell made every page of its table 40 MB. */
export function maxCellChars(): number {
  return config().importMaxCellChars;
}

/** Refuses a record with an oversized cell, naming its row and column. */
function checkCellSizes(record: SourceRecord, cells: (string | null)[], headers: readonly string[], limit: number): void {
  for (let c = 0; c < cells.length; c += 1) {
    const cell = cells[c];
    if (cell !== null && cell !== undefined && cell.length > limit) {
      throw new ImportError('cellTooLarge', { line: record.position, column: headers[c] ?? String(c + 1), limitKb: Math.round(limit / 1024) });
    }
  }
}

/** Cells of one record, fitted to the header: short rows from spreadsheets are padded, but extra non-empty cells are an error. */
function fitRecord(record: SourceRecord, width: number, strict: boolean): (string | null)[] {
  const cells = record.cells;
  if (cells.length === width) return cells;
  if (cells.length > width) {
    if (cells.slice(width).every((c) => c === null || c.trim() === '')) return cells.slice(0, width);
  } else if (!strict) {
    return [...cells, ...new Array<null>(width - cells.length).fill(null)];
  }
  throw new ImportError('fieldCount', { line: record.position, found: cells.length, expected: width });
}

/** Reads a source's records to the end, batch by batch, fitted to the header and size-checked. */
async function eachBatch(
  source: TableSource,
  watchdog: Watchdog,
  shape: { width: number; strict: boolean; headers: readonly string[]; cellLimit: number },
  each: (cells: (string | null)[][]) => Promise<void>,
): Promise<void> {
  const batches = source.batches[Symbol.asyncIterator]();
  for (;;) {
    const next = await watchdog.guard(batches.next());
    if (next.done) break;
    watchdog.touch();
    const fitted = next.value.map((record) => {
      const cells = fitRecord(record, shape.width, shape.strict);
      checkCellSizes(record, cells, shape.headers, shape.cellLimit);
      return cells;
    });
    await each(fitted);
  }
}

export async function runImport(jobId: number): Promise<void> {
  const job = await getImportJob(jobId);
  if (!job || job.status !== 'queued') return;
  await markImportRunning(jobId);
  const tableName = datastoreTableName(job.resourceId, job.id);
  let tableCreated = false;
  let servedTable: string | null = null;
  let rowsDone = 0;
  let lastProgressAt = 0;
  const watchdog = new Watchdog(config().importStallMs);
  // Called by the reader as bytes arrive; progress is shown to the uploader, so a failed write
  // of it is logged and the import goes on.
  const reportProgress = (bytes: number): void => {
    watchdog.touch();
    const now = Date.now();
    if (now - lastProgressAt < PROGRESS_INTERVAL_MS) return;
    lastProgressAt = now;
    updateImportProgress(jobId, job.byteSize > 0 ? bytes / job.byteSize : 0, rowsDone).catch((error: unknown) => log.warn(errorFields(error), `import ${jobId}: progress not saved`));
  };

  let source: TableSource | undefined;
  // PostgreSQL reads the file twice (types first, then the cells in them): progress counts both.
  const passes = loadsInTwoPasses() ? 2 : 1;
  let pass = 0;
  const reportPassProgress = (bytes: number) => reportProgress((pass * job.byteSize + bytes) / passes);

  try {
    const opened = await watchdog.guard(openSource(job.format, uploadPath(job.storageKey), reportPassProgress));
    source = opened;
    const prepared = prepareHeaders(opened.header);
    if (!prepared.ok) throw headerError(prepared.problem);
    const headers = prepared.headers;
    const analyzers = headers.map((header) => ColumnAnalyzer.forHeader(header));
    // The privacy scan sees every row as it is imported: no extra read of the file for it.
    const scanner = new PrivacyScanner(headers);
    // CSV rows must match the header exactly; spreadsheets leave trailing empty cells out.
    const strict = job.format === 'csv';
    const readRecords = (from: TableSource, each: (cells: (string | null)[][]) => Promise<void>) =>
      eachBatch(from, watchdog, { width: headers.length, strict, headers, cellLimit: maxCellChars() }, each);

    if (passes === 1) {
      await createDatastoreTable(tableName, headers.map((name) => ({ name, type: 'text' })));
      tableCreated = true;
      const insert = await datastoreInserter(tableName, headers);
      analyzers.forEach((analyzer, c) => {
        // Runs inside the batch transaction, before the current row is written.
        analyzer.onDemote = (words) => restoreBooleanWords(tableName, headers[c] as string, words);
      });
      await readRecords(opened, async (fitted) => {
        await insert(fitted.length, (r, row) => {
          const cells = fitted[r] as (string | null)[];
          for (let c = 0; c < cells.length; c += 1) {
            const cell = cells[c];
            row[c] = cell === null || cell === undefined ? null : (analyzers[c] as ColumnAnalyzer).add(cell);
          }
        });
        scanner.observe(fitted);
        rowsDone += fitted.length;
      });
    } else {
      await readRecords(opened, async (fitted) => {
        for (const cells of fitted) {
          for (let c = 0; c < cells.length; c += 1) {
            const cell = cells[c];
            if (cell !== null && cell !== undefined) (analyzers[c] as ColumnAnalyzer).add(cell);
          }
        }
        scanner.observe(fitted);
        rowsDone += fitted.length;
      });
    }
    if (rowsDone === 0) throw new ImportError('noRows');
    const types = analyzers.map((analyzer) => analyzer.type());

    if (passes === 2) {
      // The second read: every cell in its column's final type, loaded with COPY.
      opened.close();
      pass = 1;
      await createDatastoreTable(tableName, headers.map((name, i) => ({ name, type: types[i] ?? 'text' })));
      tableCreated = true;
      const insert = await datastoreInserter(tableName, headers);
      const again = await watchdog.guard(openSource(job.format, uploadPath(job.storageKey), reportPassProgress));
      source = again;
      let loaded = 0;
      await readRecords(again, async (fitted) => {
        await insert(fitted.length, (r, row) => {
          const cells = fitted[r] as (string | null)[];
          for (let c = 0; c < cells.length; c += 1) {
            const cell = cells[c];
            row[c] = cell === null || cell === undefined ? null : normaliseCell(types[c] ?? 'text', cell);
          }
        });
        loaded += fitted.length;
      });
      // The file changed between the reads (it is ours and must not): nothing half-loaded is served.
      if (loaded !== rowsDone) throw new Error(`import ${jobId}: the second read found ${loaded} rows, the first ${rowsDone}`);
    }

    const columns: DatastoreColumn[] = headers.map((name, i) => ({
      name,
      source: opened.header[i] ?? name,
      type: types[i] ?? 'text',
    }));
    if (passes === 1) await normaliseDatastoreTable(tableName, columns.filter((column, i) => analyzers[i]?.needsRewrite(column.type)));
    // Ranges come from the import itself, except for columns whose cells were rewritten.
    const unknownRange = columns.filter((_, i) => analyzers[i]?.range() === null);
    const measured = new Map((await datastoreColumnExtremes(tableName, unknownRange)).map((range, i) => [unknownRange[i]?.name, range]));
    const profiles = columns.map((column, i) => {
      const analyzer = analyzers[i] as ColumnAnalyzer;
      const distinct = analyzer.distinct();
      const range = analyzer.range() ?? measured.get(column.name) ?? { min: null, max: null };
      return {
        empty: rowsDone - analyzer.nonEmpty,
        distinct: distinct.count,
        ...(distinct.approximate ? { distinctApproximate: true } : {}),
        min: range.min,
        max: range.max,
        top: topValues(analyzer.top(50), column.type, 5),
      };
    });
    for (const key of await keyColumnsOfResource(job.resourceId)) {
      if (headers.includes(key.column)) await indexDatastoreColumn(tableName, key.column);
    }
    const rawColumns = columns.map((column, i) => ({ ...column, profile: profiles[i] }));
    const findings = scanner.findings();
    // Decisions taken for the previous upload apply again to columns of the same name.
    const resource = await getResource(job.resourceId);
    const decisions = (await listDecisions(job.resourceId)).map(asPlanDecision);
    const { served } = await buildServedVersion({
      datasetId: resource?.datasetId ?? 0,
      rawTableName: tableName,
      rawColumns,
      rawRowCount: rowsDone,
      findings,
      decisions,
      suppression: resource?.suppression ?? null,
    });
    servedTable = served && served.tableName !== tableName ? served.tableName : null;
    const { previousStorageKey } = await completeImport(jobId, {
      rawTableName: tableName,
      rawColumns,
      rowCount: rowsDone,
      served,
      findings: findings.map((f) => ({ column: f.column, detector: f.detector, matched: f.matched, nonEmpty: f.nonEmpty, share: f.share, basis: f.basis, examples: f.examples })),
      encoding: opened.encoding ?? null,
      delimiter: opened.delimiter ?? null,
    });
    // From here on the tables are the resource's: a later failure must not drop them.
    tableCreated = false;
    servedTable = null;
    // A table upload replacing boundaries leaves none behind.
    await replaceBoundaryFeatures(job.resourceId, opened.boundaries ?? []);
    // A decision taken while the copy was being built is applied now rather than lost.
    const now = (await listDecisions(job.resourceId)).map(asPlanDecision);
    if (JSON.stringify(now) !== JSON.stringify(decisions) || (await getResource(job.resourceId))?.suppression !== resource?.suppression) {
      await refreshServedTable(job.resourceId);
    }
    deleteUpload(previousStorageKey);
    if (resource) await datasetUpdated(resource.datasetId, job.createdBy);
  } catch (error) {
    if (tableCreated) await dropDatastoreTable(tableName);
    if (servedTable) await dropDatastoreTable(servedTable);
    deleteUpload(job.storageKey);
    if (error instanceof ImportError) {
      await failImport(jobId, error.code, error.params);
    } else if (isStorageFull(error)) {
      log.error(errorFields(error), `import ${jobId} failed: out of storage`);
      await failImport(jobId, 'storageFull', {});
    } else {
      log.error(errorFields(error), `import ${jobId} failed`);
      await failImport(jobId, 'internal', {});
    }
  } finally {
    source?.close();
  }
}

/**
 * Runs the job in the import thread after those already waiting; resolves when it has finished.
 * Parsing, inserting, profiling and the privacy scan all happen there, on its own database
 * connection, so the web thread only queues the job and reports its progress. A thread that dies
 * (out of its memory limit on a spreadsheet that expands to gigabytes, say) fails the job, never
 * the server.
 */
export function enqueueImport(jobId: number): Promise<void> {
  return whileImporting(importPool()
    .run('runImport', { jobId })
    .then(
      () => undefined,
      async (error: unknown) => {
      // A shutdown stops the thread mid-import: that is an interruption, like a restart.
      if (workersStopping()) {
        await abandonImport(jobId, 'interrupted', {});
        return;
      }
      const outOfMemory = error instanceof WorkerTaskError && /ERR_WORKER_OUT_OF_MEMORY|out of memory/i.test(`${error.remoteName} ${error.message}`);
      log.error({ ...errorFields(error), jobId }, outOfMemory ? `import ${jobId} ran out of memory` : `import ${jobId} failed`);
      await abandonImport(jobId, outOfMemory ? 'outOfMemory' : 'internal', outOfMemory ? { limitMb: importMemoryMb() } : {});
      },
    ));
}
