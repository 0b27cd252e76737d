/**
 * What the worker threads can do. Each handler takes plain data and returns plain data (they cross
 * a thread boundary by structured clone), and is safe to run again after a crash. Handlers load
 * their modules when first used, so a thread starts quickly whatever it will be asked to do.
 */
import type { ChartSpec } from '~/lib/charts/chart-spec';
import type { RowFilter } from '~/lib/datastore-query';
import type { ClusterQuery } from '~/models/datastore-geo.server';
import type { JoinPair } from '~/models/datasets.server';
import type { JoinSpec } from '~/models/datastore-joins.server';
import type { DatastoreColumn } from '../../../db/tables';
import type { WorkerActor } from '~/models/result-snapshots.server';
import { config } from '~/config.server';
import type { ApplyInput as CatalogueApplyInput, PreviewInput as CataloguePreviewInput } from '~/services/catalogue-work.server';
import type { CatalogueScope } from '~/models/catalogue.server';
import type { RdfFormat } from '~/lib/dcat';

type CatalogueXlsxInput = { scope: CatalogueScope; timeZone: string };

const datastore = () => import('~/models/datastore.server');
const charts = () => import('~/models/datastore-charts.server');
const geo = () => import('~/models/datastore-geo.server');
const chartImages = () => import('~/services/charts.server');
const joinTables = () => import('~/services/joins.server');
const search = () => import('~/models/search.server');
const joins = () => import('~/models/datasets.server');
const snapshots = () => import('~/models/result-snapshots.server');
const importer = () => import('~/services/import/importer.server');
const backups = () => import('~/services/backup.server');
const catalogue = () => import('~/services/catalogue-work.server');
const dcat = () => import('~/services/dcat/build.server');

export const taskHandlers = {
  /** Indexes columns of a large datastore table that visitors sort or filter on. */
  indexDatastoreColumns: async (input: { tableName: string; columns: string[] }) => {
    const { indexDatastoreColumn } = await datastore();
    for (const column of input.columns) await indexDatastoreColumn(input.tableName, column);
    return input.columns.length;
  },
  /** Builds the trigram index that `q` (search in every column) uses on a large table. */
  buildDatastoreSearchIndex: async (input: { tableName: string; columns: string[] }) => {
    await (await datastore()).buildSearchIndex(input.tableName, input.columns);
    return true;
  },
  /** Brings the one- and two-character search index up to date, a batch at a time. */
  drainSearchShortQueue: async (input: { limit: number }) => await (await search()).drainSearchShortQueue(input.limit),
  /** The chart builder's grouped numbers over a large table's filtered rows. */
  aggregateChart: async (input: { tableName: string; columns: DatastoreColumn[]; spec: ChartSpec; query: { filters: RowFilter[]; q: string } }) =>
    await (await charts()).aggregateChart(input.tableName, input.columns, input.spec, input.query),
  /** Each profiled column's chart of a served table, by column name (the start-up backfill). */
  profileCharts: async (input: { tableName: string; columns: DatastoreColumn[]; rowCount: number }) =>
    Object.fromEntries((await (await charts()).withProfileCharts(input.tableName, input.columns, input.rowCount)).flatMap((c) => (c.profile ? [[c.name, c.profile.chart ?? null]] : []))),
  /** A map's points grouped on the view's grid, and the rows outside it, over a large table. */
  pointClusters: async (input: { tableName: string; columns: DatastoreColumn[]; args: ClusterQuery }) => await (await geo()).pointClusters(input.tableName, input.columns, input.args),
  /** Rasterises a chart's SVG for the PNG download (resvg: a few tens of milliseconds of CPU). */
  chartPng: async (input: { svg: string }) => (await chartImages()).svgToPng(input.svg),
  /** A join of two served tables: its re-identification check, counts and one page of rows. */
  joinTables: async (input: { spec: JoinSpec; window: { limit: number; offset: number } }) => await (await joinTables()).computeJoin(input.spec, input.window),
  /** Counts how many key values pairs of tables share, for "joinable datasets". */
  countJoinOverlaps: async (input: { pairs: JoinPair[] }) => await (await joins()).countJoinOverlaps(input.pairs),
  /** Recomputes a challenge's results snapshot if it is stale (seconds for 20,000 entries). */
  computeResultsSnapshot: async (input: { challengeId: number; now: number }) => await (await snapshots()).refreshResultsSnapshot(input.challengeId, new Date(input.now)),
  /** Computes the final snapshot and publishes the results, with the actor's audit entry, in the transaction that stores it. */
  publishResults: async (input: { challengeId: number; actor: WorkerActor; confirmedMissing: number | null; now: number }) =>
    await (await snapshots()).publishResultsSnapshot({ ...input, now: new Date(input.now) }),
  /** Runs one import job (the import thread's only task; see enqueueImport). */
  runImport: async (input: { jobId: number }) => {
    await (await importer()).runImport(input.jobId);
    return true;
  },
  /** A scheduled backup (see startBackupScheduler), run in the import thread. */
  createBackup: async (input: { root: string }) => {
    const { dir, manifest } = await (await backups()).createBackup(input.root);
    return { dir, files: manifest.files.length, missingUploads: manifest.missingUploads.length };
  },
  /** The catalogue (政务信息资源目录) of a department or the site as an XLSX workbook. */
  catalogueXlsx: async (input: CatalogueXlsxInput) => await (await catalogue()).buildCatalogueXlsx(input),
  /** Reads an uploaded catalogue sheet and works out what importing it would change (one page of each list). */
  cataloguePreview: async (input: CataloguePreviewInput) => await (await catalogue()).previewCatalogue(input),
  /** Applies a previewed catalogue sheet in one transaction, if it still plans to what was previewed. */
  catalogueApply: async (input: CatalogueApplyInput) => await (await catalogue()).applyCatalogue(input),
  /** A page of the DCAT catalogue, serialised (framing a hundred datasets as JSON-LD is CPU-heavy). */
  dcatCatalogue: async (input: { origin: string; page: number; format: RdfFormat }) => await (await dcat()).catalogueBody(input),
  /** The pool's own tests use these three. */
  echo: (input: { value: unknown; delayMs?: number }) =>
    new Promise<unknown>((resolve) => setTimeout(() => resolve(input.value), input.delayMs ?? 0)),
  fail: (input: { message: string }) => {
    throw new Error(input.message);
  },
  crash: () => {
    if (config().nodeEnv !== 'test') throw new Error('crash is for tests only');
    process.exit(3);
  },
};

export type TaskHandlers = typeof taskHandlers;
export type TaskKind = keyof TaskHandlers;
export type TaskInput<K extends TaskKind> = Parameters<TaskHandlers[K]>[0];
export type TaskOutput<K extends TaskKind> = Awaited<ReturnType<TaskHandlers[K]>>;
