/** The organiser's results table as CSV (UTF-8 with BOM, for Excel) or XLSX. */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { createTranslator } from '~/lib/i18n';
import { resultsTable } from '~/lib/results-table';
import { getResultsForOrganiser } from '~/models/results.server';
import { attachmentHeader, csvDownload, DOWNLOAD_TYPES, xlsxDownload } from '~/services/downloads.server';
import { getLocale } from '~/services/locale.server';
import { requireRole } from '~/services/session.server';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ['official', 'admin']);
  const format = params.format === 'csv' || params.format === 'xlsx' ? params.format : null;
  if (!format) throw new Response('Not Found', { status: 404 });
  const results = getResultsForOrganiser(user, params.slug ?? '', new Date());
  if (!results) throw new Response('Not Found', { status: 404 });
  const t = createTranslator(await getLocale(request));
  const table = resultsTable({
    t,
    criteria: results.criteria,
    rows: results.rows,
    awards: results.awards.map((a) => ({ entryId: a.entryId, label: a.kind === 'custom' && a.customName ? a.customName : t(`award.${a.kind}`) })),
    peoplesChoice: results.challenge.peoplesChoice,
  });
  const columns = table.columns.map((c) => ({ ...c, source: c.name }));
  const rows = table.rows[Symbol.iterator]();
  const body = format === 'csv' ? csvDownload(columns, rows) : xlsxDownload(columns, rows, t('results.adminTitle'));
  return new Response(body, {
    headers: {
      'Content-Type': DOWNLOAD_TYPES[format],
      'Content-Disposition': attachmentHeader(`${results.challenge.slug}-results.${format}`),
      'Cache-Control': 'private, no-store',
    },
  });
}
