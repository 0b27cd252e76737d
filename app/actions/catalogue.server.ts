/**
 * Importing a catalogue sheet, in a single transaction: the new drafts (written in bulk, each with
 * its dataset.create audit entry naming the levels and code it was created with), every change to
 * an existing dataset through the dataset models with the entry the forms write (dataset.update,
 * dataset.access with before and after, dataset.catalogue), and one catalogue.import entry. The plan
 * is worked out again inside the transaction from the catalogue as it then is, and must be the plan
 * the person confirmed: if anything changed meanwhile, nothing is applied and the preview is shown
 * again.
 *
 * Runs in a worker thread (app/services/catalogue-work.server.ts), on the thread's own connection.
 */
import crypto from 'node:crypto';
import { managedDepartmentScope } from '~/lib/access';
import { planCatalogueImport, planFingerprint, type CataloguePlan, type EditableField, type ImportScope } from '~/lib/catalogue/plan';
import type { CatalogueIssue, SheetRow } from '~/lib/catalogue/parse';
import { suggestSlug } from '~/lib/validation/dataset';
import { fail, ok, type ActingUser, type Actor, type Result } from '~/lib/result';
import * as catalogue from '~/models/catalogue.server';
import * as datasets from '~/models/datasets.server';
import { transaction } from '~/models/transaction.server';
import { audit } from './audit.server';

/** Who may import, and for which departments; null for everyone else. */
export function importScopeOf(user: ActingUser): ImportScope | null {
  const scope = managedDepartmentScope(user);
  if (scope === null) return null;
  return scope === 'all' ? { kind: 'all' } : { kind: 'department', departmentId: scope };
}

export function catalogueScopeOf(scope: ImportScope): catalogue.CatalogueScope {
  return scope.kind === 'all' ? 'all' : scope.departmentId;
}

/** What a confirmation is checked against: the plan's changes, hashed. */
export function planDigest(plan: CataloguePlan): string {
  return crypto.createHash('sha256').update(planFingerprint(plan)).digest('base64url').slice(0, 32);
}

const ACCESS_FIELDS = ['accessLevel', 'sharing', 'openConditions', 'sharingConditions', 'sharingMethod'] as const;
const CATALOGUE_FIELDS = ['resourceCode', 'resourceCategory', 'categoryCode', 'relatedCodes'] as const;
const BASIC_FIELDS = ['title', 'description', 'updateFrequency'] as const;

/** A write the models refused although the plan allowed it: the whole import rolls back. */
class Refused extends Error {
  constructor() {
    super('catalogue import refused by a model');
  }
}

export type ImportProblem = 'forbidden' | 'rowErrors' | 'stale';

export async function applyCatalogueImport(
  actor: Actor<ActingUser>,
  input: { rows: { row: SheetRow; issues: CatalogueIssue[] }[]; digest: string; filename: string; timeZone: string },
): Promise<Result<{ created: number; updated: number }, ImportProblem>> {
  const scope = importScopeOf(actor.user);
  if (!scope) return fail('forbidden', 'forbidden', 'errors.forbidden.title');
  const user = actor.user;
  try {
    return await transaction(async (): Promise<Result<{ created: number; updated: number }, ImportProblem>> => {
      const state = await catalogue.readCatalogueState(catalogueScopeOf(scope), { derived: false, timeZone: input.timeZone });
      const plan = planCatalogueImport(input.rows, state, scope);
      if (plan.errors.length > 0) return fail('invalid', 'rowErrors', 'catalogue.hasErrors', { params: { count: plan.errors.length } });
      if (planDigest(plan) !== input.digest) return fail('conflict', 'stale', 'catalogue.stale');
      // New drafts, in one go: each audited as created, with the levels and codes it was created with.
      const creates = plan.rows.filter((r) => r.kind === 'create');
      const made = await catalogue.createCatalogueDrafts(
        user,
        creates.map((r) => ({ ...r.values, departmentId: r.departmentId })),
        suggestSlug,
      );
      if (!made) throw new Refused();
      for (const [i, { id, slug }] of made.entries()) {
        const v = (creates[i] as (typeof creates)[number]).values;
        await audit(actor, {
          action: 'dataset.create',
          targetType: 'dataset',
          targetId: id,
          details: { slug, source: 'catalogue', resourceCode: v.resourceCode, accessLevel: v.accessLevel, sharing: v.sharing },
        });
      }
      const created = made.length;

      // Changes to existing datasets, through the dataset models, audited as the forms' are.
      const sampleRows = new Map(state.datasets.map((d) => [d.id, d.sampleRows ?? 0]));
      let updated = 0;
      for (const row of plan.rows) {
        if (row.kind !== 'update') continue;
        const v = row.values;
        const { datasetId, slug } = row;
        const changed = new Set<EditableField>(row.changes.map((c) => c.field));
        updated += 1;
        if (BASIC_FIELDS.some((f) => changed.has(f))) {
          const current = await datasets.getManagedDataset(slug, user);
          if (!current) throw new Refused();
          const done = await datasets.updateDataset(user, datasetId, {
            title: v.title,
            slug: current.slug,
            description: v.description,
            licence: current.licence,
            updateFrequency: v.updateFrequency,
            tags: current.tags,
            contactName: current.contactName,
            contactEmail: current.contactEmail,
          });
          if (!done) throw new Refused();
          await audit(actor, { action: 'dataset.update', targetType: 'dataset', targetId: datasetId, details: { slug, fields: BASIC_FIELDS.filter((f) => changed.has(f)), source: 'catalogue' } });
        }
        if (ACCESS_FIELDS.some((f) => changed.has(f))) {
          const access: datasets.DatasetAccessInput = {
            accessLevel: v.accessLevel,
            sharing: v.sharing,
            openConditions: v.openConditions,
            sharingConditions: v.sharingConditions,
            sharingMethod: v.sharingMethod,
            sampleRows: sampleRows.get(datasetId) ?? 0,
          };
          const result = await datasets.updateDatasetAccess(user, datasetId, access);
          if (!result) throw new Refused();
          const keys = (Object.keys(access) as (keyof datasets.DatasetAccessInput)[]).filter((k) => result.before[k] !== access[k]);
          await audit(actor, {
            action: 'dataset.access',
            targetType: 'dataset',
            targetId: datasetId,
            details: { slug, before: Object.fromEntries(keys.map((k) => [k, result.before[k]])), after: Object.fromEntries(keys.map((k) => [k, access[k]])), source: 'catalogue' },
          });
        }
        if (CATALOGUE_FIELDS.some((f) => changed.has(f))) {
          const codes: datasets.DatasetCatalogueInput = { resourceCategory: v.resourceCategory, categoryCode: v.categoryCode, resourceCode: v.resourceCode, relatedCodes: v.relatedCodes };
          if (!(await datasets.updateDatasetCatalogue(user, datasetId, codes))) throw new Refused();
          await audit(actor, { action: 'dataset.catalogue', targetType: 'dataset', targetId: datasetId, details: { slug, ...codes, source: 'catalogue' } });
        }
      }
      await audit(actor, {
        action: 'catalogue.import',
        targetType: scope.kind === 'all' ? 'site' : 'department',
        targetId: scope.kind === 'all' ? undefined : scope.departmentId,
        details: { file: input.filename.slice(0, 200), rows: plan.totals.rows, created, updated, unchanged: plan.totals.unchanged },
      });
      return ok({ created, updated });
    });
  } catch (error) {
    // Another writer took a 资源代码 or slug between the plan and the write: the plan no longer holds.
    if (error instanceof datasets.ResourceCodeTakenError || error instanceof datasets.SlugTakenError) return fail('conflict', 'stale', 'catalogue.stale');
    if (error instanceof Refused) return fail('forbidden', 'forbidden', 'errors.forbidden.title');
    throw error;
  }
}
