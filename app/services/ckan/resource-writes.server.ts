/**
 * CKAN's resource writes: resource_create (an uploaded table, or a link), resource_update and
 * resource_patch (new details, a new address for a link, or a new file: re-imported while the
 * previous version stays served until the new one has succeeded).
 */
import { createImportErrorMessage } from '~/lib/import/messages';
import { isWebAddress } from '~/lib/validation/dataset';
import * as resourceActions from '~/actions/resources.server';
import { getManagedDataset } from '~/models/datasets.server';
import { blockingColumns } from '~/models/privacy.server';
import { datasetSlugOfResource, getImportJob, getResource, type ResourceRow } from '~/models/resources.server';
import type { SessionUser } from '~/models/users.server';
import type { StoredUpload } from '../uploads.server';
import { ckanActor, CkanError, findPackage, requireWriter, resourceIdFrom, text, type CkanContext, type Input } from './common.server';
import { resourceDict } from './dicts.server';

function invalid(field: string, message: string): never {
  throw new CkanError(409, 'Validation Error', message, { [field]: [message] });
}

/** A text parameter with CKAN's name for it in the error, at most `max` characters. */
function bounded(input: Input, key: string, max: number): string | undefined {
  const value = text(input, key)?.trim();
  if (value !== undefined && [...value].length > max) invalid(key, `${key} is too long: at most ${max} characters`);
  return value;
}

function linkFields(input: Input): { url: string; format: string } {
  const url = text(input, 'url')?.trim() ?? '';
  if (!isWebAddress(url)) invalid('url', 'url must be an http or https address of at most 2000 characters');
  return { url, format: bounded(input, 'format', 20) ?? '' };
}

/** The resource as the package now shows it to the caller. */
async function shownResource(slug: string, resourceId: number, context: CkanContext, user: SessionUser) {
  const detail = await findPackage(slug, user);
  const index = detail.resources.findIndex((r) => r.id === resourceId);
  const resource = detail.resources[index];
  if (!resource) throw new CkanError(404, 'Not Found Error', 'Not found');
  return { ...resourceDict(detail, resource, index, context.origin), ...(resource.linkUrl === null ? { privacy_unresolved_columns: (await blockingColumns(detail.id)).find((b) => b.resourceId === resourceId)?.columns ?? [] } : {}) };
}

/** Imports a file (new or replacing `resourceId`) and waits for the outcome; a failure is the caller's 409. */
async function importFile(user: SessionUser, context: CkanContext, upload: StoredUpload, datasetId: number, details: { resourceId?: number; name?: string; description?: string }): Promise<number> {
  context.uploadTaken = true;
  const result = await resourceActions.uploadResource(ckanActor(user, context), { datasetId, upload, ...details });
  if (!result.ok) {
    if (result.problem.kind === 'notFound' || result.problem.kind === 'forbidden') throw new CkanError(404, 'Not Found Error', 'Not found');
    invalid('upload', createImportErrorMessage(result.problem.code, result.problem.params ?? {}));
  }
  const queued = result.value;
  await queued.done;
  const job = await getImportJob(queued.jobId);
  if (job?.status !== 'succeeded') {
    const message = createImportErrorMessage(job?.errorCode ?? 'internal', job?.errorParams ?? {});
    invalid('upload', details.resourceId === undefined ? message : `${message} The previous version of the resource is still served.`);
  }
  return queued.resourceId;
}

export async function resourceCreate(input: Input, context: CkanContext) {
  const user = requireWriter(context);
  const dataset = await findPackage(text(input, 'package_id'), user);
  const managed = await getManagedDataset(dataset.slug, user);
  if (!managed) throw new CkanError(403, 'Authorization Error', `User ${user.email} not authorized to edit package ${dataset.slug}`);
  const name = bounded(input, 'name', 200);
  const description = bounded(input, 'description', 2000);
  const { upload } = context;
  if (upload) {
    // A resource whose privacy scan flagged columns is not served yet; the department's system is
    // told which columns need a decision (datastore_active stays false until then).
    const resourceId = await importFile(user, context, upload, managed.id, { name, description });
    return await shownResource(managed.slug, resourceId, context, user);
  }
  if (text(input, 'url') === undefined) invalid('upload', 'Send the table as a multipart file field named "upload", or a url for a link resource');
  const link = linkFields(input);
  const created = await resourceActions.addLinkResource(ckanActor(user, context), managed.id, { name: name || link.url.slice(0, 200), description: description ?? '', ...link });
  if (!created.ok) throw new CkanError(403, 'Authorization Error', 'Access denied');
  return await shownResource(managed.slug, created.value.resourceId, context, user);
}

/** A resource change, read and checked in full before anything is written. */
interface ResourceChangePlan {
  user: SessionUser;
  resourceId: number;
  datasetId: number;
  slug: string;
  details: { name: string; description: string; summary: string; coordinateSystem: ResourceRow['coordinateSystem'] } | null;
  link: { url: string; format: string } | null;
  upload: StoredUpload | null;
}

/**
 * resource_update (`replace`: a description not given is emptied, as CKAN's full replace) and
 * resource_patch (only what is given changes), checked without writing. The address of an uploaded
 * table is the platform's download link and is not changed by a client sending it back.
 */
export async function planResourceChange(input: Input, context: CkanContext, replace: boolean): Promise<ResourceChangePlan> {
  const user = requireWriter(context);
  const raw = text(input, 'id') ?? '';
  const resourceId = await resourceIdFrom(raw);
  const slug = resourceId === undefined ? undefined : await datasetSlugOfResource(resourceId);
  const managed = slug === undefined ? undefined : await getManagedDataset(slug, user);
  const resource = resourceId === undefined ? undefined : await getResource(resourceId);
  if (resourceId === undefined || !managed || !resource) throw new CkanError(404, 'Not Found Error', `Resource "${raw.slice(0, 100)}" was not found.`);
  const name = bounded(input, 'name', 200);
  const description = bounded(input, 'description', 2000) ?? (replace ? '' : undefined);
  if (name === '') invalid('name', 'name cannot be empty');
  const isLink = resource.linkUrl !== null;
  const link = isLink && (text(input, 'url') !== undefined || text(input, 'format') !== undefined) ? linkFields({ url: resource.linkUrl, format: resource.linkFormat, ...input }) : null;
  const { upload } = context;
  if (upload && isLink) invalid('upload', 'A link resource cannot take a file: create a new resource with resource_create');
  const details =
    name !== undefined || description !== undefined
      ? { name: name ?? resource.name, description: description ?? resource.description, summary: resource.summary, coordinateSystem: resource.coordinateSystem }
      : null;
  return { user, resourceId, datasetId: managed.id, slug: managed.slug, details, link, upload };
}

export async function applyResourceChange(plan: ResourceChangePlan, context: CkanContext) {
  const { user, resourceId } = plan;
  // Details first: a failed import below still leaves the new name in place, as the web form does.
  if (plan.details) {
    const changed = await resourceActions.updateResourceDetails(ckanActor(user, context), resourceId, plan.details);
    if (!changed.ok) throw new CkanError(403, 'Authorization Error', 'Access denied');
  }
  if (plan.link) {
    const changed = await resourceActions.updateLinkResource(ckanActor(user, context), resourceId, plan.link);
    if (!changed.ok) throw new CkanError(403, 'Authorization Error', 'Access denied');
  }
  if (plan.upload) await importFile(user, context, plan.upload, plan.datasetId, { resourceId });
  return await shownResource(plan.slug, resourceId, context, user);
}

export async function resourceChange(input: Input, context: CkanContext, replace: boolean) {
  return await applyResourceChange(await planResourceChange(input, context, replace), context);
}
