/**
 * Dataset resources (uploaded tables) and their import jobs. A resource serves one datastore
 * table; a new upload imports into a fresh table and swaps it in only when the import succeeded,
 * so the published version is never half-replaced.
 */
import { and, asc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { affectedRows, inserted } from './rows.server';
import { NODE_ID, ownerHasStopped } from '~/node-id.server';
import { errorFields, log } from '~/log.server';
import { transaction } from './transaction.server';
import {
  datasetResources,
  datasets,
  privacyFindings,
  resourceImports,
  type DatastoreColumn,
  type ResourceFormat,
} from '../../db/tables';
import { canManageDepartment, canSeeDataset, grantCounts, rowAccess, type RowAccess, type Viewer } from '~/lib/access';
import { activeGrants } from './access-grants.server';
import type { AccessLevel, CoordinateSystem } from '~/lib/vocabulary';
import { datastoreTableName, dropDatastoreTable, listDatastoreTables } from './datastore.server';

export type ResourceRow = typeof datasetResources.$inferSelect;
export type ImportJob = typeof resourceImports.$inferSelect;

export interface UploadedFile {
  storageKey: string;
  originalFilename: string;
  byteSize: number;
  sha256: string;
}

/** Where a new resource goes in its dataset's list: last. */
async function nextPosition(tx: Pick<ReturnType<typeof getDb>, 'select'>, datasetId: number): Promise<number> {
  return (
    (await tx
      .select({ n: sql<number>`coalesce(max(${datasetResources.position}) + 1, 0)` })
      .from(datasetResources)
      .where(eq(datasetResources.datasetId, datasetId)).limit(1))[0]?.n ?? 0
  );
}

/** A change to a resource's description is a change of its dataset: harvesters look at metadata_modified. */
async function touchDataset(datasetId: number): Promise<void> {
  await getDb().update(datasets).set({ updatedAt: new Date() }).where(eq(datasets.id, datasetId));
}

/** The dataset a resource belongs to, if the viewer may manage it. */
async function managedDataset(datasetId: number, viewer: Viewer) {
  const dataset = (await getDb().select().from(datasets).where(eq(datasets.id, datasetId)).limit(1))[0];
  if (!dataset || !canManageDepartment(viewer, dataset.departmentId)) return undefined;
  return dataset;
}

export async function createResourceWithImport(args: {
  datasetId: number;
  viewer: Viewer;
  name: string;
  description: string;
  format: ResourceFormat;
  file: UploadedFile;
}): Promise<{ resourceId: number; jobId: number } | undefined> {
  if (!(await managedDataset(args.datasetId, args.viewer))) return undefined;
  return await transaction(async (tx) => {
    const position = await nextPosition(tx, args.datasetId);
    const resource = inserted(await tx
      .insert(datasetResources)
      .values({
        datasetId: args.datasetId,
        name: args.name,
        description: args.description,
        format: args.format,
        originalFilename: args.file.originalFilename,
        byteSize: args.file.byteSize,
        position,
      })
      .returning({ id: datasetResources.id }));
    const job = inserted(await tx
      .insert(resourceImports)
      .values({
        resourceId: resource.id,
        format: args.format,
        originalFilename: args.file.originalFilename,
        storageKey: args.file.storageKey,
        byteSize: args.file.byteSize,
        sha256: args.file.sha256,
        createdBy: args.viewer.id,
        ...importLease(),
      })
      .returning({ id: resourceImports.id }));
    return { resourceId: resource.id, jobId: job.id };
  });
}

/**
 * A link resource: an address the department points to (an API, a page, a file kept elsewhere),
 * listed with the dataset and harvested as it is. It is never imported, and the server never fetches it.
 */
export async function createLinkResource(args: { datasetId: number; viewer: Viewer; name: string; description: string; url: string; format: string }): Promise<number | undefined> {
  if (!(await managedDataset(args.datasetId, args.viewer))) return undefined;
  return await transaction(async (tx) => {
    const position = await nextPosition(tx, args.datasetId);
    const id = inserted(await tx
      .insert(datasetResources)
      .values({ datasetId: args.datasetId, name: args.name, description: args.description, format: 'other', originalFilename: '', linkUrl: args.url, linkFormat: args.format, position })
      .returning({ id: datasetResources.id })).id;
    await touchDataset(args.datasetId);
    return id;
  });
}

/** Changes a link resource's address or declared format (uploaded tables have neither). */
export async function updateLinkResource(args: { resourceId: number; viewer: Viewer; url: string; format: string }): Promise<boolean> {
  const resource = await getResource(args.resourceId);
  if (!resource || resource.linkUrl === null || !(await managedDataset(resource.datasetId, args.viewer))) return false;
  await getDb().update(datasetResources).set({ linkUrl: args.url, linkFormat: args.format, updatedAt: new Date() }).where(eq(datasetResources.id, resource.id));
  await touchDataset(resource.datasetId);
  return true;
}

/** A new file for an existing resource; the current table keeps serving until it has imported. */
export async function createReplacementImport(args: { resourceId: number; viewer: Viewer; format: ResourceFormat; file: UploadedFile }): Promise<number | undefined> {
  const resource = (await getDb().select().from(datasetResources).where(eq(datasetResources.id, args.resourceId)).limit(1))[0];
  // A link resource is not a table: a file for it is a new resource, not a replacement.
  if (!resource || resource.linkUrl !== null || !(await managedDataset(resource.datasetId, args.viewer))) return undefined;
  return inserted(await getDb()
    .insert(resourceImports)
    .values({
      resourceId: resource.id,
      format: args.format,
      originalFilename: args.file.originalFilename,
      storageKey: args.file.storageKey,
      byteSize: args.file.byteSize,
      sha256: args.file.sha256,
      createdBy: args.viewer.id,
      ...importLease(),
    })
    .returning({ id: resourceImports.id })).id;
}

export async function getImportJob(jobId: number): Promise<ImportJob | undefined> {
  return (await getDb().select().from(resourceImports).where(eq(resourceImports.id, jobId)).limit(1))[0];
}

/** A job's state for the page that shows its progress; undefined unless the viewer manages it. */
export async function getImportJobForViewer(jobId: number, viewer: Viewer) {
  const row = (await getDb()
    .select({ job: resourceImports, datasetId: datasetResources.datasetId, datasetSlug: datasets.slug, departmentId: datasets.departmentId })
    .from(resourceImports)
    .innerJoin(datasetResources, eq(resourceImports.resourceId, datasetResources.id))
    .innerJoin(datasets, eq(datasetResources.datasetId, datasets.id))
    .where(eq(resourceImports.id, jobId)).limit(1))[0];
  if (!row || !canManageDepartment(viewer, row.departmentId)) return undefined;
  const { job } = row;
  return {
    id: job.id,
    resourceId: job.resourceId,
    datasetSlug: row.datasetSlug,
    status: job.status,
    progress: job.progress,
    rowsDone: job.rowsDone,
    originalFilename: job.originalFilename,
    errorCode: job.errorCode,
    errorParams: job.errorParams,
  };
}

export async function markImportRunning(jobId: number): Promise<void> {
  await getDb().update(resourceImports).set({ status: 'running', startedAt: new Date() }).where(eq(resourceImports.id, jobId));
}

export async function updateImportProgress(jobId: number, progress: number, rowsDone: number): Promise<void> {
  await getDb()
    .update(resourceImports)
    .set({ progress: Math.max(0, Math.min(1, progress)), rowsDone })
    .where(eq(resourceImports.id, jobId));
}

export async function failImport(jobId: number, code: string, params: Record<string, string | number>): Promise<void> {
  await getDb()
    .update(resourceImports)
    .set({ status: 'failed', errorCode: code, errorParams: params, finishedAt: new Date() })
    .where(eq(resourceImports.id, jobId));
}

/** The lease an abandoned job was seen with: it is failed only if nobody renewed or took it since. */
export interface SeenLease {
  owner: string | null;
  expiresAt: Date | null;
}

/**
 * An import whose thread died (out of memory, say) without its own clean-up: the job is failed if it
 * had not finished, and the tables it was building (`ds_<resource>_<job>` and its served copies),
 * which no resource refers to, are dropped. Its upload stays: the failed job still names it. With
 * `seen`, only a job whose lease is still as it was seen: a process that renewed it meanwhile is
 * alive and keeps its job.
 */
export async function abandonImport(jobId: number, code: string, params: Record<string, string | number>, seen?: SeenLease): Promise<void> {
  const db = getDb();
  const job = (await db.select().from(resourceImports).where(eq(resourceImports.id, jobId)).limit(1))[0];
  if (!job) return;
  const unchanged = seen
    ? and(
        seen.owner === null ? isNull(resourceImports.leaseOwner) : eq(resourceImports.leaseOwner, seen.owner),
        seen.expiresAt === null ? isNull(resourceImports.leaseExpiresAt) : eq(resourceImports.leaseExpiresAt, seen.expiresAt),
      )
    : undefined;
  const failed = affectedRows(await db.update(resourceImports)
    .set({ status: 'failed', errorCode: code, errorParams: params, finishedAt: new Date() })
    .where(and(eq(resourceImports.id, jobId), inArray(resourceImports.status, ['queued', 'running']), unchanged)));
  // A job that had finished cleaned up after itself; one renewed meanwhile still needs its tables.
  if (failed === 0) return;
  const own = datastoreTableName(job.resourceId, job.id);
  const inUse = new Set((await db.select({ t: datasetResources.tableName, raw: datasetResources.rawTableName }).from(datasetResources).where(eq(datasetResources.id, job.resourceId))).flatMap((r) => [r.t, r.raw]));
  for (const table of await listDatastoreTables()) {
    if ((table === own || table.startsWith(`${own}_s`)) && !inUse.has(table)) await dropQuietly(table);
  }
}

/** A drop that fails (a download still reading the table on some process) is left for a later sweep. */
async function dropQuietly(table: string): Promise<void> {
  try {
    await dropDatastoreTable(table);
  } catch (error) {
    log.warn({ ...errorFields(error), table }, 'datastore table not dropped now; a later sweep will');
  }
}

export interface CompletedImport {
  /** The uploaded table, as imported. */
  rawTableName: string;
  rawColumns: DatastoreColumn[];
  rowCount: number;
  /** What is served from now on: the upload itself, a de-identified copy, or nothing (unresolved findings). */
  served: { tableName: string; columns: DatastoreColumn[]; rowCount: number } | null;
  findings: NewFinding[];
  encoding: string | null;
  delimiter: string | null;
}

export type NewFinding = Omit<typeof privacyFindings.$inferInsert, 'id' | 'resourceId' | 'createdAt'>;

/** Labels and descriptions written for the previous version carry over to columns of the same name. */
export function withDictionary(columns: DatastoreColumn[], previous: readonly DatastoreColumn[]): DatastoreColumn[] {
  const byName = new Map(previous.map((c) => [c.name, c]));
  return columns.map((column) => {
    const old = byName.get(column.name);
    return { ...column, ...(old?.label ? { label: old.label } : {}), ...(old?.description ? { description: old.description } : {}) };
  });
}

/**
 * Swaps the imported table in, in one transaction: the resource points at the new upload and at
 * what is served from it, the scan's findings replace the previous ones, the job is marked done,
 * and the tables no longer used are dropped. Returns the storage key of the file the resource no
 * longer uses.
 */
export async function completeImport(jobId: number, result: CompletedImport): Promise<{ previousStorageKey: string | null }> {
  return await transaction(async (tx) => {
    const job = (await tx.select().from(resourceImports).where(eq(resourceImports.id, jobId)).limit(1))[0];
    if (!job) throw new Error(`import ${jobId} vanished`);
    const resource = (await tx.select().from(datasetResources).where(eq(datasetResources.id, job.resourceId)).limit(1))[0];
    if (!resource) throw new Error(`resource ${job.resourceId} vanished`);
    const dictionary = resource.rawColumns.length > 0 ? resource.rawColumns : resource.columns;
    const now = new Date();
    await tx.update(datasetResources)
      .set({
        rawTableName: result.rawTableName,
        rawColumns: withDictionary(result.rawColumns, dictionary),
        rawRowCount: result.rowCount,
        tableName: result.served?.tableName ?? null,
        columns: result.served ? withDictionary(result.served.columns, dictionary) : [],
        rowCount: result.served?.rowCount ?? null,
        format: job.format,
        originalFilename: job.originalFilename,
        storageKey: job.storageKey,
        byteSize: job.byteSize,
        sha256: job.sha256,
        encoding: result.encoding,
        delimiter: result.delimiter,
        importStatus: 'ready',
        importedAt: now,
        updatedAt: now,
      })
      .where(eq(datasetResources.id, resource.id));
    await tx.delete(privacyFindings).where(eq(privacyFindings.resourceId, resource.id));
    for (const finding of result.findings) await tx.insert(privacyFindings).values({ ...finding, resourceId: resource.id, createdAt: now });
    await tx.update(resourceImports).set({ status: 'succeeded', progress: 1, rowsDone: result.rowCount, finishedAt: now }).where(eq(resourceImports.id, jobId));
    await tx.update(datasets).set({ updatedAt: now }).where(eq(datasets.id, resource.datasetId));
    const keep = new Set([result.rawTableName, result.served?.tableName]);
    for (const old of [resource.tableName, resource.rawTableName]) if (old && !keep.has(old)) await dropDatastoreTable(old);
    return { previousStorageKey: resource.storageKey && resource.storageKey !== job.storageKey ? resource.storageKey : null };
  });
}

/**
 * After a restart, jobs that were queued or running can never finish: mark them failed and drop
 * any datastore table no resource points at.
 */
/**
 * How long an import job's owner is trusted to be alive without renewing its lease: the process
 * that queued it renews every queued or running job it holds every IMPORT_LEASE_RENEW_MS.
 */
export const IMPORT_LEASE_MS = 60_000;
export const IMPORT_LEASE_RENEW_MS = 15_000;

function importLease(now = new Date()): { leaseOwner: string; leaseExpiresAt: Date } {
  return { leaseOwner: NODE_ID, leaseExpiresAt: new Date(now.getTime() + IMPORT_LEASE_MS) };
}

/** Renews the leases of this process's unfinished import jobs; answers how many. */
export async function renewImportLeases(now = new Date()): Promise<number> {
  return affectedRows(await getDb()
    .update(resourceImports)
    .set({ leaseExpiresAt: new Date(now.getTime() + IMPORT_LEASE_MS) })
    .where(and(eq(resourceImports.leaseOwner, NODE_ID), inArray(resourceImports.status, ['queued', 'running']))));
}

/**
 * Fails the import jobs whose process died and drops the tables they were building; run by one
 * process at a time, every minute and at start-up. A job is abandoned when its lease expired (its
 * process stopped renewing it) or its process is known to have stopped (restarted on this
 * machine, which need not wait for the lease). Jobs another live process holds are left alone. The
 * failed job still names its upload, which the official can import again.
 */
export async function failAbandonedImports(now = new Date()): Promise<number> {
  const unfinished = await getDb()
    .select({ id: resourceImports.id, owner: resourceImports.leaseOwner, expiresAt: resourceImports.leaseExpiresAt })
    .from(resourceImports)
    .where(inArray(resourceImports.status, ['queued', 'running']));
  const stuck = unfinished.filter((job) => job.expiresAt === null || job.expiresAt < now || ownerHasStopped(job.owner));
  for (const job of stuck) await abandonImport(job.id, 'interrupted', {}, { owner: job.owner, expiresAt: job.expiresAt });
  return stuck.length;
}

/** A served copy is stamped with the time its build began (app/models/privacy.server.ts); none takes this long. */
const SERVED_COPY_BUILD_MS = 60 * 60_000;

/**
 * At start-up (under the start-up lock): fails abandoned jobs, then drops imported tables that no
 * resource refers to and that no other process may still be writing: tables of finished jobs, and
 * served copies whose build began over an hour ago.
 */
export async function recoverInterruptedImports(now = new Date()): Promise<{ jobs: number; tables: number }> {
  const db = getDb();
  const jobs = await failAbandonedImports(now);
  // In this order: a table listed first is, by the time the others are read, either still being
  // written by a live job or referenced by the resource its finished job completed (one commit).
  const tables = await listDatastoreTables();
  const live = new Set((await db.select({ id: resourceImports.id }).from(resourceImports).where(inArray(resourceImports.status, ['queued', 'running']))).map((j) => j.id));
  const inUse = new Set((await db.select({ t: datasetResources.tableName, raw: datasetResources.rawTableName }).from(datasetResources)).flatMap((r) => [r.t, r.raw]));
  const orphans = tables.filter((name) => !inUse.has(name) && !mayStillBeWritten(name, live, now));
  for (const table of orphans) await dropQuietly(table);
  return { jobs, tables: orphans.length };
}

function mayStillBeWritten(table: string, liveJobs: ReadonlySet<number>, now: Date): boolean {
  const match = /^ds_\d+_(\d+)(?:_s(\d+))?$/.exec(table);
  if (!match) return false;
  if (liveJobs.has(Number(match[1]))) return true;
  return match[2] !== undefined && Number(match[2]) > now.getTime() - SERVED_COPY_BUILD_MS;
}

/** The newest job of each resource of a dataset, for the management page. */
export async function latestImportsForDataset(datasetId: number): Promise<Map<number, ImportJob>> {
  const jobs = await getDb()
    .select({ job: resourceImports })
    .from(resourceImports)
    .innerJoin(datasetResources, eq(resourceImports.resourceId, datasetResources.id))
    .where(eq(datasetResources.datasetId, datasetId))
    .orderBy(asc(resourceImports.id));
  const latest = new Map<number, ImportJob>();
  for (const { job } of jobs) latest.set(job.resourceId, job);
  return latest;
}

export async function getResource(resourceId: number): Promise<ResourceRow | undefined> {
  return (await getDb().select().from(datasetResources).where(eq(datasetResources.id, resourceId)).limit(1))[0];
}

/** Removes a resource, its table and its files; returns the storage keys to delete. */
export async function deleteResource(resourceId: number, viewer: Viewer): Promise<{ storageKeys: string[] } | undefined> {
  const resource = await getResource(resourceId);
  if (!resource || !(await managedDataset(resource.datasetId, viewer))) return undefined;
  const db = getDb();
  const jobKeys = (await db.select({ k: resourceImports.storageKey }).from(resourceImports).where(eq(resourceImports.resourceId, resourceId))).map((r) => r.k);
  await transaction(async (tx) => {
    await tx.delete(datasetResources).where(eq(datasetResources.id, resourceId));
    await tx.update(datasets).set({ updatedAt: new Date() }).where(eq(datasets.id, resource.datasetId));
    for (const table of new Set([resource.tableName, resource.rawTableName])) if (table) await dropDatastoreTable(table);
  });
  return { storageKeys: [...new Set([...(resource.storageKey ? [resource.storageKey] : []), ...jobKeys])] };
}

/** Saves the data dictionary: labels and descriptions for existing columns only. */
export async function updateResourceDictionary(args: {
  resourceId: number;
  viewer: Viewer;
  entries: { name: string; label: string; description: string }[];
}): Promise<boolean> {
  const resource = await getResource(args.resourceId);
  if (!resource || !(await managedDataset(resource.datasetId, args.viewer))) return false;
  const byName = new Map(args.entries.map((e) => [e.name, e]));
  // The dictionary describes the upload's columns and, through it, the served ones.
  const describe = (columns: DatastoreColumn[]) =>
    columns.map((column) => {
      const entry = byName.get(column.name);
      if (!entry) return column;
      const { label: _label, description: _description, ...rest } = column;
      return {
        ...rest,
        ...(entry.label.trim() ? { label: entry.label.trim() } : {}),
        ...(entry.description.trim() ? { description: entry.description.trim() } : {}),
      };
    });
  await getDb()
    .update(datasetResources)
    .set({ columns: describe(resource.columns), rawColumns: describe(resource.rawColumns), updatedAt: new Date() })
    .where(eq(datasetResources.id, resource.id));
  await touchDataset(resource.datasetId);
  return true;
}

export async function updateResourceDetails(args: { resourceId: number; viewer: Viewer; name: string; description: string; summary: string; coordinateSystem: CoordinateSystem }): Promise<boolean> {
  const resource = await getResource(args.resourceId);
  if (!resource || !(await managedDataset(resource.datasetId, args.viewer))) return false;
  await getDb()
    .update(datasetResources)
    .set({ name: args.name, description: args.description, summary: args.summary, coordinateSystem: args.coordinateSystem, updatedAt: new Date() })
    .where(eq(datasetResources.id, resource.id));
  await touchDataset(resource.datasetId);
  return true;
}

/** Served tables of published datasets with their columns (for 一张图's layer list), oldest first, capped. */
export async function listPublishedTables(limit: number): Promise<{ id: number; name: string; datasetTitle: string; columns: DatastoreColumn[] }[]> {
  return await getDb()
    .select({ id: datasetResources.id, name: datasetResources.name, datasetTitle: datasets.title, columns: datasetResources.columns })
    .from(datasetResources)
    .innerJoin(datasets, eq(datasetResources.datasetId, datasets.id))
    .where(and(eq(datasets.status, 'published'), eq(datasets.accessLevel, 'open'), isNotNull(datasetResources.tableName), eq(datasetResources.importStatus, 'ready')))
    .orderBy(asc(datasetResources.id))
    .limit(limit);
}

/** Resources of a dataset, in display order. */
export async function listResources(datasetId: number): Promise<ResourceRow[]> {
  return await getDb()
    .select()
    .from(datasetResources)
    .where(eq(datasetResources.datasetId, datasetId))
    .orderBy(asc(datasetResources.position), asc(datasetResources.id));
}

export interface ReadableResource {
  id: number;
  /** The stable public id (CKAN's resource `id`). */
  uuid: string;
  name: string;
  description: string;
  /** The department's summary; empty when the page words one from the profile. */
  summary: string;
  /** Quasi-identifiers the department marked, and the k the served table keeps on them. */
  suppression: { columns: string[]; k: number } | null;
  format: ResourceFormat;
  tableName: string;
  columns: DatastoreColumn[];
  rowCount: number;
  byteSize: number;
  importedAt: Date | null;
  /** The datum of its coordinate columns (maps convert GCJ-02 to WGS-84 for display). */
  coordinateSystem: CoordinateSystem;
  dataset: { id: number; slug: string; title: string; status: string; accessLevel: AccessLevel; licence: string; departmentId: number };
  /** Why this viewer may read the rows; 'public' alone may be cached by shared caches. */
  access: Exclude<RowAccess, 'none'>;
  /** The grant the rows are read under, when access is 'grant' (every read is then logged). */
  grant: { id: number; userId: number } | null;
}

export interface ResourceLookup {
  datasetSlug: string;
  resourceId: number;
  viewer: Viewer | null;
  /**
   * Whether a grant may open the rows. Only the paths that log each read under a grant (preview,
   * downloads, the rows API, CKAN datastore_search) pass true; joins, charts and maps serve
   * only what the viewer may read without one.
   */
  viaGrant?: boolean;
  now?: Date;
}

/**
 * A resource whose rows this viewer may read (app/lib/access.ts decides), or why not: 'notFound'
 * when the resource does not exist for them, 'forbidden' when its dataset is visible but its rows
 * need an approved application (a conditional dataset).
 */
export async function resolveReadableResource(args: ResourceLookup): Promise<{ resource: ReadableResource } | { refused: 'notFound' | 'forbidden' }> {
  const row = (await getDb()
    .select({ resource: datasetResources, dataset: datasets })
    .from(datasetResources)
    .innerJoin(datasets, eq(datasetResources.datasetId, datasets.id))
    .where(and(eq(datasetResources.id, args.resourceId), eq(datasets.slug, args.datasetSlug))).limit(1))[0];
  if (!row || !row.resource.tableName || row.resource.importStatus !== 'ready') return { refused: 'notFound' };
  if (!canSeeDataset(row.dataset, args.viewer)) return { refused: 'notFound' };
  const grants = args.viaGrant && args.viewer ? await activeGrants(row.dataset.id, args.viewer, args.now ?? new Date(), row.resource.id) : [];
  const access = rowAccess(row.dataset, args.viewer, grants.map((g) => g.holder));
  if (access === 'none') return { refused: 'forbidden' };
  const grant = access === 'grant' && args.viewer ? (grants.find((g) => grantCounts(row.dataset, g.holder)) ?? null) : null;
  const r = row.resource;
  const d = row.dataset;
  return {
    resource: {
      id: r.id,
      uuid: r.uuid ?? String(r.id),
      name: r.name,
      description: r.description,
      summary: r.summary,
      suppression: r.suppression ?? null,
      format: r.format,
      tableName: r.tableName as string,
      columns: r.columns,
      rowCount: r.rowCount ?? 0,
      byteSize: r.byteSize,
      importedAt: r.importedAt,
      coordinateSystem: r.coordinateSystem,
      dataset: { id: d.id, slug: d.slug, title: d.title, status: d.status, accessLevel: d.accessLevel, licence: d.licence, departmentId: d.departmentId },
      access,
      grant: grant && args.viewer ? { id: grant.id, userId: args.viewer.id } : null,
    },
  };
}

/** A resource whose rows this viewer may read, or undefined (see resolveReadableResource). */
export async function getReadableResource(args: ResourceLookup): Promise<ReadableResource | undefined> {
  const found = await resolveReadableResource(args);
  return 'resource' in found ? found.resource : undefined;
}

/** A resource's numeric id from its public UUID (CKAN clients send either). */
export async function resourceIdByUuid(uuid: string): Promise<number | undefined> {
  return (await getDb().select({ id: datasetResources.id }).from(datasetResources).where(eq(datasetResources.uuid, uuid)).limit(1))[0]?.id;
}

export async function resourceUuidById(id: number): Promise<string | undefined> {
  return (await getDb().select({ uuid: datasetResources.uuid }).from(datasetResources).where(eq(datasetResources.id, id)).limit(1))[0]?.uuid ?? undefined;
}

/** The dataset slug of a resource id (CKAN addresses resources by id alone). */
export async function datasetSlugOfResource(resourceId: number): Promise<string | undefined> {
  return (await getDb()
    .select({ slug: datasets.slug })
    .from(datasetResources)
    .innerJoin(datasets, eq(datasetResources.datasetId, datasets.id))
    .where(eq(datasetResources.id, resourceId)).limit(1))[0]?.slug;
}

/** A served resource by id alone (joins, charts, maps), under the same visibility rule. */
export async function getReadableResourceById(resourceId: number, viewer: Viewer | null): Promise<ReadableResource | undefined> {
  const slug = await datasetSlugOfResource(resourceId);
  return slug === undefined ? undefined : await getReadableResource({ datasetSlug: slug, resourceId, viewer });
}
