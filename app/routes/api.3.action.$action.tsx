/**
 * The CKAN-compatible action API: GET with query parameters or POST with JSON, form fields or a
 * multipart upload, as CKAN clients (ckanapi, ckanext-harvest, DKAN, …) send them.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { getApiCaller, siteOrigin, type ApiCaller } from '~/services/api-auth.server';
import { CORS_HEADERS } from '~/services/api/json.server';
import { CkanError, isWriteAction, runCkanAction, type CkanContext } from '~/services/ckan/actions.server';
import { deleteUpload, FormTooLargeError, MalformedUploadError, maxUploadBytes, readLimitedText, receiveUpload, UploadTooLargeError, type StoredUpload } from '~/services/uploads.server';
import { countUsage } from '~/services/usage.server';

function envelope(request: Request, action: string, status: number, body: { success: true; result: unknown } | { success: false; error: Record<string, unknown> }) {
  const help = `${siteOrigin(request)}/api/3/action/help_show?name=${encodeURIComponent(action)}`;
  return Response.json({ help, ...body }, { status, headers: { ...CORS_HEADERS, 'Cache-Control': 'no-store' } });
}

const MAX_BODY_BYTES = 1024 * 1024;

async function handle(request: Request, action: string, caller: ApiCaller, input: Record<string, unknown>, upload: StoredUpload | null, ip: string | null) {
  const context: CkanContext = { origin: siteOrigin(request), user: caller.user, viaToken: caller.viaToken, ip, upload };
  try {
    if (isWriteAction(action) && request.method !== 'POST') throw new CkanError(400, 'Bad request', `${action} must be called with POST`);
    const result = await runCkanAction(action, input, context);
    return envelope(request, action, 200, { success: true, result });
  } catch (error) {
    if (!(error instanceof CkanError)) throw error;
    return envelope(request, action, error.status, { success: false, error: { __type: error.type, message: error.message, ...error.fields } });
  } finally {
    // An upload refused before it reached the importer (which owns it from then on) is removed.
    if (upload && !context.uploadTaken) deleteUpload(upload.storageKey);
  }
}

function denied(request: Request, action: string, message: string) {
  return envelope(request, action, 403, { success: false, error: { __type: 'Authorization Error', message } });
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const name = params.action ?? '';
  countUsage('api');
  const caller = await getApiCaller(request);
  if (caller.invalidToken) return denied(request, name, 'Access denied: the API token is not valid');
  return await handle(request, name, caller, Object.fromEntries(new URL(request.url).searchParams), null, context.clientIp);
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const name = params.action ?? '';
  countUsage('api');
  const caller = await getApiCaller(request);
  if (caller.invalidToken) return denied(request, name, 'Access denied: the API token is not valid');
  // Writes are refused before their body is read, so nobody can fill the disk without a token.
  if (isWriteAction(name) && (caller.user?.role !== 'official' && caller.user?.role !== 'admin')) {
    return denied(request, name, caller.user ? 'Access denied: only department officials may publish data' : 'Access denied: a valid API token is required');
  }
  const type = request.headers.get('Content-Type') ?? '';
  let input: Record<string, unknown> = Object.fromEntries(new URL(request.url).searchParams);
  let upload: StoredUpload | null = null;
  try {
    if (type.includes('application/json')) {
      const body = JSON.parse((await readLimitedText(request, MAX_BODY_BYTES)) || '{}') as unknown;
      if (body && typeof body === 'object' && !Array.isArray(body)) input = { ...input, ...(body as Record<string, unknown>) };
    } else if (type.includes('multipart/form-data')) {
      if (!['resource_create', 'resource_update', 'resource_patch'].includes(name)) throw new CkanError(400, 'Bad request', 'Multipart bodies are only accepted by resource_create, resource_update and resource_patch');
      const received = await receiveUpload(request, 'upload');
      upload = received.upload;
      input = { ...input, ...Object.fromEntries([...received.fields].map(([k, v]) => [k, String(v)])) };
    } else if (type.includes('application/x-www-form-urlencoded')) {
      input = { ...input, ...Object.fromEntries(new URLSearchParams(await readLimitedText(request, MAX_BODY_BYTES))) };
    }
  } catch (error) {
    if (error instanceof UploadTooLargeError) {
      return envelope(request, name, 413, { success: false, error: { __type: 'Validation Error', message: `Upload too large (limit ${Math.round(maxUploadBytes() / 1048576)} MB)` } });
    }
    if (error instanceof FormTooLargeError) return envelope(request, name, 413, { success: false, error: { __type: 'Bad request', message: 'Request body too large' } });
    if (error instanceof MalformedUploadError) return envelope(request, name, 400, { success: false, error: { __type: 'Validation Error', message: 'The upload\'s file name cannot be read (it contains ; or "); rename the file' } });
    if (error instanceof CkanError) return envelope(request, name, error.status, { success: false, error: { __type: error.type, message: error.message } });
    return envelope(request, name, 400, { success: false, error: { __type: 'Bad request', message: 'Could not read the request body' } });
  }
  return await handle(request, name, caller, input, upload, context.clientIp);
}
