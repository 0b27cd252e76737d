/**
 * What is waiting for a department (its officials' inbox on /manage), or for every department
 * (admins): data requests without an answer, imports that failed, results not yet published after
 * judging ended. Each list is the oldest first with a hard cap, and its count is separate, so the
 * page does not grow with the backlog.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { getDb } from '../../db/client';
import { challenges, dataRequests, datasetResources, datasets, resourceImports } from '../../db/schema';
import { managedDepartmentScope, type Viewer } from '~/lib/access';

export interface InboxItem {
  id: number;
  title: string;
  /** Since when it has been waiting. */
  since: Date;
  /** Where to act on it. */
  href: string;
}

export interface InboxList {
  items: InboxItem[];
  total: number;
}

/** The cap of each list on the page; the count says how many more there are. */
export const INBOX_LIST_CAP = 20;

function departmentFilter(scope: 'all' | number, column: SQL | SQLiteColumn): SQL {
  return scope === 'all' ? sql`1 = 1` : sql`${column} = ${scope}`;
}

/** One kind of waiting thing: the rows it comes from, which of them wait, and how each is shown. */
interface Source {
  from: SQL;
  where: SQL;
  select: SQL;
  order: SQL;
  href: (row: { id: number; slug?: string }) => string;
}

function itemsOf(source: Source): InboxItem[] {
  return getDb()
    .all<{ id: number; title: string; since: number; slug?: string }>(sql`select ${source.select} ${source.from} where ${source.where} order by ${source.order} limit ${INBOX_LIST_CAP}`)
    .map((r) => ({ id: r.id, title: r.title, since: new Date(r.since), href: source.href(r) }));
}

function countOf(source: Source): number {
  return getDb().get<{ n: number }>(sql`select count(*) as n ${source.from} where ${source.where}`)?.n ?? 0;
}

/** Data requests addressed to the department and not answered yet. */
function waitingRequests(scope: 'all' | number): Source {
  return {
    from: sql`from ${dataRequests}`,
    // Written as the expression index data_requests_waiting_idx holds, so waiting requests are read from it.
    where: sql`(${dataRequests.respondedAt} is not null) = 0 and ${departmentFilter(scope, dataRequests.departmentId)}`,
    select: sql`${dataRequests.id} as id, ${dataRequests.title} as title, ${dataRequests.createdAt} as since`,
    order: sql`${dataRequests.createdAt} asc`,
    href: (r) => `/requests/${r.id}`,
  };
}

/** Resources whose latest import failed (a new upload supersedes a failure). */
function failedImports(scope: 'all' | number): Source {
  return {
    from: sql`from ${resourceImports} join ${datasetResources} on ${datasetResources.id} = ${resourceImports.resourceId} join ${datasets} on ${datasets.id} = ${datasetResources.datasetId}`,
    where: sql`${resourceImports.status} = 'failed'
      and ${resourceImports.id} = (select max(latest.id) from ${resourceImports} latest where latest.resource_id = ${resourceImports.resourceId})
      and ${departmentFilter(scope, datasets.departmentId)}`,
    select: sql`${resourceImports.id} as id, ${datasets.title} || ' · ' || ${datasetResources.name} as title, coalesce(${resourceImports.finishedAt}, ${resourceImports.createdAt}) as since`,
    order: sql`${resourceImports.id} asc`,
    href: (r) => `/manage/imports/${r.id}`,
  };
}

/** Challenges whose judging has ended without results published. */
function resultsDue(scope: 'all' | number, now: Date): Source {
  return {
    from: sql`from ${challenges}`,
    where: sql`${challenges.status} = 'published' and ${challenges.resultsPublishedAt} is null and ${challenges.judgingEndsAt} <= ${now.getTime()} and ${departmentFilter(scope, challenges.departmentId)}`,
    select: sql`${challenges.id} as id, ${challenges.title} as title, ${challenges.slug} as slug, ${challenges.judgingEndsAt} as since`,
    order: sql`${challenges.judgingEndsAt} asc`,
    href: (r) => `/manage/challenges/${r.slug ?? ''}/results`,
  };
}

function sources(scope: 'all' | number, now: Date) {
  return { requests: waitingRequests(scope), failedImports: failedImports(scope), resultsDue: resultsDue(scope, now) };
}

export interface Inbox {
  requests: InboxList;
  failedImports: InboxList;
  resultsDue: InboxList;
}

/** The viewer's inbox, or null for someone who manages no department. */
export function inboxFor(viewer: Viewer, now = new Date()): Inbox | null {
  const scope = managedDepartmentScope(viewer);
  if (scope === null) return null;
  const all = sources(scope, now);
  const listOf = (source: Source): InboxList => ({ items: itemsOf(source), total: countOf(source) });
  return { requests: listOf(all.requests), failedImports: listOf(all.failedImports), resultsDue: listOf(all.resultsDue) };
}

/** How many things wait in the viewer's inbox, for the count in the navigation: counts only. */
export function inboxCount(viewer: Viewer, now = new Date()): number {
  const scope = managedDepartmentScope(viewer);
  if (scope === null) return 0;
  return Object.values(sources(scope, now)).reduce((total, source) => total + countOf(source), 0);
}
