/**
 * The counts behind the charts of the platform's own pages: a challenge's entries per day by kind,
 * data requests received and answered per department, and the site's activity per month. Each is
 * one grouped query over an index, bounded by the days, departments or months it returns.
 */
import { sql } from 'drizzle-orm';
import { selectRows } from './rows.server';
import { dataRequests, datasets, departments, submissions } from '../../db/tables';
import { localDay, localMonth, timeValue } from './dialect.server';

/** Days a timeline reads at most (a challenge open for more than ten years is cut at ten). */
const MAX_DAYS = 3_660;

/**
 * Submitted entries of a challenge per local day and kind. `offsetMs` is the site zone's offset from
 * UTC (the day an entrant saw on their clock). Reads submissions_gallery_idx, which carries the kind.
 */
export async function entriesPerDay(challengeId: number, offsetMs: number): Promise<{ day: string; kind: string; count: number }[]> {
  return await selectRows<{ day: string; kind: string; count: number }>(sql`
    select ${localDay(submissions.submittedAt, offsetMs)} as day, ${submissions.kind} as kind, count(*) as count
    from ${submissions}
    where ${submissions.challengeId} = ${challengeId} and ${submissions.status} = 'submitted' and ${submissions.submittedAt} is not null
    group by day, kind order by day limit ${MAX_DAYS * 2}`);
}

/** Requests received and answered (any first answer) per department, unassigned ones as a null name. */
export async function requestsPerDepartment(): Promise<{ name: string | null; received: number; answered: number }[]> {
  // Grouped on data_requests_department_idx, which carries responded_at: no table reads.
  const rows = await selectRows<{ departmentId: number | null; received: number; answered: number }>(sql`
    select ${dataRequests.departmentId} as "departmentId", count(*) as received, count(${dataRequests.respondedAt}) as answered
    from ${dataRequests} group by ${dataRequests.departmentId}`);
  const names = new Map((await selectRows<{ id: number; name: string }>(sql`select id, name from ${departments}`)).map((d) => [d.id, d.name]));
  return rows.map((r) => ({ name: r.departmentId === null ? null : (names.get(r.departmentId) ?? null), received: Number(r.received), answered: Number(r.answered) }));
}

export interface MonthlyActivity {
  datasets: { month: string; count: number }[];
  entries: { month: string; count: number }[];
  requests: { month: string; count: number }[];
}

/** Datasets published, entries submitted and data requests made per local month (YYYY-MM) since `since`. */
export async function monthlyActivity(since: Date, offsetMs: number): Promise<MonthlyActivity> {
  const month = (column: ReturnType<typeof sql>) => localMonth(column, offsetMs);
  const from = timeValue(since);
  const perMonth = async (query: ReturnType<typeof sql>) => (await selectRows<{ month: string; count: number }>(query)).map((r) => ({ month: r.month, count: Number(r.count) }));
  return {
    datasets: await perMonth(sql`select ${month(sql`${datasets.publishedAt}`)} as month, count(*) as count from ${datasets}
      where ${datasets.status} = 'published' and ${datasets.publishedAt} >= ${from} group by month order by month`),
    entries: await perMonth(sql`select ${month(sql`${submissions.submittedAt}`)} as month, count(*) as count from ${submissions}
      where ${submissions.status} = 'submitted' and ${submissions.submittedAt} >= ${from} group by month order by month`),
    requests: await perMonth(sql`select ${month(sql`${dataRequests.createdAt}`)} as month, count(*) as count from ${dataRequests}
      where ${dataRequests.createdAt} >= ${from} group by month order by month`),
  };
}
