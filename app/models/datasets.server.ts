/**
 * Datasets as the public and officials see them. Only published datasets are public; drafts and
 * retired ones are visible to the owning department's officials and admins. Publishing happens in
 * one place, `publishDataset`, so the privacy gate has one place to hook in.
 */
import { containsPattern } from '~/lib/like-pattern';
import { and, asc, desc, eq, exists, inArray, isNotNull, ne, or, sql, type SQL } from 'drizzle-orm';
import type { AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { engine, getDb } from '../../db/client';
import { inserted, selectRows } from './rows.server';
import { transaction } from './transaction.server';
import {
  datasetResources,
  datasets,
  datasetTags,
  datasetThemes,
  departments,
  joinOverlaps,
  resourceImports,
  type DatastoreColumn,
  type KeyColumn,
  type Licence,
  type UpdateFrequency,
} from '../../db/tables';
import { blockingColumns } from './privacy.server';
import { canManageDepartment, canSeeDataset, managedDepartmentScope, rowAccess, type RowAccess, type Viewer } from '~/lib/access';
import { DATASET_THEMES, type AccessLevel, type DatasetTheme, type ResourceCategory, type SharingLevel, type SharingMethod } from '~/lib/vocabulary';
import { activeGrantHolders } from './access-grants.server';
import type { DatasetSort } from '~/lib/validation/dataset';
import { fqInstant, type FqNode } from '~/lib/ckan-fq';
import { countOverlap, indexDatastoreColumn, queryDatastore, type DatastoreRow } from './datastore.server';
import { jsonElements, likeText, timeValue } from './dialect.server';

export type DatasetRow = typeof datasets.$inferSelect;

/** Published and listed for the public: open or conditional (closed data is never listed publicly). */
export const publiclyListed = (): SQL => and(eq(datasets.status, 'published'), ne(datasets.accessLevel, 'closed')) as SQL;
/** A resource that shows with its dataset: a served table, or a link. Pending and held-back uploads do not. */
const listedResource = (): SQL => or(and(eq(datasetResources.importStatus, 'ready'), isNotNull(datasetResources.tableName)), isNotNull(datasetResources.linkUrl)) as SQL;
/** The format CKAN reports for a resource: a table's file format, or the format a link was declared with. */
const resourceFormat = sql`(case when ${datasetResources.linkUrl} is not null then ${datasetResources.linkFormat} else ${datasetResources.format} end)`;
/** Published and open: rows anyone may read (maps, joins, 一张图 draw only from these). */
export const publiclyReadable = (): SQL => and(eq(datasets.status, 'published'), eq(datasets.accessLevel, 'open')) as SQL;

export interface DatasetSummary {
  id: number;
  slug: string;
  title: string;
  description: string;
  status: DatasetRow['status'];
  accessLevel: AccessLevel;
  sharing: SharingLevel;
  licence: DatasetRow['licence'];
  publishedAt: Date | null;
  updatedAt: Date;
  departmentId: number;
  departmentSlug: string;
  departmentName: string;
  tags: string[];
  formats: string[];
  /** 主题分类 (CKAN groups). */
  themes: DatasetTheme[];
}

const summaryColumns = {
  id: datasets.id,
  slug: datasets.slug,
  title: datasets.title,
  description: datasets.description,
  status: datasets.status,
  accessLevel: datasets.accessLevel,
  sharing: datasets.sharing,
  licence: datasets.licence,
  publishedAt: datasets.publishedAt,
  updatedAt: datasets.updatedAt,
  departmentId: datasets.departmentId,
  departmentSlug: departments.slug,
  departmentName: departments.name,
};

/** Adds tags, themes and resource formats with three queries for the whole page, not three per dataset. */
async function withTagsAndFormats(rows: Omit<DatasetSummary, 'tags' | 'formats' | 'themes'>[]): Promise<DatasetSummary[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const db = getDb();
  const tags = await db.select().from(datasetTags).where(inArray(datasetTags.datasetId, ids)).orderBy(asc(datasetTags.tag));
  const themes = await db.select().from(datasetThemes).where(inArray(datasetThemes.datasetId, ids));
  const formats = await db
    .selectDistinct({ datasetId: datasetResources.datasetId, format: datasetResources.format })
    .from(datasetResources)
    .where(and(inArray(datasetResources.datasetId, ids), eq(datasetResources.importStatus, 'ready')));
  return rows.map((row) => ({
    ...row,
    tags: tags.filter((t) => t.datasetId === row.id).map((t) => t.tag),
    themes: themes.filter((t) => t.datasetId === row.id).map((t) => t.theme).sort((a, b) => DATASET_THEMES.indexOf(a) - DATASET_THEMES.indexOf(b)),
    formats: [...new Set(formats.filter((f) => f.datasetId === row.id).map((f) => f.format))].sort(),
  }));
}

export { DATASET_SORTS, type DatasetSort } from '~/lib/validation/dataset';

export interface DatasetSearch {
  q?: string;
  department?: string;
  tag?: string;
  theme?: DatasetTheme;
  format?: string;
  licence?: string;
  /** 开放属性: only datasets at this level. */
  access?: AccessLevel;
  /**
   * The official searching: their list also holds closed datasets other departments share with
   * them (unconditionally or on condition) and their own department's. Everyone else sees the
   * public list.
   */
  viewer?: Viewer | null;
  /** CKAN include_private: also this department's drafts ('all': every department's), never retired ones. */
  includeDraftsOf?: number | 'all' | null;
  /** CKAN sort keys, overriding `sort`. */
  ckanSort?: { field: CkanSortField; descending: boolean }[];
  /** A CKAN filter tree (app/lib/ckan-fq.ts) over FQ_FIELDS, values already in our vocabulary. */
  fq?: FqNode | null;
  /** 'name' (the slug) is CKAN's package_list order; the others are the list page's. */
  sort?: DatasetSort | 'name';
  limit?: number;
  offset?: number;
}

function searchConditions(search: DatasetSearch): SQL[] {
  const viewer = search.viewer;
  const official = viewer?.role === 'official' && viewer.departmentId !== null ? viewer.departmentId : null;
  const visible =
    official === null
      ? publiclyListed()
      : (and(eq(datasets.status, 'published'), or(ne(datasets.accessLevel, 'closed'), ne(datasets.sharing, 'not_shared'), eq(datasets.departmentId, official))) as SQL);
  const drafts = search.includeDraftsOf;
  const conditions: SQL[] = [
    drafts === undefined || drafts === null ? visible : (or(visible, and(eq(datasets.status, 'draft'), drafts === 'all' ? undefined : eq(datasets.departmentId, drafts))) as SQL),
  ];
  if (search.access) conditions.push(eq(datasets.accessLevel, search.access));
  const q = search.q?.trim();
  if (q) {
    const pattern = containsPattern(q);
    const likeEscaped = (column: AnySQLiteColumn) => likeText(column, pattern);
    conditions.push(
      // As CKAN's q: the name, title, notes, tags, organization and resource names.
      or(
        likeEscaped(datasets.title),
        likeEscaped(datasets.description),
        likeEscaped(datasets.slug),
        likeEscaped(departments.name),
        exists(getDb().select({ one: sql`1` }).from(datasetTags).where(and(eq(datasetTags.datasetId, datasets.id), likeEscaped(datasetTags.tag)))),
        // Only resources anyone may see listed: a pending or held-back upload's name stays the department's.
        exists(
          getDb()
            .select({ one: sql`1` })
            .from(datasetResources)
            .where(and(eq(datasetResources.datasetId, datasets.id), listedResource(), likeEscaped(datasetResources.name))),
        ),
      ) as SQL,
    );
  }
  if (search.department) conditions.push(eq(departments.slug, search.department));
  if (search.fq) conditions.push(fqCondition(search.fq, new Date()));
  if (search.licence) conditions.push(eq(datasets.licence, search.licence as Licence));
  if (search.theme) conditions.push(hasTheme(search.theme));
  if (search.tag) {
    conditions.push(exists(getDb().select({ one: sql`1` }).from(datasetTags).where(and(eq(datasetTags.datasetId, datasets.id), eq(datasetTags.tag, search.tag)))));
  }
  if (search.format) {
    conditions.push(
      exists(
        getDb()
          .select({ one: sql`1` })
          .from(datasetResources)
          .where(and(eq(datasetResources.datasetId, datasets.id), sql`${datasetResources.format} = ${search.format}`, eq(datasetResources.importStatus, 'ready'))),
      ),
    );
  }
  return conditions;
}

function hasTheme(theme: string): SQL {
  return exists(getDb().select({ one: sql`1` }).from(datasetThemes).where(and(eq(datasetThemes.datasetId, datasets.id), sql`${datasetThemes.theme} = ${theme}`)));
}

/** The fields a CKAN `fq` may filter on. */
export const FQ_FIELDS = ['id', 'name', 'organization', 'owner_org', 'groups', 'tags', 'res_format', 'license_id', 'access_level', 'metadata_modified', 'metadata_created'] as const;

function exactCondition(field: string, value: string): SQL {
  const db = getDb();
  switch (field) {
    case 'id':
      return eq(datasets.uuid, value.toLowerCase());
    case 'name':
      return eq(datasets.slug, value);
    case 'organization':
    case 'owner_org':
      return or(eq(departments.slug, value), eq(departments.uuid, value.toLowerCase())) as SQL;
    case 'groups':
      return hasTheme(value);
    case 'tags':
      return exists(db.select({ one: sql`1` }).from(datasetTags).where(and(eq(datasetTags.datasetId, datasets.id), eq(datasetTags.tag, value))));
    case 'res_format':
      return exists(
        db
          .select({ one: sql`1` })
          .from(datasetResources)
          .where(and(eq(datasetResources.datasetId, datasets.id), listedResource(), sql`upper(${resourceFormat}) = ${value.toUpperCase()}`)),
      );
    case 'license_id':
      return sql`${datasets.licence} = ${value}`;
    case 'access_level':
      return sql`${datasets.accessLevel} = ${value}`;
    default:
      // Dates are filtered by range only; an exact instant matches nothing.
      return sql`1 = 0`;
  }
}

/** A CKAN filter tree as a condition on datasets (joined with departments). */
export function fqCondition(node: FqNode, now: Date): SQL {
  switch (node.kind) {
    case 'term':
      return exactCondition(node.field, node.value);
    case 'range': {
      const column = node.field === 'metadata_created' ? datasets.createdAt : node.field === 'metadata_modified' ? datasets.updatedAt : null;
      if (!column) return sql`1 = 0`;
      const from = node.from === null ? undefined : fqInstant(node.from, now);
      const to = node.to === null ? undefined : fqInstant(node.to, now);
      return and(from ? sql`${column} >= ${timeValue(from)}` : undefined, to ? sql`${column} <= ${timeValue(to)}` : undefined) ?? sql`1 = 1`;
    }
    case 'and':
      return and(...node.children.map((child) => fqCondition(child, now))) as SQL;
    case 'or':
      return or(...node.children.map((child) => fqCondition(child, now))) as SQL;
    case 'not':
      return sql`not (${fqCondition(node.child, now)})`;
  }
}

/** The keys CKAN's package_search sorts by (score: no relevance here, so the next key decides). */
export const CKAN_SORT_FIELDS = ['id', 'name', 'title', 'metadata_modified', 'metadata_created', 'score'] as const;
export type CkanSortField = (typeof CKAN_SORT_FIELDS)[number];

function ckanOrder(keys: readonly { field: CkanSortField; descending: boolean }[]): SQL[] {
  const columns = { id: datasets.uuid, name: datasets.slug, title: datasets.title, metadata_modified: datasets.updatedAt, metadata_created: datasets.createdAt } as const;
  const order = keys.flatMap((k) => (k.field === 'score' ? [] : [k.descending ? desc(columns[k.field]) : asc(columns[k.field])]));
  // A stable last key, so pages never overlap.
  return [...order, asc(datasets.id)];
}

/**
 * How many of the datasets matching a search fall under each value of a CKAN facet field, the
 * `limit` largest first: organizations, tags, formats, licences and 开放属性.
 */
export async function searchFacetCounts(search: DatasetSearch, field: 'organization' | 'groups' | 'tags' | 'res_format' | 'license_id' | 'access_level', limit: number): Promise<{ name: string; displayName: string; count: number }[]> {
  const where = and(...searchConditions(search));
  const db = getDb();
  const count = sql<number>`count(distinct ${datasets.id})`;
  switch (field) {
    case 'organization':
      return await db
        .select({ name: departments.slug, displayName: departments.name, count })
        .from(datasets)
        .innerJoin(departments, eq(datasets.departmentId, departments.id))
        .where(where)
        .groupBy(departments.id)
        .orderBy(desc(count), asc(departments.slug))
        .limit(limit);
    case 'groups':
      return await db
        .select({ name: datasetThemes.theme, displayName: datasetThemes.theme, count })
        .from(datasets)
        .innerJoin(departments, eq(datasets.departmentId, departments.id))
        .innerJoin(datasetThemes, eq(datasetThemes.datasetId, datasets.id))
        .where(where)
        .groupBy(datasetThemes.theme)
        .orderBy(desc(count), asc(datasetThemes.theme))
        .limit(limit);
    case 'tags':
      return await db
        .select({ name: datasetTags.tag, displayName: datasetTags.tag, count })
        .from(datasets)
        .innerJoin(departments, eq(datasets.departmentId, departments.id))
        .innerJoin(datasetTags, eq(datasetTags.datasetId, datasets.id))
        .where(where)
        .groupBy(datasetTags.tag)
        .orderBy(desc(count), asc(datasetTags.tag))
        .limit(limit);
    case 'res_format':
      return await db
        .select({ name: sql<string>`upper(${resourceFormat})`, displayName: sql<string>`upper(${resourceFormat})`, count })
        .from(datasets)
        .innerJoin(departments, eq(datasets.departmentId, departments.id))
        .innerJoin(datasetResources, and(eq(datasetResources.datasetId, datasets.id), listedResource(), sql`${resourceFormat} <> ''`))
        .where(where)
        .groupBy(sql`upper(${resourceFormat})`)
        .orderBy(desc(count), asc(sql`upper(${resourceFormat})`))
        .limit(limit);
    case 'license_id':
      return await db
        .select({ name: datasets.licence, displayName: datasets.licence, count })
        .from(datasets)
        .innerJoin(departments, eq(datasets.departmentId, departments.id))
        .where(where)
        .groupBy(datasets.licence)
        .orderBy(desc(count), asc(datasets.licence))
        .limit(limit);
    case 'access_level':
      return await db
        .select({ name: datasets.accessLevel, displayName: datasets.accessLevel, count })
        .from(datasets)
        .innerJoin(departments, eq(datasets.departmentId, departments.id))
        .where(where)
        .groupBy(datasets.accessLevel)
        .orderBy(desc(count), asc(datasets.accessLevel))
        .limit(limit);
  }
}

const ORDER: Record<DatasetSort | 'name', SQL[]> = {
  name: [asc(datasets.slug)],
  recent: [desc(datasets.publishedAt), desc(datasets.id)],
  updated: [desc(datasets.updatedAt), desc(datasets.id)],
  title: [asc(datasets.title), asc(datasets.id)],
};

/** Published datasets matching a search, one page of them, and how many match in all. */
export async function searchPublishedDatasets(search: DatasetSearch = {}): Promise<{ datasets: DatasetSummary[]; total: number }> {
  const where = and(...searchConditions(search));
  const db = getDb();
  const rows = await db
    .select(summaryColumns)
    .from(datasets)
    .innerJoin(departments, eq(datasets.departmentId, departments.id))
    .where(where)
    .orderBy(...(search.ckanSort?.length ? ckanOrder(search.ckanSort) : ORDER[search.sort ?? 'recent']))
    .limit(search.limit ?? 1000)
    .offset(search.offset ?? 0);
  const total = (await db.select({ n: sql<number>`count(*)` }).from(datasets).innerJoin(departments, eq(datasets.departmentId, departments.id)).where(where).limit(1))[0]?.n ?? 0;
  return { datasets: await withTagsAndFormats(rows), total };
}

/**
 * One page of the catalogue for DCAT: each published dataset with the fields the catalogue shows
 * and its served resources, in three queries whatever the page size.
 */
export async function listCatalogPage(window: { limit: number; offset: number }) {
  const { datasets: page, total } = await searchPublishedDatasets({ sort: 'updated', ...window });
  const ids = page.map((d) => d.id);
  if (ids.length === 0) return { datasets: [], total };
  const db = getDb();
  const details = new Map(
    (await db
      .select({ id: datasets.id, updateFrequency: datasets.updateFrequency, contactName: datasets.contactName, contactEmail: datasets.contactEmail })
      .from(datasets)
      .where(inArray(datasets.id, ids)))
      .map((d) => [d.id, d]),
  );
  const resources = await db
    .select({ id: datasetResources.id, datasetId: datasetResources.datasetId, name: datasetResources.name })
    .from(datasetResources)
    .where(and(inArray(datasetResources.datasetId, ids), listedResource()))
    .orderBy(asc(datasetResources.position), asc(datasetResources.id));
  return {
    total,
    datasets: page.map((d) => {
      const detail = details.get(d.id);
      return {
        ...d,
        updateFrequency: detail?.updateFrequency ?? 'irregular',
        contactName: detail?.contactName ?? '',
        contactEmail: detail?.contactEmail ?? '',
        resources: resources.filter((r) => r.datasetId === d.id).map((r) => ({ id: r.id, name: r.name })),
      };
    }),
  };
}

export async function listPublishedDatasets(options: { limit?: number } = {}): Promise<DatasetSummary[]> {
  return (await searchPublishedDatasets({ limit: options.limit })).datasets;
}

export async function countPublishedDatasets(): Promise<number> {
  return (await getDb().select({ n: sql<number>`count(*)` }).from(datasets).where(publiclyListed()).limit(1))[0]?.n ?? 0;
}

/** What the filters of the dataset list can offer, with counts over published datasets. */
export async function datasetFacets() {
  const db = getDb();
  const published = publiclyListed();
  return {
    accessLevels: await db
      .select({ level: datasets.accessLevel, count: sql<number>`count(*)` })
      .from(datasets)
      .where(published)
      .groupBy(datasets.accessLevel),
    themes: [...await themeCounts()].map(([theme, count]) => ({ theme, count })).sort((a, b) => DATASET_THEMES.indexOf(a.theme) - DATASET_THEMES.indexOf(b.theme)),
    departments: await db
      .select({ slug: departments.slug, name: departments.name, count: sql<number>`count(*)` })
      .from(datasets)
      .innerJoin(departments, eq(datasets.departmentId, departments.id))
      .where(published)
      .groupBy(departments.id)
      .orderBy(asc(departments.id)),
    tags: await db
      .select({ tag: datasetTags.tag, count: sql<number>`count(*)` })
      .from(datasetTags)
      .innerJoin(datasets, eq(datasetTags.datasetId, datasets.id))
      .where(published)
      .groupBy(datasetTags.tag)
      .orderBy(desc(sql`count(*)`), asc(datasetTags.tag))
      .limit(30),
    formats: (await db
      .selectDistinct({ format: datasetResources.format })
      .from(datasetResources)
      .innerJoin(datasets, eq(datasetResources.datasetId, datasets.id))
      .where(and(published, eq(datasetResources.importStatus, 'ready')))
      .orderBy(asc(datasetResources.format)))
      .map((r) => r.format),
    licences: (await db
      .selectDistinct({ licence: datasets.licence })
      .from(datasets)
      .where(published)
      .orderBy(asc(datasets.licence)))
      .map((r) => r.licence),
  };
}

/** One page of a department's datasets (all departments for admins), latest change first. */
export async function listDatasetsForManager(viewer: Viewer, window: { limit: number; offset: number }): Promise<{ datasets: DatasetSummary[]; total: number }> {
  const scope = managedDepartmentScope(viewer);
  if (scope === null) return { datasets: [], total: 0 };
  const where = scope === 'all' ? undefined : eq(datasets.departmentId, scope);
  const db = getDb();
  const rows = await db
    .select(summaryColumns)
    .from(datasets)
    .innerJoin(departments, eq(datasets.departmentId, departments.id))
    .where(where)
    .orderBy(desc(datasets.updatedAt), desc(datasets.id))
    .limit(window.limit)
    .offset(window.offset);
  const total = Number((await db.select({ n: sql<number>`count(*)` }).from(datasets).where(where).limit(1))[0]?.n ?? 0);
  return { datasets: await withTagsAndFormats(rows), total };
}

export interface ResourceView {
  id: number;
  /** The stable public id (CKAN's resource `id`). */
  uuid: string;
  name: string;
  description: string;
  format: string;
  byteSize: number;
  rowCount: number | null;
  columns: DatastoreColumn[];
  ready: boolean;
  importedAt: Date | null;
  /** SHA-256 of the file as uploaded (CKAN `hash`). */
  sha256: string | null;
  /** Whether the served table is the upload as it came: no de-identification changed it. */
  servedIsUpload: boolean;
  /** A link resource's address (never imported); null for uploaded tables. */
  linkUrl: string | null;
  linkFormat: string;
  /** The first rows: for readers of the rows, or a conditional dataset's public sample. */
  preview: DatastoreRow[];
}

export interface DatasetDetail extends DatasetSummary {
  /** The stable public id (CKAN's package `id`). */
  uuid: string;
  updateFrequency: UpdateFrequency;
  contactName: string;
  contactEmail: string;
  keyColumns: KeyColumn[];
  createdAt: Date;
  canManage: boolean;
  /** How this viewer may read the rows (none: a conditional dataset without a grant). */
  rows: RowAccess;
  openConditions: string;
  sharingConditions: string;
  sharingMethod: SharingMethod;
  sampleRows: number;
  resourceCategory: ResourceCategory;
  categoryCode: string;
  resourceCode: string | null;
  relatedCodes: string[];
  sourceUrl: string;
  version: string;
  authorName: string;
  extras: { key: string; value: string }[];
  resources: ResourceView[];
}

async function loadDataset(where: SQL) {
  return (await getDb()
    .select({ dataset: datasets, departmentSlug: departments.slug, departmentName: departments.name })
    .from(datasets)
    .innerJoin(departments, eq(datasets.departmentId, departments.id))
    .where(where).limit(1))[0];
}

/** A dataset as this viewer may see it, or undefined when it does not exist for them. */
export async function getDatasetForViewer(args: { slug: string; viewer: Viewer | null; previewRows?: number }): Promise<DatasetDetail | undefined> {
  const row = await loadDataset(eq(datasets.slug, args.slug));
  if (!row) return undefined;
  const d = row.dataset;
  const canManage = canManageDepartment(args.viewer, d.departmentId);
  if (!canSeeDataset(d, args.viewer)) return undefined;
  const rows = rowAccess(d, args.viewer, args.viewer ? await activeGrantHolders(d.id, args.viewer, new Date()) : []);
  // Readers of the rows see the first rows; others of a conditional dataset its sample, if any.
  const previewRows = rows !== 'none' ? (args.previewRows ?? 0) : d.accessLevel === 'conditional' && (args.previewRows ?? 0) > 0 ? d.sampleRows : 0;

  const resources = await Promise.all((await getDb()
    .select()
    .from(datasetResources)
    .where(eq(datasetResources.datasetId, d.id))
    .orderBy(asc(datasetResources.position), asc(datasetResources.id)))
    .filter((r) => canManage || (r.importStatus === 'ready' && r.tableName) || r.linkUrl !== null)
    .map(
      async (r): Promise<ResourceView> => ({
        id: r.id,
        uuid: r.uuid ?? String(r.id),

        name: r.name,
        description: r.description,
        format: r.format,
        byteSize: r.byteSize,
        rowCount: r.rowCount,
        columns: r.columns,
        ready: r.importStatus === 'ready' && Boolean(r.tableName),
        importedAt: r.importedAt,
        sha256: r.sha256,
        servedIsUpload: r.tableName !== null && r.tableName === r.rawTableName,
        linkUrl: r.linkUrl,
        linkFormat: r.linkFormat,
        preview:
          r.importStatus === 'ready' && r.tableName && previewRows > 0
            ? (await queryDatastore(r.tableName, r.columns, { filters: [], sort: [], q: '', limit: previewRows, offset: 0 }, r.rowCount ?? 0)).rows
            : [],
      }),
    ));
  const [summary] = await withTagsAndFormats([

    {
      id: d.id,
      slug: d.slug,
      title: d.title,
      description: d.description,
      status: d.status,
      accessLevel: d.accessLevel,
      sharing: d.sharing,
      licence: d.licence,
      publishedAt: d.publishedAt,
      updatedAt: d.updatedAt,
      departmentId: d.departmentId,
      departmentSlug: row.departmentSlug,
      departmentName: row.departmentName,
    },
  ]);
  if (!summary) return undefined;
  return {
    ...summary,
    uuid: d.uuid ?? String(d.id),
    updateFrequency: d.updateFrequency,
    contactName: d.contactName,
    contactEmail: d.contactEmail,
    keyColumns: d.keyColumns,
    createdAt: d.createdAt,
    canManage,
    rows,
    openConditions: d.openConditions,
    sharingConditions: d.sharingConditions,
    sharingMethod: d.sharingMethod,
    sampleRows: d.sampleRows,
    resourceCategory: d.resourceCategory,
    categoryCode: d.categoryCode,
    resourceCode: d.resourceCode,
    relatedCodes: d.relatedCodes,
    sourceUrl: d.sourceUrl,
    version: d.version,
    authorName: d.authorName,
    extras: d.extras,
    resources,
  };
}

export async function getDatasetSlugById(id: number): Promise<string | undefined> {
  return (await getDb().select({ slug: datasets.slug }).from(datasets).where(eq(datasets.id, id)).limit(1))[0]?.slug;
}

export async function getDatasetSlugByUuid(uuid: string): Promise<string | undefined> {
  return (await getDb().select({ slug: datasets.slug }).from(datasets).where(eq(datasets.uuid, uuid)).limit(1))[0]?.slug;
}

/** A dataset the viewer may edit (their department's, or any for admins). */
export async function getManagedDataset(slug: string, viewer: Viewer) {
  const row = await loadDataset(eq(datasets.slug, slug));
  if (!row || !canManageDepartment(viewer, row.dataset.departmentId)) return undefined;
  const tags = await getDb().select({ tag: datasetTags.tag }).from(datasetTags).where(eq(datasetTags.datasetId, row.dataset.id)).orderBy(asc(datasetTags.tag));
  return { ...row.dataset, departmentName: row.departmentName, departmentSlug: row.departmentSlug, tags: tags.map((t) => t.tag), themes: await themesOf(row.dataset.id) };
}

export interface DatasetInput {
  title: string;
  slug: string;
  description: string;
  licence: Licence;
  updateFrequency: UpdateFrequency;
  tags: string[];
  contactName: string;
  contactEmail: string;
  keyColumns?: KeyColumn[];
  /** Left as they are when absent (the web form and CKAN clients set different subsets). */
  themes?: DatasetTheme[];
  sourceUrl?: string;
  version?: string;
  authorName?: string;
  extras?: { key: string; value: string }[];
}

/** The optional CKAN-side fields of an input, as columns to set. */
function optionalColumns(input: DatasetInput) {
  return {
    ...(input.sourceUrl === undefined ? {} : { sourceUrl: input.sourceUrl }),
    ...(input.version === undefined ? {} : { version: input.version }),
    ...(input.authorName === undefined ? {} : { authorName: input.authorName }),
    ...(input.extras === undefined ? {} : { extras: input.extras }),
  };
}

export class SlugTakenError extends Error {
  constructor() {
    super('slug taken');
  }
}

export async function isSlugTaken(slug: string, exceptId?: number): Promise<boolean> {
  return Boolean(
    (await getDb()
      .select({ id: datasets.id })
      .from(datasets)
      .where(and(eq(datasets.slug, slug), exceptId === undefined ? undefined : ne(datasets.id, exceptId))).limit(1))[0],
  );
}

async function replaceTags(datasetId: number, tags: readonly string[]): Promise<void> {
  const db = getDb();
  await db.delete(datasetTags).where(eq(datasetTags.datasetId, datasetId));
  for (const tag of new Set(tags)) await db.insert(datasetTags).values({ datasetId, tag });
}

async function replaceThemes(datasetId: number, themes: readonly DatasetTheme[] | undefined): Promise<void> {
  if (themes === undefined) return;
  const db = getDb();
  await db.delete(datasetThemes).where(eq(datasetThemes.datasetId, datasetId));
  for (const theme of new Set(themes)) await db.insert(datasetThemes).values({ datasetId, theme });
}

/** A dataset's themes, in the vocabulary's order. */
export async function themesOf(datasetId: number): Promise<DatasetTheme[]> {
  const rows = await getDb().select({ theme: datasetThemes.theme }).from(datasetThemes).where(eq(datasetThemes.datasetId, datasetId));
  return DATASET_THEMES.filter((theme) => rows.some((r) => r.theme === theme));
}

/** Creates a draft in the viewer's department (admins name the department). */
export async function createDataset(viewer: Viewer, input: DatasetInput, departmentId: number): Promise<{ id: number; slug: string } | undefined> {
  if (!canManageDepartment(viewer, departmentId)) return undefined;
  if (await isSlugTaken(input.slug)) throw new SlugTakenError();
  return await transaction(async () => {
    const row = inserted(await getDb()
      .insert(datasets)
      .values({
        slug: input.slug,
        title: input.title,
        description: input.description,
        departmentId,
        licence: input.licence,
        updateFrequency: input.updateFrequency,
        contactName: input.contactName,
        contactEmail: input.contactEmail,
        keyColumns: input.keyColumns ?? [],
        ...optionalColumns(input),
        createdBy: viewer.id,
      })
      .returning({ id: datasets.id, slug: datasets.slug }));
    await replaceTags(row.id, input.tags);
    await replaceThemes(row.id, input.themes);
    return row;
  });
}

/** Updates a dataset's description. The slug (its URL and CKAN name) can change only while it is a draft. */
export async function updateDataset(viewer: Viewer, datasetId: number, input: DatasetInput): Promise<{ slug: string } | undefined> {
  const current = (await getDb().select().from(datasets).where(eq(datasets.id, datasetId)).limit(1))[0];
  if (!current || !canManageDepartment(viewer, current.departmentId)) return undefined;
  const slug = current.status === 'draft' && input.slug ? input.slug : current.slug;
  if (slug !== current.slug && await isSlugTaken(slug, datasetId)) throw new SlugTakenError();
  await transaction(async () => {
    await getDb()
      .update(datasets)
      .set({
        slug,
        title: input.title,
        description: input.description,
        licence: input.licence,
        updateFrequency: input.updateFrequency,
        contactName: input.contactName,
        contactEmail: input.contactEmail,
        ...(input.keyColumns ? { keyColumns: input.keyColumns } : {}),
        ...optionalColumns(input),
        updatedAt: new Date(),
      })
      .where(eq(datasets.id, datasetId));
    await replaceTags(datasetId, input.tags);
    await replaceThemes(datasetId, input.themes);
  });
  if (input.keyColumns) await indexKeyColumns(datasetId, input.keyColumns);
  return { slug };
}

async function indexKeyColumns(datasetId: number, keys: readonly KeyColumn[]): Promise<void> {
  for (const resource of await getDb().select().from(datasetResources).where(eq(datasetResources.datasetId, datasetId))) {
    if (!resource.tableName) continue;
    for (const key of keys) {
      if (resource.columns.some((c) => c.name === key.column)) await indexDatastoreColumn(resource.tableName, key.column);
    }
  }
}

export type PublishProblem = 'noResources' | 'importsPending' | 'privacy';

export type PublishResult =
  | { ok: true }
  | { ok: false; problem: Exclude<PublishProblem, 'privacy'> }
  | { ok: false; problem: 'privacy'; blocking: { resourceId: number; resourceName: string; columns: string[] }[] };

/**
 * The one way a dataset becomes public (web form and CKAN API alike). The privacy gate is here:
 * while any resource has a flagged column nobody has decided about, nothing is published.
 */
export async function publishDataset(viewer: Viewer, datasetId: number): Promise<PublishResult | undefined> {
  const current = (await getDb().select().from(datasets).where(eq(datasets.id, datasetId)).limit(1))[0];
  if (!current || !canManageDepartment(viewer, current.departmentId)) return undefined;
  const resources = await getDb().select().from(datasetResources).where(eq(datasetResources.datasetId, datasetId));
  const blocking = await blockingColumns(datasetId);
  if (blocking.length > 0) return { ok: false, problem: 'privacy', blocking };
  const importing = resources.length
    ? (await getDb()
        .select({ id: resourceImports.id })
        .from(resourceImports)
        .where(and(inArray(resourceImports.resourceId, resources.map((r) => r.id)), inArray(resourceImports.status, ['queued', 'running']))).limit(1))[0]
    : undefined;
  if (importing) return { ok: false, problem: 'importsPending' };
  // A dataset needs something to offer: a served table, or a link to where the data is.
  if (!resources.some((r) => (r.importStatus === 'ready' && r.tableName) || r.linkUrl !== null)) return { ok: false, problem: 'noResources' };
  if (current.status === 'published') return { ok: true };
  const now = new Date();
  await getDb()
    .update(datasets)
    .set({ status: 'published', publishedAt: current.publishedAt ?? now, updatedAt: now })
    .where(eq(datasets.id, datasetId));
  return { ok: true };
}

/** Takes a dataset out of public view: back to draft, or retired (kept, marked as no longer maintained). */
export async function unpublishDataset(viewer: Viewer, datasetId: number, to: 'draft' | 'retired'): Promise<boolean> {
  const current = (await getDb().select().from(datasets).where(eq(datasets.id, datasetId)).limit(1))[0];
  if (!current || !canManageDepartment(viewer, current.departmentId)) return false;
  await getDb().update(datasets).set({ status: to, updatedAt: new Date() }).where(eq(datasets.id, datasetId));
  return true;
}

/** A dataset's slug (its URL name), for audit entries and redirects after a change. */
export async function datasetSlug(datasetId: number): Promise<string> {
  return (await getDb().select({ slug: datasets.slug }).from(datasets).where(eq(datasets.id, datasetId)).limit(1))[0]?.slug ?? '';
}

/** The key columns declared by the dataset a resource belongs to. */
export async function keyColumnsOfResource(resourceId: number): Promise<KeyColumn[]> {
  return (
    (await getDb()
      .select({ keys: datasets.keyColumns })
      .from(datasetResources)
      .innerJoin(datasets, eq(datasetResources.datasetId, datasets.id))
      .where(eq(datasetResources.id, resourceId)).limit(1))[0]?.keys ?? []
  );
}

export interface JoinableDataset {
  slug: string;
  title: string;
  departmentName: string;
  kind: KeyColumn['kind'];
  ownColumn: string;
  theirColumn: string;
  overlap: number;
  /** False while some table pair's overlap is still being counted (overlap is then a lower bound). */
  counted: boolean;
  /** The two served resources that share most key values: the pair a join preview starts from. */
  ownResourceId: number;
  theirResourceId: number;
}

/** A pair of served tables whose shared key values are counted. */
export interface JoinPair {
  own: { table: string; column: string };
  theirs: { table: string; column: string };
}

/** At most this many joinable datasets are listed on a dataset's page, those sharing most first. */
export const JOINABLE_SHOWN = 10;

/** The stored key of a pair: the smaller table name first (overlaps are symmetric). */
function pairKey(pair: JoinPair): { tableA: string; columnA: string; tableB: string; columnB: string } {
  const [a, b] = pair.own.table <= pair.theirs.table ? [pair.own, pair.theirs] : [pair.theirs, pair.own];
  return { tableA: a.table, columnA: a.column, tableB: b.table, columnB: b.column };
}

/**
 * Other published datasets that declare a key of the same kind as one of this dataset's, with how
 * many distinct key values the two share: the JOINABLE_SHOWN sharing most, how many there are in
 * all, and the table pairs whose overlap nobody has counted yet (the caller has them counted).
 */
export async function listJoinableDatasets(datasetId: number): Promise<{ shown: JoinableDataset[]; total: number; uncounted: JoinPair[] }> {
  const db = getDb();
  const self = (await db.select().from(datasets).where(eq(datasets.id, datasetId)).limit(1))[0];
  if (!self || self.keyColumns.length === 0) return { shown: [], total: 0, uncounted: [] };
  // Served tables of a dataset that hold the named column.
  const ownTables = (datasetId: number, column: string) =>
    selectRows<{ id: number; tableName: string }>(sql`SELECT r.id, r.table_name AS "tableName" FROM dataset_resources r
     WHERE r.dataset_id = ${datasetId} AND r.import_status = 'ready' AND r.table_name IS NOT NULL
       AND EXISTS (SELECT 1 FROM ${jsonElements(sql.raw('r.columns'), 'c')} WHERE c.value ->> 'name' = ${column})`);
  // Every served table of another published dataset whose key of this kind it holds, in one query.
  const candidates = (kind: string, exceptId: number) =>
    selectRows<{ id: number; slug: string; title: string; departmentName: string; theirColumn: string; resourceId: number; tableName: string }>(sql`
     SELECT d.id, d.slug, d.title, dep.name AS "departmentName", k.value ->> 'column' AS "theirColumn", r.id AS "resourceId", r.table_name AS "tableName"
     FROM datasets d
     JOIN departments dep ON dep.id = d.department_id
     JOIN ${jsonElements(sql.raw('d.key_columns'), 'k')} ON k.value ->> 'kind' = ${kind}
     JOIN dataset_resources r ON r.dataset_id = d.id AND r.import_status = 'ready' AND r.table_name IS NOT NULL
     WHERE d.status = 'published' AND d.access_level = 'open' AND d.id <> ${exceptId}
       AND EXISTS (SELECT 1 FROM ${jsonElements(sql.raw('r.columns'), 'c')} WHERE c.value ->> 'name' = k.value ->> 'column')`);
  const known = new Map<string, number>();
  const uncounted: JoinPair[] = [];
  const byDataset = new Map<string, JoinableDataset>();
  for (const mine of self.keyColumns) {
    const mineResources = await ownTables(self.id, mine.column);
    const mineTables = mineResources.map((r) => r.tableName);
    if (mineTables.length === 0) continue;
    for (const table of mineTables) {
      for (const row of await db.select().from(joinOverlaps).where(or(and(eq(joinOverlaps.tableA, table), eq(joinOverlaps.columnA, mine.column)), and(eq(joinOverlaps.tableB, table), eq(joinOverlaps.columnB, mine.column))))) {
        known.set(`${row.tableA}\u0000${row.columnA}\u0000${row.tableB}\u0000${row.columnB}`, row.overlap);
      }
    }
    for (const other of await candidates(mine.kind, self.id)) {
      const id = `${other.slug}\u0000${mine.kind}`;
      const first = mineResources[0] as { id: number };
      const entry = byDataset.get(id) ?? { slug: other.slug, title: other.title, departmentName: other.departmentName, kind: mine.kind, ownColumn: mine.column, theirColumn: other.theirColumn, overlap: 0, counted: true, ownResourceId: first.id, theirResourceId: other.resourceId };
      for (const own of mineResources) {
        const pair: JoinPair = { own: { table: own.tableName, column: mine.column }, theirs: { table: other.tableName, column: other.theirColumn } };
        const key = pairKey(pair);
        const overlap = known.get(`${key.tableA}\u0000${key.columnA}\u0000${key.tableB}\u0000${key.columnB}`);
        if (overlap === undefined) {
          uncounted.push(pair);
          entry.counted = false;
        } else if (overlap > entry.overlap) {
          entry.overlap = overlap;
          entry.ownResourceId = own.id;
          entry.theirResourceId = other.resourceId;
        }
      }
      byDataset.set(id, entry);
    }
  }
  const all = [...byDataset.values()].sort((a, b) => Number(b.counted) - Number(a.counted) || b.overlap - a.overlap || a.title.localeCompare(b.title));
  return { shown: all.slice(0, JOINABLE_SHOWN), total: all.length, uncounted };
}

/** Counts and stores the overlap of each pair not yet counted (heavy: run in a worker). */
export async function countJoinOverlaps(pairs: readonly JoinPair[]): Promise<number> {
  const db = getDb();
  let counted = 0;
  for (const pair of pairs) {
    const key = pairKey(pair);
    const overlap = await countOverlap({ table: key.tableA, column: key.columnA }, { table: key.tableB, column: key.columnB });
    await db.insert(joinOverlaps).values({ ...key, overlap }).onConflictDoUpdate({ target: [joinOverlaps.tableA, joinOverlaps.columnA, joinOverlaps.tableB, joinOverlaps.columnB], set: { overlap } });
    counted += 1;
  }
  return counted;
}

/** Column names across a dataset's imported tables, for choosing key columns. */
export async function datasetColumnNames(datasetId: number): Promise<string[]> {
  const names = new Set<string>();
  for (const r of await getDb().select({ columns: datasetResources.columns }).from(datasetResources).where(eq(datasetResources.datasetId, datasetId))) {
    for (const c of r.columns) names.add(c.name);
  }
  return [...names];
}

/** Publicly listed datasets by department, for pickers (challenge datasets, data-request answers, entries). */
export async function publishedDatasetOptions(): Promise<{ slug: string; title: string; departmentName: string; accessLevel: AccessLevel }[]> {
  return await getDb()
    .select({ slug: datasets.slug, title: datasets.title, departmentName: departments.name, accessLevel: datasets.accessLevel })
    .from(datasets)
    .innerJoin(departments, eq(datasets.departmentId, departments.id))
    .where(publiclyListed())
    .orderBy(asc(departments.id), asc(datasets.title));
}

/** What a notification about a dataset needs. */
export async function datasetForNotice(datasetId: number): Promise<{ id: number; slug: string; title: string; status: string } | undefined> {
  return (await getDb().select({ id: datasets.id, slug: datasets.slug, title: datasets.title, status: datasets.status }).from(datasets).where(eq(datasets.id, datasetId)).limit(1))[0];
}

export interface DatasetAccessInput {
  accessLevel: AccessLevel;
  sharing: SharingLevel;
  openConditions: string;
  sharingConditions: string;
  sharingMethod: SharingMethod;
  sampleRows: number;
}

export interface DatasetCatalogueInput {
  resourceCategory: ResourceCategory;
  categoryCode: string;
  /** 资源代码; null leaves the dataset without one. */
  resourceCode: string | null;
  relatedCodes: string[];
}

export class ResourceCodeTakenError extends Error {
  constructor() {
    super('resource code taken');
  }
}

export async function isResourceCodeTaken(code: string, exceptId?: number): Promise<boolean> {
  return Boolean(
    (await getDb()
      .select({ id: datasets.id })
      .from(datasets)
      .where(and(eq(datasets.resourceCode, code), exceptId === undefined ? undefined : ne(datasets.id, exceptId))).limit(1))[0],
  );
}

/** Sets 开放属性 and 共享属性 with their conditions; returns what they were, for the audit entry. */
export async function updateDatasetAccess(viewer: Viewer, datasetId: number, input: DatasetAccessInput): Promise<{ before: DatasetAccessInput } | undefined> {
  const current = (await getDb().select().from(datasets).where(eq(datasets.id, datasetId)).limit(1))[0];
  if (!current || !canManageDepartment(viewer, current.departmentId)) return undefined;
  await getDb()
    .update(datasets)
    .set({ ...input, updatedAt: new Date() })
    .where(eq(datasets.id, datasetId));
  const { accessLevel, sharing, openConditions, sharingConditions, sharingMethod, sampleRows } = current;
  return { before: { accessLevel, sharing, openConditions, sharingConditions, sharingMethod, sampleRows } };
}

/** Sets the catalogue fields (资源分类, 资源代码, 关联资源代码). */
export async function updateDatasetCatalogue(viewer: Viewer, datasetId: number, input: DatasetCatalogueInput): Promise<boolean> {
  const current = (await getDb().select().from(datasets).where(eq(datasets.id, datasetId)).limit(1))[0];
  if (!current || !canManageDepartment(viewer, current.departmentId)) return false;
  if (input.resourceCode && await isResourceCodeTaken(input.resourceCode, datasetId)) throw new ResourceCodeTakenError();
  await getDb()
    .update(datasets)
    .set({ ...input, updatedAt: new Date() })
    .where(eq(datasets.id, datasetId));
  return true;
}

/** The access facts of a dataset by id (for grants and applications). */
export async function datasetAccessFacts(datasetId: number) {
  return (await getDb()
    .select({ id: datasets.id, slug: datasets.slug, title: datasets.title, status: datasets.status, accessLevel: datasets.accessLevel, sharing: datasets.sharing, departmentId: datasets.departmentId })
    .from(datasets)
    .where(eq(datasets.id, datasetId)).limit(1))[0];
}

/** Tags of publicly listed datasets (CKAN tag_list), alphabetical, optionally starting with `prefix`, capped. */
export async function listPublicTags(options: { prefix?: string; limit: number }): Promise<{ tag: string; count: number }[]> {
  const prefix = options.prefix?.trim();
  return await getDb()
    .select({ tag: datasetTags.tag, count: sql<number>`count(*)` })
    .from(datasetTags)
    .innerJoin(datasets, eq(datasetTags.datasetId, datasets.id))
    .where(and(publiclyListed(), prefix ? likeText(datasetTags.tag, `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) : undefined))
    .groupBy(datasetTags.tag)
    .orderBy(asc(datasetTags.tag))
    .limit(options.limit);
}

// ---------------------------------------------------------------------------------------------
// DCAT (app/services/dcat): what the catalogue adds to the rows listCatalogPage and
// getDatasetForViewer return. Those decide what is public; these only read more about it.

export interface DistributionFacts {
  id: number;
  datasetId: number;
  description: string;
  format: (typeof datasetResources.$inferSelect)['format'];
  /** Size and SHA-256 of the file as uploaded. */
  byteSize: number;
  sha256: string | null;
  /** Whether the served table is the upload as it came (no de-identification applied). */
  servedIsUpload: boolean;
  importedAt: Date | null;
  /** Stored min and max of the table's first date column (the one its summary names), if any. */
  dateRange: { min: string; max: string } | null;
  linkUrl: string | null;
  linkFormat: string;
}

/** DCAT facts of these resources, in one query; the column profiles' dates are read in SQL, not parsed per column. */
export async function distributionFacts(resourceIds: readonly number[]): Promise<Map<number, DistributionFacts>> {
  if (resourceIds.length === 0) return new Map();
  const firstDateRange =
    engine() === 'postgres'
      ? sql<string | null>`(select jsonb_build_array(c.value #> '{profile,min}', c.value #> '{profile,max}')::text from ${jsonElements(datasetResources.columns, 'c')} where c.value ->> 'type' = 'date' and jsonb_typeof(c.value #> '{profile,min}') = 'string' and jsonb_typeof(c.value #> '{profile,max}') = 'string' order by c.key limit 1)`
      : sql<string | null>`(select json_array(json_extract(c.value, '$.profile.min'), json_extract(c.value, '$.profile.max')) from json_each(${datasetResources.columns}) c where json_extract(c.value, '$.type') = 'date' and json_type(c.value, '$.profile.min') = 'text' and json_type(c.value, '$.profile.max') = 'text' order by c.key limit 1)`;
  const rows = await getDb()
    .select({
      id: datasetResources.id,
      datasetId: datasetResources.datasetId,
      description: datasetResources.description,
      format: datasetResources.format,
      byteSize: datasetResources.byteSize,
      sha256: datasetResources.sha256,
      servedIsUpload: sql<number>`${datasetResources.tableName} is not null and ${datasetResources.tableName} = ${datasetResources.rawTableName}`,
      importedAt: datasetResources.importedAt,
      dateRange: firstDateRange,
      linkUrl: datasetResources.linkUrl,
      linkFormat: datasetResources.linkFormat,
    })
    .from(datasetResources)
    .where(inArray(datasetResources.id, [...resourceIds]));
  return new Map(
    rows.map((r) => {
      const range = r.dateRange ? (JSON.parse(r.dateRange) as [string, string]) : null;
      return [r.id, { ...r, servedIsUpload: Boolean(r.servedIsUpload), dateRange: range ? { min: range[0], max: range[1] } : null }];
    }),
  );
}

/** When the public catalogue was first published and last changed (its dct:issued and dct:modified), from indexes. */
export async function catalogueDates(): Promise<{ issued: Date | null; modified: Date | null }> {
  const db = getDb();
  const issued = (await db.select({ at: datasets.publishedAt }).from(datasets).where(and(publiclyListed(), isNotNull(datasets.publishedAt))).orderBy(asc(datasets.publishedAt)).limit(1))[0];
  const modified = (await db.select({ at: datasets.updatedAt }).from(datasets).where(publiclyListed()).orderBy(desc(datasets.updatedAt)).limit(1))[0];
  return { issued: issued?.at ?? null, modified: modified?.at ?? null };
}

/** How many publicly listed datasets each theme holds (CKAN group package_count). */
export async function themeCounts(): Promise<Map<DatasetTheme, number>> {
  const rows = await getDb()
    .select({ theme: datasetThemes.theme, count: sql<number>`count(*)` })
    .from(datasetThemes)
    .innerJoin(datasets, eq(datasetThemes.datasetId, datasets.id))
    .where(publiclyListed())
    .groupBy(datasetThemes.theme);
  return new Map(rows.map((r) => [r.theme, r.count]));
}
