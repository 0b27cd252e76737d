/**
 * GET /api/v1/datasets/:slug/resources/:id/rows — rows of a table with paging, sorting, filters
 * (eq./contains./gte./lte.<column>=value), full-text q, and the total count.
 */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { jsonRecord } from '~/lib/json-cell';
import { getReadableResource } from '~/models/resources.server';
import { getApiCaller } from '~/services/api-auth.server';
import { apiError, apiJson } from '~/services/api/json.server';
import { parseResourceQuery, readRows } from '~/services/datastore-access.server';
import { countUsage } from '~/services/usage.server';

export async function loader({ request, params }: LoaderFunctionArgs) {
  countUsage('api');
  const caller = await getApiCaller(request);
  if (caller.invalidToken) return apiError(401, 'invalidToken', 'The API token is not valid');
  const id = params.id && /^\d{1,12}$/.test(params.id) ? Number(params.id) : NaN;
  const resource = Number.isFinite(id) ? getReadableResource({ datasetSlug: params.slug ?? '', resourceId: id, viewer: caller.user }) : undefined;
  if (!resource) return apiError(404, 'notFound', 'No such resource');
  const parsed = parseResourceQuery(resource, new URL(request.url).searchParams, { defaultLimit: 100, maxLimit: 1000 });
  if ('problem' in parsed) {
    const { code, ...details } = parsed.problem;
    return apiError(400, code, code === 'unknownColumn' ? 'Unknown column' : code === 'badValue' ? 'A filter value does not fit its column' : 'Bad paging parameter', details);
  }
  const { query } = parsed;
  const { rows, total } = await readRows(resource, query);
  return apiJson(
    {
      total,
      limit: query.limit,
      offset: query.offset,
      fields: resource.columns.map((c) => ({ name: c.name, type: c.type, label: c.label ?? null })),
      records: rows.map((row) => ({ _id: row._id, ...jsonRecord(row, resource.columns) })),
    },
    { cache: resource.dataset.status === 'published' ? 'public' : 'private' },
  );
}
