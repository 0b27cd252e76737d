/**
 * Receives a table file for a dataset (a new resource, or a replacement for one) and queues its
 * import. Answers JSON to the page's upload script, or redirects a plain form post back to the
 * dataset with the job or the problem in the URL.
 */
import { redirect, type ActionFunctionArgs } from '@remix-run/node';
import { uploadResource } from '~/actions/resources.server';
import { getManagedDataset } from '~/models/datasets.server';
import { refusalResponse, webActor } from '~/services/actors.server';
import { retryAfterHeaders, uploadLimiter } from '~/services/rate-limit.server';
import { requireRole } from '~/services/session.server';
import { deleteUpload, FormTooLargeError, MalformedUploadError, maxUploadBytes, receiveUpload, UploadTooLargeError } from '~/services/uploads.server';

function answer(request: Request, slug: string, body: { ok: true; jobId: number } | { ok: false; code: string; params: Record<string, string | number> }, status = 200) {
  if (request.headers.get('Accept')?.includes('application/json')) return Response.json(body, { status });
  const params: Record<string, string> = body.ok
    ? { import: String(body.jobId) }
    : { uploadError: body.code, ...Object.fromEntries(Object.entries(body.params).map(([k, v]) => [`p.${k}`, String(v)])) };
  return redirect(`/manage/datasets/${slug}?${new URLSearchParams(params)}`, 303);
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireRole(request, ['official', 'admin']);
  const dataset = await getManagedDataset(params.slug ?? '', user);
  if (!dataset) throw new Response('Not Found', { status: 404 });
  // Checked before the body is read, so a flood of uploads never reaches the disk.
  const limited = await uploadLimiter.attempt(`user:${user.id}`, Date.now());
  if (!limited.allowed) {
    const minutes = Math.ceil(limited.retryAfterMs / 60_000);
    if (request.headers.get('Accept')?.includes('application/json')) {
      return Response.json({ ok: false, code: 'rateLimited', params: { minutes } }, { status: 429, headers: retryAfterHeaders(limited.retryAfterMs) });
    }
    // Without JavaScript the form comes back with the message, like every other upload error.
    return answer(request, dataset.slug, { ok: false, code: 'rateLimited', params: { minutes } });
  }
  if (!request.headers.get('Content-Type')?.startsWith('multipart/form-data')) {
    return answer(request, dataset.slug, { ok: false, code: 'fileRequired', params: {} }, 400);
  }
  const limitMb = Math.round(maxUploadBytes() / 1024 / 1024);
  let received;
  try {
    received = await receiveUpload(request, 'file');
  } catch (error) {
    if (error instanceof UploadTooLargeError) return answer(request, dataset.slug, { ok: false, code: 'tooLarge', params: { limitMb } }, 413);
    if (error instanceof FormTooLargeError) throw new Response('Bad Request', { status: 400 });
    if (error instanceof MalformedUploadError) return answer(request, dataset.slug, { ok: false, code: 'badFileName', params: {} }, 400);
    throw error;
  }
  const { fields, upload } = received;
  if (!upload) return answer(request, dataset.slug, { ok: false, code: 'fileRequired', params: {} }, 400);
  if (upload.byteSize === 0) {
    deleteUpload(upload.storageKey);
    return answer(request, dataset.slug, { ok: false, code: 'emptyFile', params: {} }, 400);
  }
  const resourceIdField = String(fields.get('resourceId') ?? '');
  const resourceId = /^\d{1,12}$/.test(resourceIdField) ? Number(resourceIdField) : undefined;
  // A replacement must be for a file of this very dataset (checked by the action).
  const queued = await uploadResource(webActor(user, context), {
    datasetId: dataset.id,
    upload,
    resourceId,
    name: String(fields.get('name') ?? '').slice(0, 200),
    description: String(fields.get('description') ?? '').slice(0, 2000),
  });
  if (!queued.ok) {
    const { problem } = queued;
    if (problem.kind === 'notFound') throw refusalResponse(problem);
    return answer(request, dataset.slug, { ok: false, code: problem.code, params: problem.params ?? {} }, problem.kind === 'forbidden' ? 403 : 400);
  }
  return answer(request, dataset.slug, { ok: true, jobId: queued.value.jobId });
}

export async function loader() {
  throw new Response('Not Found', { status: 404 });
}


