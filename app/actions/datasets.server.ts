/**
 * Changes to datasets: create, edit, publish, take out of public view. The web forms and the CKAN
 * API both come here, so the privacy gate and the audit trail are the same whichever door is used.
 */
import { canManageDepartment } from '~/lib/access';
import { fail, forbidden, notFound, ok, type ActingUser, type Actor, type Result } from '~/lib/result';
import * as datasets from '~/models/datasets.server';
import { transaction } from '~/models/transaction.server';
import { audit } from './audit.server';
import { saveAgreement } from '~/models/access-grants.server';

export type DatasetInput = datasets.DatasetInput;

const slugTaken = () => fail('conflict', 'slugTaken', 'errors.dataset.slugTaken', { field: 'slug' });

/** A new draft in a department the actor manages. */
export async function createDataset(actor: Actor<ActingUser>, input: DatasetInput, departmentId: number): Promise<Result<{ id: number; slug: string }>> {
  if (!canManageDepartment(actor.user, departmentId)) return forbidden();
  return await transaction(async () => {
    if (await datasets.isSlugTaken(input.slug)) return slugTaken();
    const created = await datasets.createDataset(actor.user, input, departmentId);
    if (!created) return forbidden();
    await audit(actor, { action: 'dataset.create', targetType: 'dataset', targetId: created.id, details: { slug: created.slug } });
    return ok(created);
  });
}

export async function updateDataset(actor: Actor<ActingUser>, datasetId: number, input: DatasetInput): Promise<Result<{ slug: string }>> {
  return await transaction(async () => {
    try {
      const updated = await datasets.updateDataset(actor.user, datasetId, input);
      if (!updated) return notFound();
      await audit(actor, { action: 'dataset.update', targetType: 'dataset', targetId: datasetId, details: { slug: updated.slug } });
      return ok(updated);
    } catch (error) {
      if (error instanceof datasets.SlugTakenError) return slugTaken();
      throw error;
    }
  });
}

export type PublishProblem = datasets.PublishProblem;

/**
 * Makes a dataset public. Refused while a resource has a column flagged as personal that nobody
 * decided about (`details.blocking` names them), while an import runs, or with nothing imported.
 */
export async function publishDataset(actor: Actor<ActingUser>, datasetId: number): Promise<Result<{ slug: string }, PublishProblem | 'notFound'>> {
  return await transaction(async () => {
    const result = await datasets.publishDataset(actor.user, datasetId);
    if (!result) return notFound();
    if (!result.ok) {
      const blocking = result.problem === 'privacy' ? result.blocking : [];
      return fail('conflict', result.problem, `manage.publishProblem.${result.problem}`, { details: { blocking } });
    }
    const slug = await datasets.datasetSlug(datasetId);
    await audit(actor, { action: 'dataset.publish', targetType: 'dataset', targetId: datasetId, details: { slug } });
    return ok({ slug });
  });
}

/** Takes a dataset out of public view: back to draft, or retired (kept, marked as no longer maintained). */
export async function unpublishDataset(actor: Actor<ActingUser>, datasetId: number, to: 'draft' | 'retired'): Promise<Result<{ slug: string }>> {
  return await transaction(async () => {
    if (!(await datasets.unpublishDataset(actor.user, datasetId, to))) return notFound();
    const slug = await datasets.datasetSlug(datasetId);
    await audit(actor, { action: to === 'draft' ? 'dataset.unpublish' : 'dataset.retire', targetType: 'dataset', targetId: datasetId, details: { slug } });
    return ok({ slug });
  });
}

export type DatasetAccessInput = datasets.DatasetAccessInput;
export type DatasetCatalogueInput = datasets.DatasetCatalogueInput;

/**
 * Sets 开放属性 and 共享属性 (and, when given, a new version of the data-use agreement). Takes effect
 * on every path at once, since each reads the levels per request; audited with before and after.
 */
export async function updateDatasetAccess(actor: Actor<ActingUser>, datasetId: number, input: DatasetAccessInput, agreementBody?: string): Promise<Result<{ slug: string }>> {
  return await transaction(async () => {
    const updated = await datasets.updateDatasetAccess(actor.user, datasetId, input);
    if (!updated) return notFound();
    const slug = await datasets.datasetSlug(datasetId);
    const agreement = agreementBody === undefined ? undefined : await saveAgreement(datasetId, agreementBody, actor.user.id);
    const changed = (Object.keys(input) as (keyof DatasetAccessInput)[]).filter((key) => updated.before[key] !== input[key]);
    if (changed.length > 0 || agreement?.changed) {
      await audit(actor, {
        action: 'dataset.access',
        targetType: 'dataset',
        targetId: datasetId,
        details: { slug, before: Object.fromEntries(changed.map((k) => [k, updated.before[k]])), after: Object.fromEntries(changed.map((k) => [k, input[k]])), ...(agreement?.changed ? { agreementVersion: agreement.version } : {}) },
      });
    }
    return ok({ slug });
  });
}

/** Sets the catalogue fields; a 资源代码 another dataset holds is refused on the field. */
export async function updateDatasetCatalogue(actor: Actor<ActingUser>, datasetId: number, input: DatasetCatalogueInput): Promise<Result<{ slug: string }>> {
  return await transaction(async () => {
    try {
      if (!(await datasets.updateDatasetCatalogue(actor.user, datasetId, input))) return notFound();
    } catch (error) {
      if (error instanceof datasets.ResourceCodeTakenError) return fail('conflict', 'resourceCodeTaken', 'errors.dataset.resourceCodeTaken', { field: 'resourceCode' });
      throw error;
    }
    const slug = await datasets.datasetSlug(datasetId);
    await audit(actor, { action: 'dataset.catalogue', targetType: 'dataset', targetId: datasetId, details: { slug, ...input } });
    return ok({ slug });
  });
}
