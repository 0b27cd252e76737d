/** Adds an attachment (PDF, image or ZIP) to an entry, for its team while the entry can change. */
import { redirect, type ActionFunctionArgs } from '@remix-run/node';
import { checkAttachment } from '~/lib/attachment-type';
import { addAttachment } from '~/actions/entries.server';
import { getEntryForViewer } from '~/models/submissions.server';
import { refusalResponse, webActor } from '~/services/actors.server';
import { requireIdParam } from '~/services/form-helpers.server';
import { requireUser } from '~/services/session.server';
import { deleteUpload, FormTooLargeError, MalformedUploadError, maxAttachmentBytes, readUploadHead, receiveUpload, UploadTooLargeError } from '~/services/uploads.server';

function back(entryId: number, problem?: string) {
  return redirect(`/entries/${entryId}${problem ? `?attachmentError=${problem}` : ''}#attachments`, 303);
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const entryId = requireIdParam(params.id);
  // Checked before the body is read: a stranger's upload never reaches the disk.
  if (!(await getEntryForViewer(entryId, user, new Date()))?.membership) throw new Response('Not Found', { status: 404 });
  if (!request.headers.get('Content-Type')?.startsWith('multipart/form-data')) return back(entryId, 'missing');
  let upload;
  try {
    ({ upload } = await receiveUpload(request, 'file', maxAttachmentBytes()));
  } catch (error) {
    if (error instanceof UploadTooLargeError) return back(entryId, 'tooLarge');
    if (error instanceof FormTooLargeError) return back(entryId, 'unsupported');
    if (error instanceof MalformedUploadError) return back(entryId, 'badName');
    throw error;
  }
  if (!upload || upload.byteSize === 0) {
    deleteUpload(upload?.storageKey);
    return back(entryId, 'missing');
  }
  const checked = checkAttachment(upload.originalFilename, readUploadHead(upload.storageKey));
  if (!checked.ok) {
    deleteUpload(upload.storageKey);
    return back(entryId, checked.problem);
  }
  const added = await addAttachment(
    webActor(user, context),
    entryId,
    { filename: upload.originalFilename, contentType: checked.mime, byteSize: upload.byteSize, storageKey: upload.storageKey, sha256: upload.sha256 },
    new Date(),
  );
  if (!added.ok) {
    if (added.problem.kind === 'notFound') throw refusalResponse(added.problem);
    return back(entryId, added.problem.code);
  }
  return back(entryId);
}

export async function loader() {
  throw new Response('Not Found', { status: 404 });
}
