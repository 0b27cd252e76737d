/**
 * The catalogue (政务信息资源目录) as stored: each dataset of a department (or of the site) with the
 * fields the guide lists, its resources' formats and its data dictionary's 信息项, read in a few
 * queries whatever the number of datasets. An import's new drafts are written here in bulk; its
 * changes to existing datasets go through the dataset models (app/actions/catalogue.server.ts).
 */
import { inArray, sql, type SQL } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { datasets } from '../../db/tables';
import { selectRows, selectRow } from './rows.server';
import type { CatalogueEntry, InfoItem } from '~/lib/catalogue/layout';
import { formatsText, infoItemsText, publishedOnText } from '~/lib/catalogue/layout';
import type { CatalogueState, CurrentDataset, EditableValues } from '~/lib/catalogue/plan';
import { canManageDepartment, type Viewer } from '~/lib/access';
import type { AccessLevel, ColumnType, DatasetStatus, ResourceCategory, SharingLevel, SharingMethod, UpdateFrequency } from '~/lib/vocabulary';
import { jsonElements } from './dialect.server';

/** One department's datasets, or every dataset (admins). */
export type CatalogueScope = number | 'all';

function scopeWhere(scope: CatalogueScope): SQL {
  return scope === 'all' ? sql`1 = 1` : sql`d.department_id = ${scope}`;
}

interface DatasetRowSql {
  id: number;
  slug: string;
  title: string;
  description: string;
  status: DatasetStatus;
  departmentId: number;
  departmentName: string;
  departmentCode: string | null;
  resourceCategory: ResourceCategory;
  categoryCode: string;
  resourceCode: string | null;
  relatedCodes: string;
  accessLevel: AccessLevel;
  sharing: SharingLevel;
  openConditions: string;
  sharingConditions: string;
  sharingMethod: SharingMethod;
  updateFrequency: UpdateFrequency;
  publishedAt: number | null;
  /** Read for the confirmation only. */
  sampleRows?: number;
}

function parseCodes(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

export interface CatalogueRecord extends CatalogueEntry {
  id: number;
  status: DatasetStatus;
  departmentId: number;
}

/**
 * The catalogue of a scope, ordered by department, then 资源代码 (datasets without one last).
 * Resource formats and 信息项 are read with SQLite's JSON functions, so a table's profile (often
 * most of its columns' JSON) never leaves the database.
 */
export async function listCatalogue(scope: CatalogueScope): Promise<CatalogueRecord[]> {
  const where = scopeWhere(scope);
  const rows = await selectRows<DatasetRowSql>(sql`
    SELECT d.id, d.slug, d.title, d.description, d.status, d.department_id AS "departmentId", dep.name AS "departmentName", dep.code AS "departmentCode",
           d.resource_category AS "resourceCategory", d.category_code AS "categoryCode", d.resource_code AS "resourceCode", d.related_codes AS "relatedCodes",
           d.access_level AS "accessLevel", d.sharing, d.open_conditions AS "openConditions", d.sharing_conditions AS "sharingConditions",
           d.sharing_method AS "sharingMethod", d.update_frequency AS "updateFrequency", d.published_at AS "publishedAt"
    FROM datasets d JOIN departments dep ON dep.id = d.department_id
    WHERE ${where}
    ORDER BY d.department_id, d.resource_code IS NULL, d.resource_code, d.id`);
  const formats = new Map<number, string[]>();
  for (const r of await selectRows<{ datasetId: number; format: string }>(sql`
    SELECT r.dataset_id AS "datasetId", r.format FROM dataset_resources r JOIN datasets d ON d.id = r.dataset_id
    WHERE ${where} ORDER BY r.dataset_id, r.position, r.id`)) {
    const list = formats.get(r.datasetId) ?? [];
    list.push(r.format);
    formats.set(r.datasetId, list);
  }
  const items = new Map<number, InfoItem[]>();
  for (const c of await selectRows<{ datasetId: number; name: string | null; label: string | null; type: ColumnType | null }>(sql`
    SELECT r.dataset_id AS "datasetId", c.value ->> 'name' AS name, c.value ->> 'label' AS label, c.value ->> 'type' AS type
    FROM dataset_resources r JOIN datasets d ON d.id = r.dataset_id, ${jsonElements(sql`r.columns`, 'c')}
    WHERE ${where} ORDER BY r.dataset_id, r.position, r.id, c.key`)) {
    const name = c.label?.trim() || c.name;
    if (!name) continue;
    const list = items.get(c.datasetId) ?? [];
    list.push({ name, type: c.type ?? 'text' });
    items.set(c.datasetId, list);
  }
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    departmentId: r.departmentId,
    slug: r.slug,
    title: r.title,
    description: r.description,
    resourceCategory: r.resourceCategory,
    categoryCode: r.categoryCode,
    resourceCode: r.resourceCode,
    departmentName: r.departmentName,
    departmentCode: r.departmentCode,
    formats: formats.get(r.id) ?? [],
    infoItems: items.get(r.id) ?? [],
    sharing: r.sharing,
    sharingConditions: r.sharingConditions,
    sharingMethod: r.sharingMethod,
    accessLevel: r.accessLevel,
    openConditions: r.openConditions,
    updateFrequency: r.updateFrequency,
    publishedAt: r.publishedAt === null ? null : new Date(r.publishedAt),
    relatedCodes: parseCodes(r.relatedCodes),
  }));
}

/**
 * What an import is planned against: the departments, the datasets in scope as they are now and
 * the key (code, slug, department) of every dataset. With `derived`, also the platform's own
 * columns (formats, 信息项, publication day) as the export writes them, for the preview's notes;
 * the confirmation does without them.
 */
export async function readCatalogueState(scope: CatalogueScope, options: { derived: boolean; timeZone: string }): Promise<CatalogueState> {
  const departments = await selectRows<{ id: number; name: string; code: string | null }>(sql`SELECT id, name, code FROM departments ORDER BY id`);
  const index = await selectRows<{ id: number; slug: string; departmentId: number; resourceCode: string | null }>(sql`SELECT id, slug, department_id AS "departmentId", resource_code AS "resourceCode" FROM datasets`);
  let datasets: CurrentDataset[];
  if (options.derived) {
    datasets = (await listCatalogue(scope)).map((r) => ({
      ...editable(r),
      id: r.id,
      slug: r.slug,
      departmentId: r.departmentId,
      status: r.status,
      derived: { formats: formatsText(r.formats), infoItems: infoItemsText(r.infoItems), publishedOn: publishedOnText(r.publishedAt, options.timeZone) },
    }));
  } else {
    datasets = (await selectRows<DatasetRowSql>(sql`
        SELECT d.id, d.slug, d.title, d.description, d.status, d.department_id AS "departmentId",
               d.resource_category AS "resourceCategory", d.category_code AS "categoryCode", d.resource_code AS "resourceCode", d.related_codes AS "relatedCodes",
               d.access_level AS "accessLevel", d.sharing, d.open_conditions AS "openConditions", d.sharing_conditions AS "sharingConditions",
               d.sharing_method AS "sharingMethod", d.update_frequency AS "updateFrequency", d.sample_rows AS "sampleRows"
        FROM datasets d WHERE ${scopeWhere(scope)}`))
      .map((r) => ({ ...editable({ ...r, relatedCodes: parseCodes(r.relatedCodes) }), id: r.id, slug: r.slug, departmentId: r.departmentId, status: r.status, sampleRows: r.sampleRows }));
  }
  return { departments, datasets, index };
}

function editable(r: Omit<EditableValues, 'relatedCodes'> & { relatedCodes: readonly string[] }): EditableValues {
  return {
    title: r.title,
    resourceCode: r.resourceCode,
    resourceCategory: r.resourceCategory,
    categoryCode: r.categoryCode,
    description: r.description,
    sharing: r.sharing,
    sharingConditions: r.sharingConditions,
    sharingMethod: r.sharingMethod,
    accessLevel: r.accessLevel,
    openConditions: r.openConditions,
    updateFrequency: r.updateFrequency,
    relatedCodes: [...r.relatedCodes],
  };
}

/** A department's name and slug (for the export's file name). */
export async function catalogueDepartment(id: number): Promise<{ name: string; slug: string } | undefined> {
  return await selectRow<{ name: string; slug: string } | undefined>(sql`SELECT name, slug FROM departments WHERE id = ${id}`);
}

export async function catalogueDepartmentBySlug(slug: string): Promise<{ id: number; name: string } | undefined> {
  return await selectRow<{ id: number; name: string } | undefined>(sql`SELECT id, name FROM departments WHERE slug = ${slug}`);
}

export interface CatalogueDraft extends EditableValues {
  departmentId: number;
}

/** Drafts written per INSERT: 15 values each, under SQLite's and PostgreSQL's limits on parameters. */
const DRAFT_BATCH = 500;

/**
 * Creates the new drafts of a catalogue import with everything the sheet says (the dataset model's
 * createDataset, then its access and catalogue setters, write the same row in three steps; a sheet
 * of 10,000 new rows is written in a few multi-row statements instead). Runs in the caller's
 * transaction; answers each draft's id and slug, or undefined when the viewer may not manage a
 * department.
 */
export async function createCatalogueDrafts(viewer: Viewer, drafts: readonly CatalogueDraft[], suggestSlug: (title: string) => string): Promise<{ id: number; slug: string }[] | undefined> {
  if (drafts.some((d) => !canManageDepartment(viewer, d.departmentId))) return undefined;
  const db = getDb();
  const created: { id: number; slug: string }[] = [];
  for (let start = 0; start < drafts.length; start += DRAFT_BATCH) {
    const batch = drafts.slice(start, start + DRAFT_BATCH);
    const slugs = await freeSlugs(batch.map((d) => d.title), suggestSlug);
    const rows = await db
      .insert(datasets)
      .values(
        batch.map((d, i) => ({
          slug: slugs[i]!,
          title: d.title,
          description: d.description,
          departmentId: d.departmentId,
          updateFrequency: d.updateFrequency,
          accessLevel: d.accessLevel,
          sharing: d.sharing,
          openConditions: d.openConditions,
          sharingConditions: d.sharingConditions,
          sharingMethod: d.sharingMethod,
          resourceCategory: d.resourceCategory,
          categoryCode: d.categoryCode,
          resourceCode: d.resourceCode,
          relatedCodes: [...d.relatedCodes],
          createdBy: viewer.id,
        })),
      )
      .returning({ id: datasets.id, slug: datasets.slug });
    // RETURNING answers in the order of VALUES; matched by slug all the same, as slugs are unique.
    const bySlug = new Map(rows.map((r) => [r.slug, r.id]));
    created.push(...slugs.map((slug) => ({ id: bySlug.get(slug)!, slug })));
  }
  return created;
}

/** A slug for each title that no dataset and no other title of the batch has: one query per round of proposals. */
async function freeSlugs(titles: readonly string[], suggestSlug: (title: string) => string): Promise<string[]> {
  const slugs: (string | undefined)[] = titles.map(() => undefined);
  const chosen = new Set<string>();
  let pending = titles.map((_, i) => i);
  while (pending.length > 0) {
    const proposed = pending.map((i) => suggestSlug(titles[i]!));
    const taken = new Set((await getDb().select({ slug: datasets.slug }).from(datasets).where(inArray(datasets.slug, proposed))).map((r) => r.slug));
    const again: number[] = [];
    pending.forEach((i, k) => {
      const slug = proposed[k]!;
      if (taken.has(slug) || chosen.has(slug)) again.push(i);
      else {
        chosen.add(slug);
        slugs[i] = slug;
      }
    });
    pending = again;
  }
  return slugs as string[];
}
