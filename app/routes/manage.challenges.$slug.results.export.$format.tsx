/**
 * The organiser's results table as CSV (UTF-8 with BOM, for Excel) or XLSX, streamed from the
 * stored snapshot in batches. While the first snapshot is still being computed: 503, try again.
 */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { createTranslator } from '~/lib/i18n';
import { resultsTable } from '~/lib/results-table';
import { exportResultsForOrganiser } from '~/services/results.server';
import { attachmentHeader, csvDownload, DOWNLOAD_TYPES, mapRows, xlsxDownload } from '~/services/downloads.server';
import { getLocale } from '~/services/locale.server';
import { requireRole } from '~/services/session.server';

/** A download is worth a longer wait for a current snapshot than a page is. */
const EXPORT_WAIT_MS = 10_000;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ['official', 'admin']);
  const format = params.format === 'csv' || params.format === 'xlsx' ? params.format : null;
  if (!format) throw new Response('Not Found', { status: 404 });
  const t = createTranslator(await getLocale(request));
  const results = await exportResultsForOrganiser(user, params.slug ?? '', new Date(), EXPORT_WAIT_MS);
  if (!results) throw new Response('Not Found', { status: 404 });
  if (results.status === 'missing') {
    return new Response(t('results.snapshotMissing'), { status: 503, headers: { 'Retry-After': '10', 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
  }
  const table = resultsTable({
    t,
    criteria: results.criteria,
    awards: results.awards.map((a) => ({ entryId: a.entryId, label: a.kind === 'custom' && a.customName ? a.customName : t(`award.${a.kind}`) })),
    peoplesChoice: results.challenge.peoplesChoice,
  });
  const columns = table.columns.map((c) => ({ ...c, source: c.name }));
  const rows = mapRows(results.rows, table.cells);
  const body = format === 'csv' ? csvDownload(columns, rows) : xlsxDownload(columns, rows, t('results.adminTitle'));
  return new Response(body, {
    headers: {
      'Content-Type': DOWNLOAD_TYPES[format],
      'Content-Disposition': attachmentHeader(`${results.challenge.slug}-results.${format}`),
      'Cache-Control': 'private, no-store',
      // Which snapshot the file holds (it may be an older one while a recomputation runs).
      'X-Results-Computed-At': results.computedAt.toISOString(),
      'X-Results-Status': results.status,
    },
  });
}
