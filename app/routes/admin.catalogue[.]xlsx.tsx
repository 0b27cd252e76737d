/**
 * The whole site's catalogue (政务信息资源目录) as an XLSX file, for admins; `?department=<slug>`
 * narrows it to one department. Built in a worker thread.
 */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { catalogueDepartmentBySlug } from '~/models/catalogue.server';
import { exportCatalogue, XLSX_TYPE } from '~/services/catalogue.server';
import { attachmentHeader } from '~/services/downloads.server';
import { requireRole } from '~/services/session.server';

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ['admin']);
  const slug = new URL(request.url).searchParams.get('department');
  let scope: number | 'all' = 'all';
  if (slug) {
    const department = await catalogueDepartmentBySlug(slug);
    if (!department) throw new Response('Not Found', { status: 404 });
    scope = department.id;
  }
  const file = await exportCatalogue(scope);
  return new Response(file.body, {
    headers: {
      'Content-Type': XLSX_TYPE,
      'Content-Disposition': attachmentHeader(file.filename),
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
