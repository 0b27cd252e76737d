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

export interface UploadArgs {
  datasetId: number;
  viewer: Viewer;
  upload: StoredUpload;
  /** Replace this resource's table; absent for a new resource. */
  resourceId?: number;
  name?: string;
  description?: string;
}

/**
 * Checks what the file is and records the resource (or the replacement) and its import job, without
 * starting the import. The caller commits these rows (with its audit entry, in app/actions) before
 * `startImport`: the import thread reads the job from its own connection. A refused file is deleted.
 */
export async function prepareUpload(args: UploadArgs): Promise<{ ok: true; jobId: number; resourceId: number } | Extract<QueueResult, { ok: false }>> {
  const detected = detectTableFormat(args.upload.originalFilename, readUploadHead(args.upload.storageKey));
  if (!detected.ok) {
    deleteUpload(args.upload.storageKey);
    return { ok: false, code: detected.code, params: detected.params };
  }
  let created: { jobId: number; resourceId: number } | undefined;
  if (args.resourceId === undefined) {
    created = await createResourceWithImport({
      datasetId: args.datasetId,
      viewer: args.viewer,
      name: args.name?.trim() || args.upload.originalFilename.replace(/\.[^.]+$/, ''),
      description: args.description?.trim() ?? '',
      format: detected.format,
      file: args.upload,
    });
  } else {
    const jobId = await createReplacementImport({ resourceId: args.resourceId, viewer: args.viewer, format: detected.format, file: args.upload });
    created = jobId === undefined ? undefined : { jobId, resourceId: args.resourceId };
  }
  if (!created) {
    deleteUpload(args.upload.storageKey);
    return { ok: false, code: 'forbidden', params: {} };
  }
  return { ok: true, ...created };
}

/** Starts a prepared import; resolves when it has finished (whatever the outcome). */
export function startImport(jobId: number): Promise<void> {
  return enqueueImport(jobId);
}

/** Prepares and starts at once, unaudited: for the seed, benchmarks and tests. People upload through app/actions/resources.server.ts. */
export async function queueUpload(args: UploadArgs): Promise<QueueResult> {
  const prepared = await prepareUpload(args);
  if (!prepared.ok) return prepared;
  return { ...prepared, done: startImport(prepared.jobId) };
}
