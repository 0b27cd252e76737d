/**
 * The department's catalogue (政务信息资源目录) as an XLSX file in the layout of the national guide:
 * an official gets their department's, an admin the whole site's (see also /admin/catalogue.xlsx).
 * Built in a worker thread.
 */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { managedDepartmentScope } from '~/lib/access';
import { exportCatalogue, XLSX_TYPE } from '~/services/catalogue.server';
import { attachmentHeader } from '~/services/downloads.server';
import { requireRole } from '~/services/session.server';

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ['official', 'admin']);
  const scope = managedDepartmentScope(user);
  if (scope === null) throw new Response('Forbidden', { status: 403 });
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
