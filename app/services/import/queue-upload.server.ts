/**
 * From a stored upload to a queued import: checks that the file is a table we can read (name and
 * content agree), creates the import job (and the resource, for a new file), and queues it.
 */
import type { Viewer } from '~/lib/access';
import { detectTableFormat } from '~/lib/import/format';
import { createReplacementImport, createResourceWithImport } from '~/models/resources.server';
import { deleteUpload, readUploadHead, type StoredUpload } from '../uploads.server';
import { enqueueImport } from './importer.server';

export type QueueResult =
  | { ok: true; jobId: number; resourceId: number; done: Promise<void> }
  | { ok: false; code: string; params: Record<string, string | number> }
  | { ok: false; code: 'forbidden'; params: Record<string, never> };

export function queueUpload(args: {
  datasetId: number;
  viewer: Viewer;
  upload: StoredUpload;
  /** Replace this resource's table; absent for a new resource. */
  resourceId?: number;
  name?: string;
  description?: string;
}): QueueResult {
  const detected = detectTableFormat(args.upload.originalFilename, readUploadHead(args.upload.storageKey));
  if (!detected.ok) {
    deleteUpload(args.upload.storageKey);
    return { ok: false, code: detected.code, params: detected.params };
  }
  let created: { jobId: number; resourceId: number } | undefined;
  if (args.resourceId === undefined) {
    created = createResourceWithImport({
      datasetId: args.datasetId,
      viewer: args.viewer,
      name: args.name?.trim() || args.upload.originalFilename.replace(/\.[^.]+$/, ''),
      description: args.description?.trim() ?? '',
      format: detected.format,
      file: args.upload,
    });
  } else {
    const jobId = createReplacementImport({ resourceId: args.resourceId, viewer: args.viewer, format: detected.format, file: args.upload });
    created = jobId === undefined ? undefined : { jobId, resourceId: args.resourceId };
  }
  if (!created) {
    deleteUpload(args.upload.storageKey);
    return { ok: false, code: 'forbidden', params: {} };
  }
  return { ok: true, ...created, done: enqueueImport(created.jobId) };
}
