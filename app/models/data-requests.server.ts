/** Data requests: what the public asks departments to open, with votes and answers. */
import { desc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { getDb } from '../../db/client';
import { dataRequests, dataRequestVotes, datasets, departments, users } from '../../db/schema';

export interface DataRequestSummary {
  id: number;
  title: string;
  description: string;
  status: (typeof dataRequests.$inferSelect)['status'];
  response: string;
  respondedAt: Date | null;
  createdAt: Date;
  requesterName: string;
  departmentName: string | null;
  fulfilledDataset: { slug: string; title: string } | null;
  voteCount: number;
}

const voteCount = sql<number>`(select count(*) from ${dataRequestVotes} where ${dataRequestVotes.requestId} = ${dataRequests.id})`;

export function listDataRequests(options: { limit?: number } = {}): DataRequestSummary[] {
  const fulfilled = alias(datasets, 'fulfilled');
  const query = getDb()
    .select({
      id: dataRequests.id,
      title: dataRequests.title,
      description: dataRequests.description,
      status: dataRequests.status,
      response: dataRequests.response,
      respondedAt: dataRequests.respondedAt,
      createdAt: dataRequests.createdAt,
      requesterName: users.name,
      departmentName: departments.name,
      fulfilledSlug: fulfilled.slug,
      fulfilledTitle: fulfilled.title,
      fulfilledStatus: fulfilled.status,
      voteCount,
    })
    .from(dataRequests)
    .innerJoin(users, eq(dataRequests.requesterId, users.id))
    .leftJoin(departments, eq(dataRequests.departmentId, departments.id))
    .leftJoin(fulfilled, eq(dataRequests.fulfilledDatasetId, fulfilled.id))
    .orderBy(desc(voteCount), desc(dataRequests.createdAt));
  const rows = options.limit ? query.limit(options.limit).all() : query.all();
  return rows.map(({ fulfilledSlug, fulfilledTitle, fulfilledStatus, ...row }) => ({
    ...row,
    voteCount: Number(row.voteCount),
    // Only link a dataset the public can open.
    fulfilledDataset:
      fulfilledSlug && fulfilledTitle && fulfilledStatus === 'published' ? { slug: fulfilledSlug, title: fulfilledTitle } : null,
  }));
}
