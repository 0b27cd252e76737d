/**
 * GET /api/v1/datasets/:slug/resources/:id/rows — rows of a table with paging, sorting, filters
 * (eq./contains./gte./lte.<column>=value), full-text q, and the total count.
 */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { jsonRecord } from '~/lib/json-cell';
import { resolveReadableResource } from '~/models/resources.server';
import { getApiCaller } from '~/services/api-auth.server';
import { apiError, apiJson } from '~/services/api/json.server';
import { logGrantRead, parseResourceQuery, readRows, rowsCacheScope } from '~/services/datastore-access.server';
import { countUsage } from '~/services/usage.server';

export async function loader({ request, params }: LoaderFunctionArgs) {
  countUsage('api');
  const caller = await getApiCaller(request);
  if (caller.invalidToken) return apiError(401, 'invalidToken', 'The API token is not valid');
  const id = params.id && /^\d{1,12}$/.test(params.id) ? Number(params.id) : NaN;
  const found = Number.isFinite(id) ? await resolveReadableResource({ datasetSlug: params.slug ?? '', resourceId: id, viewer: caller.user, viaGrant: true }) : ({ refused: 'notFound' } as const);
  if ('refused' in found) {
    return found.refused === 'forbidden'
      ? apiError(403, 'applicationRequired', 'This dataset is open on condition: its rows are served to approved applicants, with their own API token', { apply: `/datasets/${params.slug}/apply` })
      : apiError(404, 'notFound', 'No such resource');
  }
  const { resource } = found;
  const url = new URL(request.url);
  const parsed = parseResourceQuery(resource, url.searchParams, { defaultLimit: 100, maxLimit: 1000 });
  if ('problem' in parsed) {
    const { code, ...details } = parsed.problem;
    return apiError(400, code, code === 'unknownColumn' ? 'Unknown column' : code === 'badValue' ? 'A filter value does not fit its column' : 'Bad paging parameter', details);
  }
  const { query } = parsed;
  const { rows, total } = await readRows(resource, query);
  await logGrantRead(resource, 'rows_api', rows.length, url.searchParams);
  return apiJson(
    {
      total,
      limit: query.limit,
      offset: query.offset,
      fields: resource.columns.map((c) => ({ name: c.name, type: c.type, label: c.label ?? null })),
      records: rows.map((row) => ({ _id: row._id, ...jsonRecord(row, resource.columns) })),
    },
    { cache: rowsCacheScope(resource) },
  );
}
