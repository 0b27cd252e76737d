/**
 * GET /api/v1/joins?left=<resourceId>&right=<resourceId>&on=<column>[&right_on=<column>][&how=inner|left]
 * — two served tables joined on a shared key: JSON with `fields`, `records`, `total` and `matched`
 * (rows of each side that found a partner), paged by `limit`/`offset`; `format=csv|json|xlsx`
 * downloads the whole join. Refused (422) when it could single people out.
 */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { jsonCell } from '~/lib/json-cell';
import { iterateJoin } from '~/models/datastore-joins.server';
import { getApiCaller } from '~/services/api-auth.server';
import { apiError, apiJson, readLimitOffset } from '~/services/api/json.server';
import { attachmentHeader, csvDownload, DOWNLOAD_FORMATS, DOWNLOAD_TYPES, jsonDownload, xlsxDownload, XLSX_MAX_ROWS } from '~/services/downloads.server';
import { parseJoinRequest, runJoin, type JoinProblem } from '~/services/joins.server';
import { countUsage } from '~/services/usage.server';

/** A joined download stops here: a many-to-many key can multiply rows without end. */
export const JOIN_DOWNLOAD_MAX_ROWS = 1_000_000;

const MESSAGES: Record<JoinProblem['code'], string> = {
  missing: 'A required parameter is missing',
  notFound: 'No such resource, or it is not served',
  unknownColumn: 'The table has no such column',
  badHow: 'how must be inner or left',
};

export async function loader({ request }: LoaderFunctionArgs) {
  countUsage('api');
  const caller = await getApiCaller(request);
  if (caller.invalidToken) return apiError(401, 'invalidToken', 'The API token is not valid');
  const url = new URL(request.url);
  const format = url.searchParams.get('format');
  if (format !== null && !(DOWNLOAD_FORMATS as readonly string[]).includes(format)) return apiError(400, 'badFormat', 'format must be csv, json or xlsx');
  const parsed = await parseJoinRequest(url.searchParams, caller.user);
  if (!parsed.ok) {
    const { code, ...details } = parsed.problem;
    return apiError(code === 'notFound' ? 404 : 400, code, MESSAGES[code], details);
  }
  const window = format ? { limit: 0, offset: 0 } : readLimitOffset(url, { defaultLimit: 100, maxLimit: 1000 });
  if (window instanceof Response) return window;
  const outcome = await runJoin(parsed.request, window);
  if (outcome.refused === 'tooLarge') return apiError(422, 'tooLarge', `The join would have ${outcome.total} rows; at most ${outcome.max} are made`, { total: outcome.total, max: outcome.max });
  if (outcome.refused) {
    return apiError(422, 'reidentifies', `Joined, these columns would single out groups smaller than ${outcome.k} people`, { quasiIdentifiers: outcome.quasiIdentifiers, k: outcome.k });
  }
  const { left, right } = parsed.request;
  const published = left.access === 'public' && right.access === 'public';
  if (format) {
    if (format === 'xlsx' && outcome.total > XLSX_MAX_ROWS) return apiError(413, 'tooManyRowsForXlsx', `An XLSX download holds at most ${XLSX_MAX_ROWS} rows`, { max: XLSX_MAX_ROWS });
    countUsage('download');
    const columns = outcome.fields.map((f) => ({ name: f.name, source: f.name, type: f.type }));
    const rows = await iterateJoin(parsed.request.spec, JOIN_DOWNLOAD_MAX_ROWS);
    const name = `${left.dataset.slug}-${right.dataset.slug}-${parsed.request.spec.on}`;
    const body = format === 'csv' ? csvDownload(columns, rows) : format === 'json' ? jsonDownload(columns, rows) : xlsxDownload(columns, rows, 'join');
    return new Response(body, {
      headers: {
        'Content-Type': DOWNLOAD_TYPES[format as keyof typeof DOWNLOAD_TYPES],
        'Content-Disposition': attachmentHeader(`${name}.${format}`),
        ...(published ? { 'Cache-Control': 'public, max-age=60', 'Access-Control-Allow-Origin': '*' } : { 'Cache-Control': 'private, no-store' }),
      },
    });
  }
  return apiJson(
    {
      left: { resource: left.id, dataset: left.dataset.slug, on: parsed.request.spec.on },
      right: { resource: right.id, dataset: right.dataset.slug, on: parsed.request.spec.rightOn },
      how: parsed.request.spec.how,
      total: outcome.total,
      matched: outcome.matched,
      limit: window.limit,
      offset: window.offset,
      fields: outcome.fields.map((f) => ({ name: f.name, type: f.type, from: f.side })),
      records: outcome.rows.map((row) => Object.fromEntries(outcome.fields.map((f, i) => [f.name, jsonCell(row[i], f.type)]))),
    },
    { cache: published ? 'public' : 'private' },
  );
}
