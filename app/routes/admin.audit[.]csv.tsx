/**
 * The audit log as CSV, for admins, with the page's filters: streamed a row at a time (a large log
 * neither fills memory nor holds up other visitors), UTF-8 with a byte-order mark for Excel.
 */
import type { LoaderFunctionArgs } from '@remix-run/node';
import type { DatastoreColumn } from '~/lib/vocabulary';
import type { CellValue } from '~/models/datastore.server';
import { AUDIT_EXPORT_COLUMNS, iterateAudit } from '~/models/audit.server';
import { readAuditFilters } from '~/services/audit-filters.server';
import { csvDownload, mapRows } from '~/services/downloads.server';
import { requireRole } from '~/services/session.server';

const COLUMNS: DatastoreColumn[] = AUDIT_EXPORT_COLUMNS.map((name) => ({ name: name === 'created_at' ? 'created_at_utc' : name, source: name, type: 'text' }));
const CREATED_AT = AUDIT_EXPORT_COLUMNS.indexOf('created_at');

function cells(row: unknown[]): CellValue[] {
  return row.map((value, i): CellValue => {
    if (value === null || value === undefined) return null;
    // Milliseconds on SQLite, a Date or text on PostgreSQL.
    if (i === CREATED_AT) return new Date(typeof value === 'number' || typeof value === 'string' || value instanceof Date ? value : Number(value)).toISOString();
    if (typeof value === 'object') return JSON.stringify(value);
    return typeof value === 'number' ? value : String(value);
  });
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ['admin']);
  const { query } = readAuditFilters(new URL(request.url));
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(csvDownload(COLUMNS, mapRows(await iterateAudit(query), cells)), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="audit-${stamp}.csv"`,
      'Cache-Control': 'no-store',
    },
  });
}
