/**
 * The numbers a county leader asks for, for the admin's overview: data published, requests
 * answered and how fast, challenges and entries, people active. Each is one counting query over an
 * index; the answer times cover the last twelve months, so the work stays bounded as years pass.
 */
import { sql } from 'drizzle-orm';
import { selectRow, selectRows } from './rows.server';
import { auditLog, challenges, dataRequests, datasets, departments, submissions } from '../../db/tables';
import { usageSince } from './usage.server';
import { epochMs, timeValue } from './dialect.server';

const DAY_MS = 24 * 60 * 60 * 1000;

async function count(query: ReturnType<typeof sql<number>>): Promise<number> {
  return Number((await selectRow<{ n: number }>(sql`select (${query}) as n`))?.n ?? 0);
}

export interface DepartmentAnswerTimes {
  departmentId: number | null;
  departmentName: string | null;
  answered: number;
  medianDays: number;
}

export interface SiteOverview {
  datasetsPublished: number;
  datasetsPublishedSince: number;
  requestsReceived: number;
  requestsAnswered: number;
  requestsWaiting: number;
  challengesPublished: number;
  entriesSubmitted: number;
  activeUsers: number;
  /** Since the start of the month (site zone): file downloads and API calls. */
  downloadsSince: number;
  apiCallsSince: number;
  answerTimes: DepartmentAnswerTimes[];
}

function median(sorted: readonly number[]): number {
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** Median days from a request to its first answer, per department, over requests made since `since`. */
async function answerTimes(since: Date): Promise<DepartmentAnswerTimes[]> {
  const rows = await selectRows<{ departmentId: number | null; name: string | null; ms: number }>(sql`
    select r.department_id as "departmentId", d.name as name, ${epochMs(sql`r.responded_at`)} - ${epochMs(sql`r.created_at`)} as ms
    from ${dataRequests} r left join ${departments} d on d.id = r.department_id
    where r.created_at >= ${timeValue(since)} and r.responded_at is not null
    order by r.department_id, ms`);
  const byDepartment = new Map<number | null, { name: string | null; days: number[] }>();
  for (const row of rows) {
    const entry = byDepartment.get(row.departmentId) ?? { name: row.name, days: [] };
    entry.days.push(Math.max(0, row.ms) / DAY_MS);
    byDepartment.set(row.departmentId, entry);
  }
  return [...byDepartment.entries()]
    .map(([departmentId, { name, days }]) => ({ departmentId, departmentName: name, answered: days.length, medianDays: Math.round(median(days) * 10) / 10 }))
    .sort((a, b) => b.medianDays - a.medianDays);
}

export async function siteOverview(monthStart: Date, monthStartDay: string, now = new Date()): Promise<SiteOverview> {
  const usage = await usageSince(monthStartDay);
  const yearAgo = new Date(now.getTime() - 365 * DAY_MS);
  const monthAgo = new Date(now.getTime() - 30 * DAY_MS);
  return {
    datasetsPublished: await count(sql`select count(*) from ${datasets} where ${datasets.status} = 'published'`),
    datasetsPublishedSince: await count(sql`select count(*) from ${datasets} where ${datasets.status} = 'published' and ${datasets.publishedAt} >= ${timeValue(monthStart)}`),
    requestsReceived: await count(sql`select count(*) from ${dataRequests}`),
    // As the expression index data_requests_waiting_idx holds it.
    requestsAnswered: await count(sql`select count(*) from ${dataRequests} where (${dataRequests.respondedAt} is not null) = true`),
    requestsWaiting: await count(sql`select count(*) from ${dataRequests} where (${dataRequests.respondedAt} is not null) = false`),
    challengesPublished: await count(sql`select count(*) from ${challenges} where ${challenges.status} = 'published'`),
    entriesSubmitted: await count(sql`select count(*) from ${submissions} where ${submissions.status} = 'submitted'`),
    // People who signed in during the last 30 days (the sign-in record is in the audit log).
    activeUsers: await count(sql`select count(distinct ${auditLog.actorId}) from ${auditLog} where ${auditLog.createdAt} >= ${timeValue(monthAgo)} and ${auditLog.action} = 'auth.login'`),
    downloadsSince: usage.download,
    apiCallsSince: usage.api,
    answerTimes: await answerTimes(yearAgo),
  };
}
