/** The state of one import job, polled by the upload progress bar. */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { getImportJobForViewer } from '~/models/resources.server';
import { requireIdParam } from '~/services/form-helpers.server';
import { requireRole } from '~/services/session.server';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ['official', 'admin']);
  const job = await getImportJobForViewer(requireIdParam(params.id), user);
  if (!job) return Response.json({ error: 'not found' }, { status: 404 });
  return Response.json(
    { status: job.status, progress: job.progress, rowsDone: job.rowsDone, errorCode: job.errorCode, errorParams: job.errorParams },
    { headers: { 'Cache-Control': 'no-store' } },
  );
}
