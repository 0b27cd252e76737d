/**
 * Adds a table to a dataset the way a department does: the file is stored as an upload, queued and
 * imported by the real importer (type inference, profiles, privacy scan), described in the data
 * dictionary, and what the scan flags is resolved by decisions given up front. Both the demo seed
 * and the scale seed go through here, so seeded tables are exactly what an upload produces.
 */
import type { Viewer } from '../../app/lib/access';
import { decideColumn } from '../../app/actions/privacy.server';
import { listFindings } from '../../app/models/privacy.server';
import { getImportJob, updateResourceDictionary } from '../../app/models/resources.server';
import { queueUpload } from '../../app/services/import/queue-upload.server';
import { storeStream } from '../../app/services/uploads.server';
import type { PrivacyAction, PrivacyParams } from '../schema';

export type PrivacyDecisions = Record<string, { action: PrivacyAction; reason?: string; params?: PrivacyParams }>;

export interface SeedResource {
  name: string;
  description: string;
  filename: string;
  /** The file's bytes; a generator lets a large file be written without holding it in memory. */
  bytes: Iterable<Uint8Array> | AsyncIterable<Uint8Array>;
  /** Largest size accepted for the stored file. */
  maxBytes: number;
  /** Column descriptions for the data dictionary. */
  dictionary?: { name: string; description: string }[];
  /** How the department resolves the columns the privacy scan flags. */
  privacy?: PrivacyDecisions;
}

export async function importSeedResource(official: Viewer, datasetId: number, label: string, resource: SeedResource): Promise<{ resourceId: number; jobId: number }> {
  const upload = await storeStream(resource.bytes, { filename: resource.filename, contentType: 'text/csv' }, resource.maxBytes);
  const job = await queueUpload({ datasetId, viewer: official, upload, name: resource.name, description: resource.description });
  if (!job.ok) throw new Error(`cannot add a resource to ${label}: ${job.code}`);
  await job.done;
  const outcome = await getImportJob(job.jobId);
  if (outcome?.status !== 'succeeded') throw new Error(`seed import of ${resource.filename} failed: ${outcome?.errorCode}`);
  const dictionary = resource.dictionary ?? [];
  await updateResourceDictionary({ resourceId: job.resourceId, viewer: official, entries: dictionary.map((c) => ({ name: c.name, label: '', description: c.description })) });
  // Findings are resolved the way a department would; one the seed did not expect fails it, so a
  // detector change cannot silently leave seeded data unpublishable.
  for (const column of new Set((await listFindings(job.resourceId)).map((f) => f.column))) {
    const decision = resource.privacy?.[column];
    if (!decision) throw new Error(`seed resource ${resource.filename}: unexpected privacy finding in column ${column}`);
    const result = await decideColumn({ user: official, ip: null, via: 'system' }, job.resourceId, { column, action: decision.action, params: decision.params ?? {}, reason: decision.reason ?? '' });
    if (!result.ok) throw new Error(`seed resource ${resource.filename}: cannot resolve ${column}`);
  }
  return { resourceId: job.resourceId, jobId: job.jobId };
}
