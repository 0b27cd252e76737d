/**
 * What is waiting for a department (its officials' inbox on /manage), or for every department
 * (admins): data requests without an answer, imports that failed, results not yet published after
 * judging ended. Each list is the oldest first with a hard cap, and its count is separate, so the
 * page does not grow with the backlog.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { selectRows, selectRow } from './rows.server';
import { accessApplications, adoptions, awards, challengeJudges, challenges, comments, conflicts, dataRequests, datasetResources, datasets, judgeAssignments, privacyDecisions, privacyFindings, resourceImports, reviews, submissions } from '../../db/tables';
import { commentPermalink } from '~/lib/comment-rules';
import { LATE_AFTER_MS } from '~/lib/update-frequency';
import { managedDepartmentScope, type Viewer } from '~/lib/access';
import { epochMs, timeValue } from './dialect.server';

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

async function itemsOf(source: Source): Promise<InboxItem[]> {
  return (await selectRows<{ id: number; title: string; since: number; slug?: string }>(sql`select ${source.select} ${source.from} where ${source.where} order by ${source.order} limit ${INBOX_LIST_CAP}`))
    .map((r) => ({ id: r.id, title: r.title, since: new Date(r.since), href: source.href(r) }));
}

async function countOf(source: Source): Promise<number> {
  return (await selectRow<{ n: number }>(sql`select count(*) as n ${source.from} where ${source.where}`))?.n ?? 0;
}

/** Data requests addressed to the department and not answered yet. */
function waitingRequests(scope: 'all' | number): Source {
  return {
    from: sql`from ${dataRequests}`,
    // Written as the expression index data_requests_waiting_idx holds, so waiting requests are read from it.
    where: sql`(${dataRequests.respondedAt} is not null) = false and ${departmentFilter(scope, dataRequests.departmentId)}`,
    select: sql`${dataRequests.id} as id, ${dataRequests.title} as title, ${dataRequests.createdAt} as since`,
    order: sql`${dataRequests.createdAt} asc`,
    href: (r) => `/requests/${r.id}`,
  };
}

/** Applications for the department's conditional data waiting for a decision (index access_applications_dataset_idx). */
function pendingApplications(scope: 'all' | number): Source {
  return {
    from: sql`from ${accessApplications} join ${datasets} on ${datasets.id} = ${accessApplications.datasetId}`,
    where: sql`${accessApplications.status} = 'pending' and ${departmentFilter(scope, datasets.departmentId)}`,
    select: sql`${accessApplications.id} as id, ${datasets.title} as title, ${accessApplications.createdAt} as since`,
    order: sql`${accessApplications.createdAt} asc`,
    href: (r) => `/manage/applications/${r.id}`,
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
    where: sql`${challenges.status} = 'published' and ${challenges.resultsPublishedAt} is null and ${challenges.judgingEndsAt} <= ${timeValue(now)} and ${departmentFilter(scope, challenges.departmentId)}`,
    select: sql`${challenges.id} as id, ${challenges.title} as title, ${challenges.slug} as slug, ${challenges.judgingEndsAt} as since`,
    order: sql`${challenges.judgingEndsAt} asc`,
    href: (r) => `/manage/challenges/${r.slug ?? ''}/results`,
  };
}

/**
 * Challenges in judging whose completed reviews lag behind the calendar: the share of expected
 * reviews completed is below the share of the judging period gone by. Expected reviews are every
 * accepted judge on every submitted entry (or the assignments, when entries are assigned), less
 * declared conflicts.
 */
function judgingBehind(scope: 'all' | number, now: Date): Source {
  const submitted = sql`select s.id from ${submissions} s where s.challenge_id = ${challenges.id} and s.status = 'submitted'`;
  const expected = sql`((case ${challenges.assignmentMode}
      when 'all' then (select count(*) from ${challengeJudges} j where j.challenge_id = ${challenges.id} and j.accepted_at is not null and j.user_id is not null)
        * (select count(*) from (${submitted}) as submitted_entries)
      else (select count(*) from ${judgeAssignments} a where a.challenge_id = ${challenges.id} and a.submission_id in (${submitted})) end)
    - (select count(*) from ${conflicts} c where c.challenge_id = ${challenges.id} and c.submission_id in (${submitted})))`;
  const completed = sql`(select count(*) from ${reviews} r where r.status = 'completed' and r.submission_id in (${submitted}))`;
  return {
    from: sql`from ${challenges}`,
    where: sql`${challenges.status} = 'published' and ${challenges.resultsPublishedAt} is null
      and ${challenges.closesAt} <= ${timeValue(now)} and ${challenges.judgingEndsAt} > ${timeValue(now)}
      and ${departmentFilter(scope, challenges.departmentId)}
      and ${expected} > 0
      and ${completed} * (${epochMs(challenges.judgingEndsAt)} - ${epochMs(challenges.closesAt)}) < ${expected} * (${now.getTime()} - ${epochMs(challenges.closesAt)})`,
    select: sql`${challenges.id} as id, ${challenges.title} || ' · ' || ${completed} || '/' || ${expected} as title, ${challenges.slug} as slug, ${challenges.closesAt} as since`,
    order: sql`${challenges.closesAt} asc`,
    href: (r) => `/manage/challenges/${r.slug ?? ''}/judging`,
  };
}

/** Questions in the department's challenge discussions that no official has answered. */
function openQuestions(departmentId: number): Source {
  return {
    from: sql`from ${challenges} join ${comments} on ${comments.targetType} = 'challenge' and ${comments.targetId} = ${challenges.id}`,
    where: sql`${challenges.departmentId} = ${departmentId} and ${comments.parentId} is null and ${comments.isOfficial} = false
      and ${comments.hiddenAt} is null and ${comments.deletedAt} is null
      and not exists (select 1 from ${comments} answer where answer.parent_id = ${comments.id} and answer.is_official = true)`,
    select: sql`${comments.id} as id, ${challenges.title} || ' · ' || substr(${comments.body}, 1, 60) as title, ${comments.createdAt} as since, ${challenges.slug} as slug`,
    order: sql`${comments.createdAt} asc`,
    href: (r) => commentPermalink(`/challenges/${r.slug ?? ''}`, r.id),
  };
}

/** Uploads with personal information found in a column nobody has decided on yet: nothing of them is served. */
function privacyPending(departmentId: number): Source {
  return {
    from: sql`from ${datasets} join ${datasetResources} on ${datasetResources.datasetId} = ${datasets.id}`,
    where: sql`${datasets.departmentId} = ${departmentId} and exists (
      select 1 from ${privacyFindings} f where f.resource_id = ${datasetResources.id}
      and not exists (select 1 from ${privacyDecisions} d where d.resource_id = f.resource_id and d."column" = f."column"))`,
    select: sql`${datasetResources.id} as id, ${datasets.title} || ' · ' || ${datasetResources.name} as title, ${datasetResources.createdAt} as since, ${datasets.slug} as slug`,
    order: sql`${datasetResources.id} asc`,
    href: (r) => `/manage/datasets/${r.slug ?? ''}/resources/${r.id}/privacy`,
  };
}

/** Published datasets whose data is older than their declared update frequency allows. */
function lateDatasets(departmentId: number, now: Date): Source {
  const lastUpdate = sql`coalesce((select max(ri.finished_at) from ${datasetResources} r join ${resourceImports} ri on ri.resource_id = r.id
    where r.dataset_id = ${datasets.id} and ri.status = 'succeeded'), ${datasets.publishedAt})`;
  const lateAfter = sql.join(
    Object.entries(LATE_AFTER_MS).map(([frequency, ms]) => sql`when ${frequency} then cast(${ms} as bigint)`),
    sql` `,
  );
  return {
    from: sql`from ${datasets}`,
    where: sql`${datasets.departmentId} = ${departmentId} and ${datasets.status} = 'published'
      and ${epochMs(lastUpdate)} < ${now.getTime()} - (case ${datasets.updateFrequency} ${lateAfter} else null end)`,
    select: sql`${datasets.id} as id, ${datasets.title} as title, ${lastUpdate} as since, ${datasets.slug} as slug`,
    order: sql`${datasets.id} asc`,
    href: (r) => `/manage/datasets/${r.slug ?? ''}/upload`,
  };
}

/** An awarded idea with no public adoption update for this long is listed for its department to follow up. */
export const ADOPTION_STALE_AFTER_MS = 90 * 86_400_000;

/**
 * Awarded entries of the department's challenges with no 成果转化 news in 90 days: no record
 * since the results came out that long ago, or a record whose newest update is that old. Ideas not
 * adopted are settled and left out.
 */
function staleAdoptions(scope: 'all' | number, now: Date): Source {
  const before = timeValue(new Date(now.getTime() - ADOPTION_STALE_AFTER_MS));
  return {
    from: sql`from ${submissions} join ${challenges} on ${challenges.id} = ${submissions.challengeId} left join ${adoptions} on ${adoptions.submissionId} = ${submissions.id}`,
    where: sql`exists (select 1 from ${awards} where ${awards.submissionId} = ${submissions.id}) and ${challenges.resultsPublishedAt} < ${before}
      and (${adoptions.id} is null or (${adoptions.stage} <> 'not_adopted' and ${adoptions.lastUpdateAt} < ${before}))
      and ${departmentFilter(scope, challenges.departmentId)}`,
    select: sql`${submissions.id} as id, ${submissions.title} as title, coalesce(${adoptions.lastUpdateAt}, ${challenges.resultsPublishedAt}) as since, ${challenges.slug} as slug`,
    order: sql`${submissions.id} asc`,
    href: (r) => `/manage/challenges/${r.slug ?? ''}/adoption/${r.id}`,
  };
}

/**
 * What waits, by kind. Questions, privacy decisions and late datasets are the department's own
 * work: an admin's inbox (every department) leaves them to the departments.
 */
function sources(scope: 'all' | number, now: Date) {
  return {
    requests: waitingRequests(scope),
    applications: pendingApplications(scope),
    questions: scope === 'all' ? null : openQuestions(scope),
    privacy: scope === 'all' ? null : privacyPending(scope),
    failedImports: failedImports(scope),
    lateDatasets: scope === 'all' ? null : lateDatasets(scope, now),
    judgingBehind: judgingBehind(scope, now),
    resultsDue: resultsDue(scope, now),
    staleAdoptions: staleAdoptions(scope, now),
  };
}

export type InboxKind = keyof ReturnType<typeof sources>;
export type Inbox = Record<InboxKind, InboxList>;

const EMPTY: InboxList = { items: [], total: 0 };

/** The viewer's inbox, or null for someone who manages no department. */
export async function inboxFor(viewer: Viewer, now = new Date()): Promise<Inbox | null> {
  const scope = managedDepartmentScope(viewer);
  if (scope === null) return null;
  const all = sources(scope, now);
  const listOf = async (source: Source | null): Promise<InboxList> => (source ? { items: await itemsOf(source), total: await countOf(source) } : EMPTY);
  const lists: [string, InboxList][] = [];
  for (const [kind, source] of Object.entries(all)) lists.push([kind, await listOf(source)]);
  return Object.fromEntries(lists) as Inbox;
}

/** How many things wait in the viewer's inbox, for the count in the navigation: counts only. */
export async function inboxCount(viewer: Viewer, now = new Date()): Promise<number> {
  const scope = managedDepartmentScope(viewer);
  if (scope === null) return 0;
  let total = 0;
  for (const source of Object.values(sources(scope, now))) total += source ? await countOf(source) : 0;
  return total;
}

