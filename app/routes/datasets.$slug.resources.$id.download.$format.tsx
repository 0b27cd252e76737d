/**
 * Downloads a resource's table, or the rows matching the current filter, as CSV (UTF-8 with BOM),
 * JSON or XLSX. This is also the `url` of a tabular resource in the CKAN API.
 */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { countDatastoreRows, iterateDatastore } from '~/models/datastore.server';
import { LARGE_TABLE_ROWS, logGrantRead, parseResourceQuery, readableResourceOr404, rowsCacheScope } from '~/services/datastore-access.server';
import { anonymousDownloadRefusal } from '~/services/download-limits.server';
import { largeDownloadLimiter } from '~/services/rate-limit.server';
import { attachmentHeader, csvDownload, DOWNLOAD_FORMATS, DOWNLOAD_TYPES, jsonDownload, xlsxDownload, XLSX_MAX_ROWS, type DownloadFormat } from '~/services/downloads.server';
import { getUser } from '~/services/session.server';
import { countUsage } from '~/services/usage.server';

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const format = DOWNLOAD_FORMATS.find((f) => f === params.format);
  if (!format) throw new Response('Not Found', { status: 404 });
  const user = await getUser(request);
  const resource = await readableResourceOr404(params, user, { viaGrant: true });
  if (!user && (resource.rowCount ?? 0) >= LARGE_TABLE_ROWS) {
    const refused = await anonymousDownloadRefusal(request, context.clientIp, largeDownloadLimiter, { href: `/datasets/${resource.dataset.slug}`, body: 'errors.tooManyDownloads.body' });
    if (refused) return refused;
  }
  const search = new URL(request.url).searchParams;
  const parsed = parseResourceQuery(resource, search, { defaultLimit: 1, maxLimit: 1 });
  if ('problem' in parsed) return Response.json({ error: parsed.problem }, { status: 400, headers: { 'Access-Control-Allow-Origin': '*' } });
  const { query } = parsed;
  countUsage('download');
  const matching = format === 'xlsx' || resource.grant ? await countDatastoreRows(resource.tableName, resource.columns, query) : 0;
  if (format === 'xlsx' && matching > XLSX_MAX_ROWS) {
    return Response.json({ error: { code: 'tooManyRowsForXlsx', max: XLSX_MAX_ROWS } }, { status: 413 });
  }
  await logGrantRead(resource, 'download', matching, search);
  const rows = await iterateDatastore(resource.tableName, resource.columns, query);
  const body = render(format, resource.columns, rows, resource.name);
  return new Response(body, {
    headers: {
      'Content-Type': DOWNLOAD_TYPES[format],
      'Content-Disposition': attachmentHeader(`${resource.dataset.slug}-${resource.name}.${format}`),
      ...(rowsCacheScope(resource) === 'public'
        ? { 'Cache-Control': 'public, max-age=60', 'Access-Control-Allow-Origin': '*' }
        : { 'Cache-Control': 'private, no-store' }),
    },
  });
}

function render(format: DownloadFormat, ...args: Parameters<typeof xlsxDownload>) {
  const [columns, rows, name] = args;
  if (format === 'csv') return csvDownload(columns, rows);
  if (format === 'json') return jsonDownload(columns, rows);
  return xlsxDownload(columns, rows, name);
}
