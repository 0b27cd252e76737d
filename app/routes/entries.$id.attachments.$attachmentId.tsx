/**
 * Serves an attachment, only to those who may see the entry: images inline (so a description can
 * show them) and everything else as a download, always under a sandboxing CSP.
 */
import fs from 'node:fs';
import { Readable } from 'node:stream';
import type { LoaderFunctionArgs } from '@remix-run/node';
import { getAttachmentForViewer } from '~/models/submissions.server';
import { attachmentHeader } from '~/services/downloads.server';
import { errorPageResponse } from '~/services/error-page.server';
import { requireIdParam } from '~/services/form-helpers.server';
import { getUser } from '~/services/session.server';
import { uploadExists, uploadPath } from '~/services/uploads.server';
import { log } from '~/log.server';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await getUser(request);
  const entryId = requireIdParam(params.id);
  const file = await getAttachmentForViewer(viewer, entryId, requireIdParam(params.attachmentId), new Date());
  if (!file) throw new Response('Not Found', { status: 404 });
  if (!uploadExists(file.storageKey)) {
    // The row says the file exists; the disk disagrees. Say so plainly instead of dropping the
    // connection, and leave a trace for the operator (a restore without uploads/, a lost disk).
    log.error(`attachment ${file.id} of entry ${entryId}: stored file ${file.storageKey} is missing`);
    return errorPageResponse(request, {
      status: 410,
      title: 'errors.fileMissing.title',
      body: 'errors.fileMissing.body',
      back: { href: `/entries/${entryId}`, label: 'errors.fileMissing.back' },
    });
  }
  const body = Readable.toWeb(fs.createReadStream(uploadPath(file.storageKey))) as ReadableStream<Uint8Array>;
  return new Response(body, {
    headers: {
      'Content-Type': file.contentType,
      'Content-Length': String(file.byteSize),
      'Content-Disposition': file.contentType.startsWith('image/') ? attachmentHeader(file.filename).replace(/^attachment/, 'inline') : attachmentHeader(file.filename),
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, no-store',
      'Content-Security-Policy': "default-src 'none'; sandbox",
    },
  });
}
