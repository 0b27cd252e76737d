/**
 * Changes to a dataset's resources (its data files): upload or replace a table, edit its name and
 * data dictionary, delete it. Web form and CKAN `resource_create` alike.
 */
import type { CoordinateSystem } from '~/lib/vocabulary';
import { fail, forbidden, notFound, ok, type ActingUser, type Actor, type Result } from '~/lib/result';
import { datasetSlug } from '~/models/datasets.server';
import * as resources from '~/models/resources.server';
import { transaction } from '~/models/transaction.server';
import { prepareUpload, startImport } from '~/services/import/queue-upload.server';
import type { StoredUpload } from '~/services/uploads.server';
import { deleteUpload } from '~/services/uploads.server';
import { audit } from './audit.server';

export interface UploadInput {
  datasetId: number;
  upload: StoredUpload;
  /** Replace this resource's table; absent for a new resource. */
  resourceId?: number;
  name?: string;
  description?: string;
}

/**
 * Records the upload (a new resource, or a replacement) with its audit entry, then starts the
 * import in the import thread. `done` resolves when the import has finished, whatever the outcome.
 * A refused file (not a table, a resource of another dataset) is deleted.
 */
export async function uploadResource(actor: Actor<ActingUser>, input: UploadInput): Promise<Result<{ jobId: number; resourceId: number; done: Promise<void> }>> {
  if (input.resourceId !== undefined && (await resources.getResource(input.resourceId))?.datasetId !== input.datasetId) {
    deleteUpload(input.upload.storageKey);
    return notFound();
  }
  const prepared = await transaction(async () => {
    const result = await prepareUpload({ ...input, viewer: actor.user });
    if (result.ok) {
      const { upload } = input;
      await audit(actor, {
        action: input.resourceId ? 'resource.replace' : 'resource.upload',
        targetType: 'resource',
        targetId: result.resourceId,
        details: { dataset: await datasetSlug(input.datasetId), file: upload.originalFilename, bytes: upload.byteSize, sha256: upload.sha256, job: result.jobId },
      });
    }
    return result;
  });
  if (!prepared.ok) {
    if (prepared.code === 'forbidden') return forbidden();
    return fail('invalid', prepared.code, 'import.error.internal', { field: 'file', params: prepared.params });
  }
  return ok({ jobId: prepared.jobId, resourceId: prepared.resourceId, done: startImport(prepared.jobId) });
}

/** Registers a link resource: an address listed with the dataset, never fetched nor imported. */
export async function addLinkResource(actor: Actor<ActingUser>, datasetId: number, link: { name: string; url: string; format: string; description: string }): Promise<Result<{ resourceId: number }>> {
  return await transaction(async () => {
    const resourceId = await resources.createLinkResource({ datasetId, viewer: actor.user, ...link });
    if (resourceId === undefined) return notFound();
    await audit(actor, { action: 'resource.link', targetType: 'resource', targetId: resourceId, details: { dataset: await datasetSlug(datasetId), url: link.url } });
    return ok({ resourceId });
  });
}

/** Points a link resource at a new address or format. */
export async function updateLinkResource(actor: Actor<ActingUser>, resourceId: number, link: { url: string; format: string }): Promise<Result<void>> {
  return await transaction(async () => {
    if (!(await resources.updateLinkResource({ resourceId, viewer: actor.user, ...link }))) return notFound();
    await audit(actor, { action: 'resource.link', targetType: 'resource', targetId: resourceId, details: { url: link.url } });
    return ok();
  });
}

export async function updateResourceDetails(actor: Actor<ActingUser>, resourceId: number, details: { name: string; description: string; summary: string; coordinateSystem: CoordinateSystem }): Promise<Result<void>> {
  return await transaction(async () => {
    if (!(await resources.updateResourceDetails({ resourceId, viewer: actor.user, ...details }))) return notFound();
    await audit(actor, { action: 'resource.update', targetType: 'resource', targetId: resourceId });
    return ok();
  });
}

export async function updateResourceDictionary(actor: Actor<ActingUser>, resourceId: number, entries: { name: string; label: string; description: string }[]): Promise<Result<void>> {
  return await transaction(async () => {
    if (!(await resources.updateResourceDictionary({ resourceId, viewer: actor.user, entries }))) return notFound();
    await audit(actor, { action: 'resource.dictionary', targetType: 'resource', targetId: resourceId });
    return ok();
  });
}

/** Deletes a resource, its tables and (once committed) its stored files. */
export async function deleteResource(actor: Actor<ActingUser>, datasetId: number, resourceId: number): Promise<Result<void>> {
  const removed = await transaction(async () => {
    if ((await resources.getResource(resourceId))?.datasetId !== datasetId) return undefined;
    const result = await resources.deleteResource(resourceId, actor.user);
    if (result) await audit(actor, { action: 'resource.delete', targetType: 'dataset', targetId: datasetId, details: { slug: await datasetSlug(datasetId), resource: resourceId } });
    return result;
  });
  if (!removed) return notFound();
  for (const key of removed.storageKeys) deleteUpload(key);
  return ok();
}
