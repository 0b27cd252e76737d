/**
 * The CKAN action API subset: read actions for harvesters and analysts, and — with a personal API
 * token — the write actions departments use to publish from their own systems. Responses use
 * CKAN's envelope ({help, success, result} / {help, success: false, error: {__type, message}}).
 */
import { managedDepartmentScope, type Viewer } from '~/lib/access';
import { fqInstant, parseFq as parseFqTree, type FqNode } from '~/lib/ckan-fq';
import { createImportErrorMessage } from '~/lib/import/messages';
import { bindValue, type RowFilter, type RowQuery, type RowSort } from '~/lib/datastore-query';
import { jsonRecord } from '~/lib/json-cell';
import { SLUG_PATTERN, parseTags } from '~/lib/validation/dataset';
import * as datasetActions from '~/actions/datasets.server';
import { deleteResource as removeResource, uploadResource } from '~/actions/resources.server';
import type { Actor } from '~/lib/result';
import {
  getDatasetForViewer,
  getDatasetSlugById,
  getDatasetSlugByUuid,
  getManagedDataset,
  isSlugTaken,
  CKAN_SORT_FIELDS,
  FQ_FIELDS,
  listPublicTags,
  searchFacetCounts,
  searchPublishedDatasets,
  type CkanSortField,
  type DatasetSearch,
  type DatasetAccessInput,
  type DatasetInput,
} from '~/models/datasets.server';
import { getDepartmentById, getDepartmentBySlug, getDepartmentByUuid, listDepartmentsWithCounts } from '~/models/departments.server';
import { logGrantRead, readRows } from '../datastore-access.server';
import { queryDistinct } from '~/models/datastore.server';
import { ACCESS_LEVELS, SHARING_LEVELS } from '~/lib/vocabulary';
import { blockingColumns } from '~/models/privacy.server';
import { datasetSlugOfResource, getImportJob, resolveReadableResource, resourceIdByUuid, resourceUuidById } from '~/models/resources.server';
import type { SessionUser } from '~/models/users.server';
import type { StoredUpload } from '../uploads.server';
import { CKAN_LICENCES, licenceFromCkan, organizationDict, packageDict, resourceDict } from './dicts.server';
import { CKAN_HELP } from './help.server';

export interface CkanContext {
  origin: string;
  user: SessionUser | null;
  /** Whether the caller authenticated with an API token (and not the browser session). */
  viaToken: boolean;
  ip: string | null;
  upload: StoredUpload | null;
  /** Set once the upload was handed to the importer, which then owns the file. */
  uploadTaken?: boolean;
}

export class CkanError extends Error {
  constructor(
    readonly status: number,
    readonly type: 'Not Found Error' | 'Authorization Error' | 'Validation Error' | 'Bad request',
    message: string,
    readonly fields: Record<string, string[]> = {},
  ) {
    super(message);
  }
}

type Input = Record<string, unknown>;

function text(input: Input, key: string): string | undefined {
  const value = input[key];
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : String(value);
}

function integer(input: Input, key: string, fallback: number, max: number): number {
  const raw = text(input, key);
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d{1,9}$/.test(raw.trim())) throw new CkanError(409, 'Validation Error', `Invalid ${key}`, { [key]: ['Invalid integer'] });
  return Math.min(Number(raw), max);
}

function boolish(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'True') return true;
  if (value === 'false' || value === 'False') return false;
  return undefined;
}

function jsonish(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/**
 * Writes need an API token. A browser session is not enough: the web forms ask for the second
 * factor before publishing, and the API must not be a way around that.
 */
function requireWriter(context: CkanContext): SessionUser {
  if (!context.user || !context.viaToken) throw new CkanError(403, 'Authorization Error', 'Access denied: a valid API token is required');
  if (context.user.role !== 'official' && context.user.role !== 'admin') {
    throw new CkanError(403, 'Authorization Error', 'Access denied: only department officials may publish data');
  }
  return context.user;
}

const SITE_TITLE = '金点子 Jindianzi';
const SITE_DESCRIPTION = 'Open government data and data-use challenges';

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A resource's numeric id from what a client sent: its UUID, or the numeric id of older links. */
function resourceIdFrom(raw: string): number | undefined {
  if (/^\d{1,12}$/.test(raw)) return Number(raw);
  return UUID_PATTERN.test(raw) ? resourceIdByUuid(raw.toLowerCase()) : undefined;
}

function findPackage(idOrName: string | undefined, viewer: Viewer | null) {
  if (!idOrName) throw new CkanError(409, 'Validation Error', 'Missing value', { id: ['Missing value'] });
  const slug = /^\d+$/.test(idOrName)
    ? (getDatasetSlugById(Number(idOrName)) ?? idOrName)
    : UUID_PATTERN.test(idOrName)
      ? (getDatasetSlugByUuid(idOrName.toLowerCase()) ?? idOrName)
      : idOrName;
  const dataset = getDatasetForViewer({ slug, viewer });
  if (!dataset) throw new CkanError(404, 'Not Found Error', 'Not found');
  return dataset;
}

/** An organization by its name (the department's slug) or its UUID. */
function departmentByNameOrId(nameOrId: string) {
  return UUID_PATTERN.test(nameOrId) ? getDepartmentByUuid(nameOrId.toLowerCase()) : getDepartmentBySlug(nameOrId);
}

function showPackage(idOrName: string | undefined, context: CkanContext) {
  const dataset = findPackage(idOrName, context.user);
  const department = getDepartmentById(dataset.departmentId);
  if (!department) throw new CkanError(404, 'Not Found Error', 'Not found');
  return packageDict(dataset, department, context.origin);
}

/** A filter tree with values in our vocabulary: CKAN licence ids mapped, 开放属性 and dates checked. */
function normaliseFq(node: FqNode, param: string): FqNode {
  const invalid = (message: string): never => {
    throw new CkanError(409, 'Validation Error', message, { [param]: [message] });
  };
  switch (node.kind) {
    case 'term':
      if (node.field === 'license_id') return { ...node, value: licenceFromCkan(node.value) ?? node.value };
      if (node.field === 'access_level' && !ACCESS_LEVELS.some((l) => l === node.value)) return invalid(`Invalid access_level "${node.value}": use one of ${ACCESS_LEVELS.join(', ')}`);
      if (node.field === 'metadata_modified' || node.field === 'metadata_created') return invalid(`${node.field} takes a range, e.g. ${node.field}:[2026-01-01T00:00:00Z TO NOW]`);
      return node;
    case 'range':
      if (node.field !== 'metadata_modified' && node.field !== 'metadata_created') return invalid(`${node.field} does not take a range`);
      for (const bound of [node.from, node.to]) if (bound !== null && !fqInstant(bound, new Date())) invalid(`Invalid date "${bound}" in ${node.field}`);
      return node;
    case 'and':
    case 'or':
      return { kind: node.kind, children: node.children.map((child) => normaliseFq(child, param)) };
    case 'not':
      return { kind: 'not', child: normaliseFq(node.child, param) };
  }
}

function readFq(raw: string | undefined, param: string): FqNode | null {
  if (!raw?.trim()) return null;
  if (raw.length > 4000) throw new CkanError(409, 'Validation Error', `${param} is too long`, { [param]: ['At most 4000 characters'] });
  const parsed = parseFqTree(raw, FQ_FIELDS);
  if (!parsed.ok) {
    const { problem } = parsed;
    const message =
      problem.code === 'unknownField'
        ? `Field "${problem.field}" is not supported in ${param}; use ${FQ_FIELDS.join(', ')}`
        : problem.code === 'tooDeep'
          ? `${param} is nested too deeply or has too many clauses`
          : `Cannot parse ${param}`;
    throw new CkanError(409, 'Validation Error', message, { [param]: [message] });
  }
  return parsed.node ? normaliseFq(parsed.node, param) : null;
}

/** `sort` as CKAN clients send it: "metadata_modified desc, name asc"; an unknown key is refused. */
function readSort(raw: string | undefined): { field: CkanSortField; descending: boolean }[] {
  if (!raw?.trim()) return [{ field: 'metadata_modified', descending: true }];
  return raw.split(',').map((part) => {
    const [field = '', direction = 'asc', ...rest] = part.trim().split(/\s+/);
    const known = CKAN_SORT_FIELDS.find((f) => f === field);
    if (!known || rest.length > 0 || !['asc', 'desc'].includes(direction.toLowerCase())) {
      throw new CkanError(409, 'Validation Error', `Cannot sort by "${part.trim()}": use ${CKAN_SORT_FIELDS.join(', ')} with asc or desc`, { sort: ['Invalid sort'] });
    }
    return { field: known, descending: direction.toLowerCase() === 'desc' };
  });
}

const FACET_FIELDS = ['organization', 'tags', 'res_format', 'license_id', 'access_level'] as const;

function readFacetFields(raw: unknown): (typeof FACET_FIELDS)[number][] {
  if (raw === undefined || raw === null || raw === '') return [];
  const list = jsonish(raw);
  if (!Array.isArray(list) || list.some((f) => typeof f !== 'string')) throw new CkanError(409, 'Validation Error', 'facet.field must be a JSON list of field names', { 'facet.field': ['Not a JSON list'] });
  return list.map((f: string) => {
    const known = FACET_FIELDS.find((k) => k === f);
    if (!known) throw new CkanError(409, 'Validation Error', `Cannot facet on "${f}": use ${FACET_FIELDS.join(', ')}`, { 'facet.field': [`Unknown field "${f}"`] });
    return known;
  });
}

function packageSearch(input: Input, context: CkanContext) {
  const rows = integer(input, 'rows', 10, 1000);
  const start = integer(input, 'start', 0, Number.MAX_SAFE_INTEGER);
  const rawQ = text(input, 'q')?.trim() ?? '';
  // Field terms in q (name:x, tags:x, organization:x) filter as in fq; anything else is text.
  const qTree = rawQ && rawQ !== '*:*' && /^[+-]?\(?\w+:/.test(rawQ) ? readFq(rawQ, 'q') : null;
  const fqTree = readFq(text(input, 'fq'), 'fq');
  const trees = [qTree, fqTree].filter((t): t is FqNode => t !== null);
  const includePrivate = boolish(jsonish(input.include_private)) === true && context.user ? managedDepartmentScope(context.user) : null;
  const search: DatasetSearch = {
    q: rawQ && rawQ !== '*:*' && !qTree ? rawQ : undefined,
    fq: trees.length === 0 ? null : trees.length === 1 ? (trees[0] as FqNode) : { kind: 'and', children: trees },
    includeDraftsOf: includePrivate,
    ckanSort: readSort(text(input, 'sort')),
  };
  const { datasets, total } = searchPublishedDatasets({ ...search, limit: rows, offset: start });
  const facetFields = readFacetFields(input['facet.field']);
  const facetLimit = input['facet.limit'] === undefined ? 50 : integer(input, 'facet.limit', 50, 1000);
  const facets: Record<string, Record<string, number>> = {};
  const searchFacets: Record<string, { title: string; items: { name: string; display_name: string; count: number }[] }> = {};
  for (const field of facetFields) {
    const counts = searchFacetCounts(search, field, facetLimit).map((c) => (field === 'license_id' ? { ...c, name: CKAN_LICENCES[c.name]?.id ?? c.name, displayName: CKAN_LICENCES[c.name]?.title ?? c.name } : c));
    facets[field] = Object.fromEntries(counts.map((c) => [c.name, c.count]));
    searchFacets[field] = { title: field, items: counts.map((c) => ({ name: c.name, display_name: c.displayName, count: c.count })) };
  }
  return { count: total, sort: text(input, 'sort') ?? 'score desc, metadata_modified desc', results: datasets.map((d) => showPackage(d.slug, context)), facets, search_facets: searchFacets };
}

const CKAN_TYPES = { integer: 'int', decimal: 'numeric', date: 'date', text: 'text', boolean: 'bool' } as const;

/** A resource whose rows the caller may read (a grant counts, and each read is logged), or CKAN's 403/404. */
function readableForCkan(resourceId: string, context: CkanContext) {
  const numericId = resourceIdFrom(resourceId);
  const slug = numericId === undefined ? undefined : datasetSlugOfResource(numericId);
  const found = slug === undefined || numericId === undefined ? ({ refused: 'notFound' } as const) : resolveReadableResource({ datasetSlug: slug, resourceId: numericId, viewer: context.user, viaGrant: true });
  if ('refused' in found) {
    if (found.refused === 'forbidden') throw new CkanError(403, 'Authorization Error', `Access denied: resource "${resourceId}" is open on condition; apply at ${context.origin}/datasets/${slug}/apply`);
    throw new CkanError(404, 'Not Found Error', `Resource "${resourceId}" was not found.`);
  }
  return found.resource;
}

async function datastoreSearch(input: Input, context: CkanContext) {
  const resourceId = text(input, 'resource_id') ?? text(input, 'id');
  if (!resourceId) throw new CkanError(409, 'Validation Error', 'Missing value', { resource_id: ['Missing value'] });
  const resource = readableForCkan(resourceId, context);
  const columns = resource.columns;
  const known = new Map(columns.map((c) => [c.name, c]));

  const filters: RowFilter[] = [];
  const rawFilters = jsonish(input.filters);
  if (rawFilters !== undefined && rawFilters !== null && rawFilters !== '') {
    if (typeof rawFilters !== 'object' || Array.isArray(rawFilters)) throw new CkanError(409, 'Validation Error', 'filters must be a JSON object', { filters: ['Not a JSON object'] });
    for (const [field, value] of Object.entries(rawFilters as Input)) {
      const column = known.get(field);
      if (!column) throw new CkanError(409, 'Validation Error', `field "${field}" not in table`, { filters: [`field "${field}" not in table`] });
      const list = Array.isArray(value) ? value : [value];
      const values = list.filter((v) => v !== null).map((v) => (typeof v === 'boolean' ? (v ? 'true' : 'false') : String(v)));
      if (values.some((v) => bindValue(column.type, 'eq', v) === undefined)) {
        throw new CkanError(409, 'Validation Error', `invalid value for field "${field}"`, { filters: [`invalid value for field "${field}"`] });
      }
      filters.push({ column: field, op: 'eq', values, includeEmpty: list.includes(null) });
    }
  }
  // q may be a string (any column) or an object of field → text (contains).
  let q = '';
  const rawQ = jsonish(input.q);
  if (typeof rawQ === 'string') q = rawQ.trim();
  else if (rawQ && typeof rawQ === 'object') {
    for (const [field, value] of Object.entries(rawQ as Input)) {
      if (!known.has(field)) throw new CkanError(409, 'Validation Error', `field "${field}" not in table`, { q: [`field "${field}" not in table`] });
      filters.push({ column: field, op: 'contains', values: [String(value)] });
    }
  }
  const sort: RowSort[] = [];
  for (const part of (text(input, 'sort') ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    const [field = '', direction = 'asc'] = part.split(/\s+/);
    const name = field.replace(/^"|"$/g, '');
    if (name !== '_id' && !known.has(name)) throw new CkanError(409, 'Validation Error', `field "${name}" not in table`, { sort: [`field "${name}" not in table`] });
    sort.push({ column: name, descending: direction.toLowerCase() === 'desc' });
  }
  const limit = integer(input, 'limit', 100, 32000);
  const offset = integer(input, 'offset', 0, Number.MAX_SAFE_INTEGER);
  const distinct = boolish(jsonish(input.distinct)) === true;
  const includeTotal = boolish(jsonish(input.include_total)) !== false;
  const format = text(input, 'records_format') ?? 'objects';
  if (!RECORD_FORMATS.some((f) => f === format)) {
    throw new CkanError(409, 'Validation Error', `records_format must be one of ${RECORD_FORMATS.join(', ')}`, { records_format: ['Invalid records_format'] });
  }
  const fieldNames = (() => {
    const raw = jsonish(input.fields);
    const list = Array.isArray(raw) ? raw.map((f) => (typeof f === 'string' ? f : '')) : typeof raw === 'string' && raw ? raw.split(',').map((s) => s.trim()) : null;
    // Distinct rows have no row number.
    return list ?? [...(distinct ? [] : ['_id']), ...columns.map((c) => c.name)];
  })();
  for (const name of fieldNames) {
    if (name !== '_id' && !known.has(name)) throw new CkanError(409, 'Validation Error', `field "${name}" not in table`, { fields: [`field "${name}" not in table`] });
  }
  if (distinct && fieldNames.includes('_id')) throw new CkanError(409, 'Validation Error', 'distinct cannot include _id', { fields: ['distinct cannot include _id'] });
  const query: RowQuery = { filters, sort, q, limit, offset };
  const { rows, total } = distinct
    ? queryDistinct(resource.tableName, columns, query, fieldNames)
    : await readRows({ tableName: resource.tableName, columns, rowCount: resource.rowCount }, query);
  logGrantRead(resource, 'datastore_search', rows.length, JSON.stringify({ filters: input.filters, q: input.q, sort: input.sort, fields: input.fields, distinct, limit, offset }));

  const selected = fieldNames.flatMap((name) => columns.filter((c) => c.name === name));
  const withId = fieldNames.includes('_id');
  const objects = rows.map((row) => ({ ...(withId ? { _id: row._id } : {}), ...jsonRecord(row, selected) }));
  const ordered = (record: Record<string, unknown>) => fieldNames.map((name) => record[name] ?? null);
  const records =
    format === 'objects'
      ? objects
      : format === 'lists'
        ? objects.map(ordered)
        : objects.map((record) => ordered(record).map((value) => delimitedCell(value, format === 'csv' ? ',' : '\t')).join(format === 'csv' ? ',' : '\t')).join('\n') + (objects.length ? '\n' : '');
  // The links keep every parameter of the query but the offset, so following `next` pages through it.
  const kept = new URLSearchParams({ resource_id: resource.uuid });
  for (const key of ['q', 'filters', 'fields', 'sort', 'distinct', 'include_total', 'records_format', 'limit'] as const) {
    const value = input[key];
    if (value !== undefined && value !== null && value !== '') kept.set(key, typeof value === 'string' ? value : JSON.stringify(value));
  }
  const startLink = `/api/3/action/datastore_search?${kept}`;
  return {
    resource_id: resource.uuid,
    fields: [...(withId ? [{ id: '_id', type: 'int' }] : []), ...selected.map((c) => ({ id: c.name, type: CKAN_TYPES[c.type], info: { label: c.label ?? '', notes: c.description ?? '' } }))],
    records,
    records_format: format,
    ...(includeTotal ? { total, total_was_estimated: false } : {}),
    limit,
    offset,
    ...(distinct ? { distinct: true } : {}),
    ...(filters.length ? { filters: Object.fromEntries(filters.filter((f) => f.op === 'eq').map((f) => [f.column, f.values.length === 1 ? f.values[0] : f.values])) } : {}),
    ...(q ? { q } : {}),
    _links: { start: startLink, next: `${startLink}&offset=${offset + limit}` },
  };
}

const RECORD_FORMATS = ['objects', 'lists', 'csv', 'tsv'] as const;

/** A cell of CKAN's csv/tsv records: quoted when it holds the delimiter, a quote or a line break. */
function delimitedCell(value: unknown, delimiter: string): string {
  if (value === null || value === undefined) return '';
  const textValue = typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
  return textValue.includes(delimiter) || /["\r\n]/.test(textValue) ? `"${textValue.replaceAll('"', '""')}"` : textValue;
}

function datasetInputFrom(input: Input, base: Partial<DatasetInput>): DatasetInput {
  const title = text(input, 'title') ?? base.title ?? '';
  const tagsRaw = jsonish(input.tags);
  const tags = Array.isArray(tagsRaw)
    ? tagsRaw.map((t) => (typeof t === 'object' && t !== null ? String((t as Input).name ?? '') : String(t))).filter(Boolean)
    : typeof tagsRaw === 'string'
      ? parseTags(tagsRaw)
      : (base.tags ?? []);
  const licence = input.license_id === undefined ? base.licence : licenceFromCkan(input.license_id);
  if (!licence) throw new CkanError(409, 'Validation Error', 'Unknown licence', { license_id: [`Use one of: ${Object.values(CKAN_LICENCES).map((l) => l.id).join(', ')}`] });
  if (!title.trim() || [...title].length > 200) throw new CkanError(409, 'Validation Error', 'Invalid title', { title: ['Missing value or too long'] });
  // CKAN's rule for a tag: 2 to 100 characters.
  if (tags.length > 10 || tags.some((t) => [...t].length < 2 || [...t].length > 100)) throw new CkanError(409, 'Validation Error', 'Invalid tags', { tags: ['At most 10 tags, each of 2 to 100 characters'] });
  return {
    title: title.trim(),
    slug: base.slug ?? '',
    description: text(input, 'notes') ?? base.description ?? '',
    licence: licence as DatasetInput['licence'],
    updateFrequency: base.updateFrequency ?? 'irregular',
    tags,
    contactName: text(input, 'maintainer') ?? base.contactName ?? '',
    contactEmail: text(input, 'maintainer_email') ?? base.contactEmail ?? '',
  };
}

const DEFAULT_ACCESS: DatasetAccessInput = { accessLevel: 'open', sharing: 'shared', openConditions: '', sharingConditions: '', sharingMethod: 'api_and_file', sampleRows: 0 };

/** A value given as a top-level key or as an entry of `extras` (CKAN clients use either). */
function topLevelOrExtra(input: Input, key: string): string | undefined {
  const direct = text(input, key);
  if (direct !== undefined) return direct;
  const extras = jsonish(input.extras);
  if (!Array.isArray(extras)) return undefined;
  const entry = extras.find((e): e is Input => typeof e === 'object' && e !== null && (e as Input).key === key);
  return entry === undefined ? undefined : text(entry, 'value');
}

/** 开放属性 and 共享属性 from package_create/package_patch; the same object back when nothing is set. */
function accessInputFrom(input: Input, base: DatasetAccessInput): DatasetAccessInput {
  const level = topLevelOrExtra(input, 'access_level');
  const sharing = topLevelOrExtra(input, 'sharing');
  const openConditions = topLevelOrExtra(input, 'open_conditions');
  const sharingConditions = topLevelOrExtra(input, 'sharing_conditions');
  if (level === undefined && sharing === undefined && openConditions === undefined && sharingConditions === undefined) return base;
  const accessLevel = level === undefined ? base.accessLevel : ACCESS_LEVELS.find((l) => l === level);
  if (!accessLevel) throw new CkanError(409, 'Validation Error', 'Invalid access_level', { access_level: [`Use one of: ${ACCESS_LEVELS.join(', ')}`] });
  const sharingLevel = sharing === undefined ? base.sharing : SHARING_LEVELS.find((l) => l === sharing);
  if (!sharingLevel) throw new CkanError(409, 'Validation Error', 'Invalid sharing', { sharing: [`Use one of: ${SHARING_LEVELS.join(', ')}`] });
  for (const [key, value] of [['open_conditions', openConditions], ['sharing_conditions', sharingConditions]] as const) {
    if (value !== undefined && [...value].length > 2000) throw new CkanError(409, 'Validation Error', `${key} is too long`, { [key]: ['At most 2000 characters'] });
  }
  return {
    accessLevel,
    sharing: sharingLevel,
    openConditions: openConditions ?? base.openConditions,
    sharingConditions: sharingConditions ?? base.sharingConditions,
    sharingMethod: base.sharingMethod,
    sampleRows: base.sampleRows,
  };
}

function ckanActor(user: SessionUser, context: CkanContext): Actor<SessionUser> {
  return { user, ip: context.ip, via: 'ckan' };
}

async function packageCreate(input: Input, context: CkanContext) {
  const user = requireWriter(context);
  const name = text(input, 'name')?.trim().toLowerCase();
  if (!name || !SLUG_PATTERN.test(name)) {
    throw new CkanError(409, 'Validation Error', 'Invalid name', { name: ['Must be 2-100 lower-case letters, digits, - and _'] });
  }
  if (isSlugTaken(name)) throw new CkanError(409, 'Validation Error', 'That URL is already in use.', { name: ['That URL is already in use.'] });
  // A new package has no imported table yet, so it cannot be public at once: say so rather than
  // leave a draft the caller believes published.
  if (boolish(input.private) === false) {
    const message = 'A dataset needs at least one imported resource before it can be published: create it, add a table with resource_create, then call package_patch with private=false';
    throw new CkanError(409, 'Validation Error', message, { private: [message] });
  }
  const orgName = text(input, 'owner_org');
  const department = orgName ? departmentByNameOrId(orgName) : user.departmentId !== null ? getDepartmentById(user.departmentId) : undefined;
  if (!department) throw new CkanError(409, 'Validation Error', 'Organization does not exist', { owner_org: ['Organization does not exist'] });
  const access = accessInputFrom(input, DEFAULT_ACCESS);
  const created = await datasetActions.createDataset(ckanActor(user, context), { ...datasetInputFrom(input, { licence: 'gov-open', title: name }), slug: name }, department.id);
  if (!created.ok) {
    if (created.problem.code === 'slugTaken') throw new CkanError(409, 'Validation Error', 'That URL is already in use.', { name: ['That URL is already in use.'] });
    throw new CkanError(403, 'Authorization Error', `User ${user.email} not authorized to add dataset to ${department.slug}`);
  }
  if (access !== DEFAULT_ACCESS) await datasetActions.updateDatasetAccess(ckanActor(user, context), created.value.id, access);
  // New packages are drafts until published with package_patch private=false (which needs a resource).
  return showPackage(name, context);
}

async function packagePatch(input: Input, context: CkanContext) {
  const user = requireWriter(context);
  const idOrName = text(input, 'id') ?? text(input, 'name');
  const dataset = findPackage(idOrName, user);
  const managed = getManagedDataset(dataset.slug, user);
  if (!managed) throw new CkanError(403, 'Authorization Error', `User ${user.email} not authorized to edit package ${dataset.slug}`);
  // Checked before anything is changed, so a bad level leaves the package as it was.
  const access = accessInputFrom(input, managed);
  const touchesFields = ['title', 'notes', 'license_id', 'tags', 'maintainer', 'maintainer_email'].some((key) => input[key] !== undefined);
  if (touchesFields) {
    const base: DatasetInput = {
      title: managed.title,
      slug: managed.slug,
      description: managed.description,
      licence: managed.licence,
      updateFrequency: managed.updateFrequency,
      tags: managed.tags,
      contactName: managed.contactName,
      contactEmail: managed.contactEmail,
    };
    const updated = await datasetActions.updateDataset(ckanActor(user, context), managed.id, datasetInputFrom(input, base));
    if (!updated.ok) throw new CkanError(403, 'Authorization Error', 'Access denied');
  }
  if (access !== managed) {
    const changed = await datasetActions.updateDatasetAccess(ckanActor(user, context), managed.id, access);
    if (!changed.ok) throw new CkanError(403, 'Authorization Error', 'Access denied');
  }
  const privateFlag = boolish(input.private);
  if (privateFlag === false) {
    const result = await datasetActions.publishDataset(ckanActor(user, context), managed.id);
    if (!result.ok) {
      const { problem } = result;
      if (problem.kind === 'notFound') throw new CkanError(403, 'Authorization Error', 'Access denied');
      const blocking = (problem.details?.blocking ?? []) as { resourceId: number; resourceName: string; columns: string[] }[];
      const message =
        problem.code === 'privacy'
          ? `Personal information must be resolved before publishing: ${blocking.map((b) => `resource "${b.resourceName}" (id ${b.resourceId}) columns ${b.columns.map((c) => `"${c}"`).join(', ')}`).join('; ')}`
          : problem.code === 'noResources'
            ? 'A dataset needs at least one imported resource before it can be published'
            : 'A resource is still importing; publish once it has finished';
      throw new CkanError(409, 'Validation Error', message, { private: [message] });
    }
  } else if (privateFlag === true && managed.status === 'published') {
    await datasetActions.unpublishDataset(ckanActor(user, context), managed.id, 'draft');
  }
  return showPackage(managed.slug, { ...context, user });
}

async function resourceCreate(input: Input, context: CkanContext) {
  const user = requireWriter(context);
  const dataset = findPackage(text(input, 'package_id'), user);
  const managed = getManagedDataset(dataset.slug, user);
  if (!managed) throw new CkanError(403, 'Authorization Error', `User ${user.email} not authorized to edit package ${dataset.slug}`);
  if (!context.upload) throw new CkanError(409, 'Validation Error', 'Only file uploads are supported', { upload: ['Send the table as a multipart file field named "upload"'] });
  context.uploadTaken = true;
  const result = await uploadResource(ckanActor(user, context), { datasetId: managed.id, upload: context.upload, name: text(input, 'name'), description: text(input, 'description') });
  if (!result.ok) {
    const message = createImportErrorMessage(result.problem.code, result.problem.params ?? {});
    throw new CkanError(409, 'Validation Error', message, { upload: [message] });
  }
  const queued = result.value;
  await queued.done;
  const job = getImportJob(queued.jobId);
  if (job?.status !== 'succeeded') {
    const message = createImportErrorMessage(job?.errorCode ?? 'internal', job?.errorParams ?? {});
    throw new CkanError(409, 'Validation Error', message, { upload: [message] });
  }
  // A resource whose privacy scan flagged columns is not served yet; the department's system is
  // told which columns need a decision (datastore_active stays false until then).
  const detail = findPackage(managed.slug, user);
  const index = detail.resources.findIndex((r) => r.id === queued.resourceId);
  const resource = detail.resources[index];
  if (!resource) throw new CkanError(404, 'Not Found Error', 'Not found');
  const unresolved = blockingColumns(managed.id).find((b) => b.resourceId === queued.resourceId)?.columns ?? [];
  return { ...resourceDict(detail, resource, index, context.origin), privacy_unresolved_columns: unresolved };
}

/** organization_list's sort: "name asc" (the default), "title desc", "package_count desc". */
function sortOrganizations<T extends { slug: string; name: string; publishedCount: number }>(list: T[], raw: string | undefined): T[] {
  const [field = 'name', direction = 'asc'] = (raw ?? 'name asc').trim().split(/\s+/);
  const key = field === 'title' ? (d: T) => d.name : field === 'package_count' ? (d: T) => d.publishedCount : field === 'name' ? (d: T) => d.slug : null;
  if (!key || !['asc', 'desc'].includes(direction.toLowerCase())) throw new CkanError(409, 'Validation Error', 'sort must be name, title or package_count with asc or desc', { sort: ['Invalid sort'] });
  const sign = direction.toLowerCase() === 'desc' ? -1 : 1;
  return [...list].sort((a, b) => {
    const x = key(a);
    const y = key(b);
    return sign * (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y)));
  });
}

/**
 * CKAN's full replace: the description fields not given are emptied (the title falls back to the
 * name, the licence to the platform's default), and when `resources` is given the resources it does
 * not list are removed. The access levels and publication stay as they are unless given: leaving
 * them out must never open a dataset. New tables come through resource_create.
 */
async function packageUpdate(input: Input, context: CkanContext) {
  const user = requireWriter(context);
  const dataset = findPackage(text(input, 'id') ?? text(input, 'name'), user);
  const managed = getManagedDataset(dataset.slug, user);
  if (!managed) throw new CkanError(403, 'Authorization Error', `User ${user.email} not authorized to edit package ${dataset.slug}`);
  let keep: Set<number> | null = null;
  if (input.resources !== undefined) {
    const list = jsonish(input.resources);
    if (!Array.isArray(list)) throw new CkanError(409, 'Validation Error', 'resources must be a list', { resources: ['Not a list'] });
    const own = new Set(dataset.resources.map((r) => r.id));
    keep = new Set();
    for (const entry of list) {
      const raw = typeof entry === 'object' && entry !== null ? (entry as Input).id : undefined;
      const id = typeof raw === 'string' || typeof raw === 'number' ? resourceIdFrom(String(raw)) : undefined;
      if (id === undefined || !own.has(id)) {
        const message = 'Each resource in package_update must be one of the package\'s, by id; add new tables with resource_create';
        throw new CkanError(409, 'Validation Error', message, { resources: [message] });
      }
      keep.add(id);
    }
  }
  const given = (key: string, empty: unknown) => (input[key] === undefined ? empty : input[key]);
  await packagePatch(
    {
      ...input,
      id: managed.slug,
      title: given('title', managed.slug),
      notes: given('notes', ''),
      license_id: given('license_id', CKAN_LICENCES['gov-open']?.id),
      tags: given('tags', []),
      maintainer: given('maintainer', ''),
      maintainer_email: given('maintainer_email', ''),
      private: undefined,
    },
    context,
  );
  if (keep) {
    for (const resource of dataset.resources) {
      if (!keep.has(resource.id)) await removeResource(ckanActor(user, context), managed.id, resource.id);
    }
  }
  return packagePatch({ id: managed.slug, private: input.private }, context);
}

/** Retires a dataset (CKAN's delete): gone from every public list and 404 to the public, kept for its history. */
async function packageDelete(input: Input, context: CkanContext) {
  const user = requireWriter(context);
  const dataset = findPackage(text(input, 'id') ?? text(input, 'name'), user);
  const managed = getManagedDataset(dataset.slug, user);
  if (!managed) throw new CkanError(403, 'Authorization Error', `User ${user.email} not authorized to delete package ${dataset.slug}`);
  const retired = await datasetActions.unpublishDataset(ckanActor(user, context), managed.id, 'retired');
  if (!retired.ok) throw new CkanError(403, 'Authorization Error', 'Access denied');
  return null;
}

/** Removes a resource and its tables from a dataset the token's department manages. */
async function resourceDelete(input: Input, context: CkanContext) {
  const user = requireWriter(context);
  const raw = text(input, 'id') ?? '';
  const resourceId = resourceIdFrom(raw);
  const slug = resourceId === undefined ? undefined : datasetSlugOfResource(resourceId);
  const managed = slug === undefined ? undefined : getManagedDataset(slug, user);
  if (resourceId === undefined || !managed) throw new CkanError(404, 'Not Found Error', `Resource "${raw}" was not found.`);
  const removed = await removeResource(ckanActor(user, context), managed.id, resourceId);
  if (!removed.ok) throw new CkanError(404, 'Not Found Error', `Resource "${raw}" was not found.`);
  return null;
}

export const CKAN_ACTIONS = [
  'package_update',
  'package_delete',
  'resource_delete',
  'datastore_info',
  'help_show',
  'site_read',
  'status_show',
  'current_package_list_with_resources',
  'tag_list',
  'license_list',
  'package_list',
  'package_show',
  'package_search',
  'organization_list',
  'organization_show',
  'resource_show',
  'datastore_search',
  'package_create',
  'package_patch',
  'resource_create',
] as const;

export async function runCkanAction(action: string, input: Input, context: CkanContext): Promise<unknown> {
  switch (action) {
    case 'help_show': {
      const name = text(input, 'name');
      if (!name) throw new CkanError(409, 'Validation Error', 'Missing value', { name: ['Missing value'] });
      const help = CKAN_HELP[name];
      if (help === undefined) throw new CkanError(404, 'Not Found Error', `Action name not known: ${name}`);
      return help;
    }
    case 'site_read':
      return true;
    case 'status_show':
      return {
        site_title: SITE_TITLE,
        site_description: SITE_DESCRIPTION,
        site_url: context.origin,
        ckan_version: '2.10.0',
        api_version: 3,
        locale_default: 'zh_Hans_CN',
        extensions: ['datastore'],
      };
    case 'package_list': {
      const limit = integer(input, 'limit', 100_000, 100_000);
      const offset = integer(input, 'offset', 0, Number.MAX_SAFE_INTEGER);
      return searchPublishedDatasets({ sort: 'name', limit, offset }).datasets.map((d) => d.slug);
    }
    case 'current_package_list_with_resources': {
      const limit = integer(input, 'limit', 10, 1000);
      const offset = integer(input, 'offset', 0, Number.MAX_SAFE_INTEGER);
      return searchPublishedDatasets({ sort: 'updated', limit, offset }).datasets.map((d) => showPackage(d.slug, context));
    }
    case 'tag_list': {
      const all = boolish(jsonish(input.all_fields)) === true;
      const tags = listPublicTags({ prefix: text(input, 'query'), limit: integer(input, 'limit', 1000, 1000) });
      return all ? tags.map((t) => ({ id: t.tag, name: t.tag, display_name: t.tag, vocabulary_id: null })) : tags.map((t) => t.tag);
    }
    case 'license_list':
      return Object.values(CKAN_LICENCES).map((l) => ({ id: l.id, title: l.title, url: l.url, status: 'active', od_conformance: 'approved' }));
    case 'package_show':
      return showPackage(text(input, 'id') ?? text(input, 'name'), context);
    case 'package_search':
      return packageSearch(input, context);
    case 'organization_list': {
      const all = boolish(jsonish(input.all_fields)) === true;
      const limit = integer(input, 'limit', 1000, 1000);
      const offset = integer(input, 'offset', 0, 1_000_000);
      const departments = sortOrganizations(listDepartmentsWithCounts(), text(input, 'sort')).slice(offset, offset + limit);
      return all ? departments.map((d) => organizationDict(d, d.publishedCount)) : departments.map((d) => d.slug);
    }
    case 'organization_show': {
      const department = departmentByNameOrId(text(input, 'id') ?? '');
      if (!department) throw new CkanError(404, 'Not Found Error', 'Not found');
      const count = listDepartmentsWithCounts().find((d) => d.id === department.id)?.publishedCount ?? 0;
      const dict = organizationDict(department, count);
      if (boolish(jsonish(input.include_datasets)) !== true) return dict;
      // As CKAN: the organization's public datasets, up to a thousand.
      const { datasets } = searchPublishedDatasets({ department: department.slug, sort: 'name', limit: 1000 });
      return { ...dict, packages: datasets.map((d) => showPackage(d.slug, context)) };
    }
    case 'datastore_info': {
      const resourceId = text(input, 'resource_id') ?? text(input, 'id');
      if (!resourceId) throw new CkanError(409, 'Validation Error', 'Missing value', { resource_id: ['Missing value'] });
      const resource = readableForCkan(resourceId, context);
      return {
        meta: { id: resource.uuid, count: resource.rowCount, table_type: 'BASE TABLE' },
        fields: resource.columns.map((c) => ({ id: c.name, type: CKAN_TYPES[c.type], info: { label: c.label ?? '', notes: c.description ?? '' } })),
      };
    }
    case 'resource_show': {
      // A resource's description is as visible as its dataset (a conditional dataset's too); its rows are not.
      const id = text(input, 'id') ?? '';
      const numericId = resourceIdFrom(id);
      const slug = numericId === undefined ? undefined : datasetSlugOfResource(numericId);
      if (slug === undefined) throw new CkanError(404, 'Not Found Error', 'Not found');
      const pkg = showPackage(slug, context);
      const uuid = numericId === undefined ? undefined : resourceUuidById(numericId);
      const dict = pkg.resources.find((r) => r.id === uuid);
      if (!dict) throw new CkanError(404, 'Not Found Error', 'Not found');
      return dict;
    }
    case 'datastore_search':
      return datastoreSearch(input, context);
    case 'package_create':
      return packageCreate(input, context);
    case 'package_patch':
      return packagePatch(input, context);
    case 'resource_create':
      return resourceCreate(input, context);
    case 'package_delete':
      return packageDelete(input, context);
    case 'package_update':
      return packageUpdate(input, context);
    case 'resource_delete':
      return resourceDelete(input, context);
    case 'datastore_search_sql':
      // Arbitrary SQL over the served tables cannot be bounded in time or kept to them safely here.
      throw new CkanError(400, 'Bad request', 'datastore_search_sql is not supported on this site: use datastore_search with filters, q, fields, sort and distinct');
    default:
      throw new CkanError(400, 'Bad request', `Action name not known: ${action}`);
  }
}

/** Actions that change data: POST only, token required. */
export function isWriteAction(action: string): boolean {
  return ['package_create', 'package_patch', 'package_update', 'resource_create', 'package_delete', 'resource_delete'].includes(action);
}
