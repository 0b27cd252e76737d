/** Shared by the preview page, downloads and the APIs: resolve a readable resource, its query, and its rows. */
import { parseRowQuery, type QueryLimits, type QueryProblem, type RowQuery } from '~/lib/datastore-query';
import type { Viewer } from '~/lib/access';
import { hasSearchIndex, indexedColumns, queryDatastore, type DatastoreRow } from '~/models/datastore.server';
import { trigramQuery } from '~/lib/datastore-query';
import type { DatastoreColumn } from '../../db/tables';
import { resolveReadableResource, type ReadableResource } from '~/models/resources.server';
import { recordGrantRead } from '~/models/access-grants.server';
import type { GrantReadKind } from '~/lib/vocabulary';
import { requireIdParam } from './form-helpers.server';
import { runTask } from './workers/pool.server';
import { errorFields, log } from '~/log.server';

/** Below this a filter or sort scans the table in a few milliseconds; above it, columns get indexes. */
export const LARGE_TABLE_ROWS = 50_000;
/** Indexes cost disk and import time: a table gets at most this many, for the columns people use. */
export const MAX_INDEXES_PER_TABLE = 12;
/** How long a visitor waits for a new index (about a second per million rows) before the query runs without. */
const INDEX_WAIT_MS = 8_000;

const building = new Map<string, Promise<unknown>>();

/** Columns the query filters by value or range, or sorts by first: those an index helps. */
function columnsToIndex(query: Pick<RowQuery, 'filters' | 'sort'>): string[] {
  const wanted = new Set<string>();
  for (const filter of query.filters) if (filter.op !== 'contains') wanted.add(filter.column);
  const sort = query.sort[0]?.column;
  if (sort && sort !== '_id') wanted.add(sort);
  return [...wanted];
}

/** A build in the worker, shared by everyone who asks for the same thing meanwhile. */
function sharedBuild(key: string, start: () => Promise<unknown>, after: () => Promise<unknown> | void): Promise<unknown> {
  let build = building.get(key);
  if (!build) {
    build = start()
      .catch((error: unknown) => log.error(errorFields(error), `${key.replaceAll('\u0000', ' ')} failed`))
      .finally(() => {
        building.delete(key);
        return after();
      });
    building.set(key, build);
  }
  return build;
}

function waitAtMost(build: Promise<unknown>): Promise<unknown> {
  return Promise.race([build, new Promise((resolve) => setTimeout(resolve, INDEX_WAIT_MS).unref())]);
}

/**
 * On a large table, makes sure the columns this query filters and sorts by are indexed, and that
 * `q` has its search index: built once, in a worker thread, the first time anyone asks; later
 * visitors find them ready. The visitor who asked first waits a few seconds at most; if the build
 * takes longer, that one query runs without it.
 */
async function ensureIndexes(tableName: string, columns: readonly DatastoreColumn[], query: Pick<RowQuery, 'filters' | 'sort' | 'q'>): Promise<void> {
  const have = await indexedColumns(tableName);
  const room = Math.max(0, MAX_INDEXES_PER_TABLE - have.size);
  const missing = columnsToIndex(query)
    .filter((c) => !have.has(c))
    .slice(0, room);
  const builds: Promise<unknown>[] = [];
  if (missing.length > 0) {
    // The worker built them on its own connection: ask SQLite again afterwards.
    builds.push(sharedBuild(`indexing ${tableName}\u0000${missing.join('\u0000')}`, () => runTask('indexDatastoreColumns', { tableName, columns: missing }), async () => await indexedColumns(tableName, { refresh: true })));
  }
  if (query.q && trigramQuery(query.q) && !(await hasSearchIndex(tableName))) {
    builds.push(
      sharedBuild(`search index of ${tableName}`, () => runTask('buildDatastoreSearchIndex', { tableName, columns: columns.map((c) => c.name) }), async () => await hasSearchIndex(tableName, { refresh: true })),
    );
  }
  if (builds.length > 0) await waitAtMost(Promise.all(builds));
}

/** One page of a resource's rows and the number matching, with indexes on large tables. */
export async function readRows(resource: { tableName: string; columns: readonly DatastoreColumn[]; rowCount: number | null }, query: RowQuery): Promise<{ rows: DatastoreRow[]; total: number }> {
  if ((resource.rowCount ?? 0) >= LARGE_TABLE_ROWS) await ensureIndexes(resource.tableName, resource.columns, query);
  return await queryDatastore(resource.tableName, resource.columns, query, resource.rowCount ?? undefined);
}

/**
 * The resource at /datasets/:slug/resources/:id if this viewer may read its rows; 404 when it does
 * not exist for them, 403 (naming the application form) when its dataset is conditional and they
 * hold no grant. Pass viaGrant only where each read is then logged with logGrantRead.
 */
export async function readableResourceOr404(params: { slug?: string; id?: string }, viewer: Viewer | null, options: { viaGrant?: boolean } = {}): Promise<ReadableResource> {
  const slug = params.slug ?? '';
  const found = await resolveReadableResource({ datasetSlug: slug, resourceId: requireIdParam(params.id), viewer, viaGrant: options.viaGrant });
  if ('resource' in found) return found.resource;
  if (found.refused === 'forbidden') throw Response.json({ apply: `/datasets/${slug}/apply` }, { status: 403, headers: { 'Cache-Control': 'private, no-store' } });
  throw new Response('Not Found', { status: 404 });
}

/** Logs a read of rows made under a grant (who, when, what, how many rows); other reads are not logged here. */
export async function logGrantRead(resource: ReadableResource, kind: GrantReadKind, rowCount: number, search: URLSearchParams | string = ''): Promise<void> {
  if (!resource.grant) return;
  await recordGrantRead({
    grantId: resource.grant.id,
    datasetId: resource.dataset.id,
    userId: resource.grant.userId,
    resourceId: resource.id,
    kind,
    rowCount,
    query: String(search).slice(0, 2000),
    at: new Date(),
  });
}

/** Cache headers for rows: shared caches only for open data; anything read by permission stays private. */
export function rowsCacheScope(resource: ReadableResource): 'public' | 'private' {
  return resource.access === 'public' ? 'public' : 'private';
}

export function parseResourceQuery(resource: ReadableResource, search: URLSearchParams, limits: QueryLimits): { query: RowQuery } | { problem: QueryProblem } {
  const parsed = parseRowQuery(search, resource.columns, limits);
  return parsed.ok ? { query: parsed.query } : { problem: parsed.problem };
}
