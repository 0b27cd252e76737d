/**
 * The CKAN action API subset: read actions for harvesters and analysts, and — with a personal API
 * token — the write actions departments use to publish from their own systems. Responses use
 * CKAN's envelope ({help, success, result} / {help, success: false, error: {__type, message}}).
 */
import { managedDepartmentScope } from '~/lib/access';
import { fqInstant, parseFq as parseFqTree, type FqNode } from '~/lib/ckan-fq';
import { bindValue, type RowFilter, type RowQuery, type RowSort } from '~/lib/datastore-query';
import { jsonRecord } from '~/lib/json-cell';
import { isWebAddress, MAX_THEMES, SLUG_PATTERN, parseTags } from '~/lib/validation/dataset';
import * as datasetActions from '~/actions/datasets.server';
import { addLinkResource, deleteResource as removeResource } from '~/actions/resources.server';
import {
  getManagedDataset,
  isSlugTaken,
  CKAN_SORT_FIELDS,
  FQ_FIELDS,
  listPublicTags,
  themeCounts,
  searchFacetCounts,
  searchPublishedDatasets,
  type CkanSortField,
  type DatasetSearch,
  type DatasetAccessInput,
  type DatasetInput,
} from '~/models/datasets.server';
import { getDepartmentById, listDepartmentsWithCounts } from '~/models/departments.server';
import { logGrantRead, readRows } from '../datastore-access.server';
import { queryDistinct } from '~/models/datastore.server';
import { ACCESS_LEVELS, DATASET_THEMES, SHARING_LEVELS, type DatasetTheme } from '~/lib/vocabulary';
import { datasetSlugOfResource, resolveReadableResource, resourceUuidById } from '~/models/resources.server';
import { CKAN_LICENCES, groupDict, licenceFromCkan, licenceUrl, organizationDict, RESERVED_EXTRAS } from './dicts.server';
import { CKAN_HELP } from './help.server';
import { applyResourceChange, planResourceChange, resourceChange, resourceCreate } from './resource-writes.server';
import {
  boolish,
  ckanActor,
  CkanError,
  departmentByNameOrId,
  findPackage,
  integer,
  jsonish,
  requireWriter,
  resourceIdFrom,
  showPackage,
  sortOrganizations,
  SITE_DESCRIPTION,
  SITE_TITLE,
  text,
  type CkanContext,
  type Input,
} from './common.server';

export { CkanError, type CkanContext } from './common.server';

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

const FACET_FIELDS = ['organization', 'groups', 'tags', 'res_format', 'license_id', 'access_level'] as const;

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

async function packageSearch(input: Input, context: CkanContext) {
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
  const { datasets, total } = await searchPublishedDatasets({ ...search, limit: rows, offset: start });
  const facetFields = readFacetFields(input['facet.field']);
  const facetLimit = input['facet.limit'] === undefined ? 50 : integer(input, 'facet.limit', 50, 1000);
  const facets: Record<string, Record<string, number>> = {};
  const searchFacets: Record<string, { title: string; items: { name: string; display_name: string; count: number }[] }> = {};
  for (const field of facetFields) {
    const counts = (await searchFacetCounts(search, field, facetLimit)).map((c) =>
      field === 'license_id'
        ? { ...c, name: CKAN_LICENCES[c.name]?.id ?? c.name, displayName: CKAN_LICENCES[c.name]?.title ?? c.name }
        : field === 'groups'
          ? { ...c, displayName: groupDict(c.name as DatasetTheme).title }
          : c,
    );
    facets[field] = Object.fromEntries(counts.map((c) => [c.name, c.count]));
    searchFacets[field] = { title: field, items: counts.map((c) => ({ name: c.name, display_name: c.displayName, count: c.count })) };
  }
  return { count: total, sort: text(input, 'sort') ?? 'score desc, metadata_modified desc', results: await Promise.all(datasets.map((d) => showPackage(d.slug, context))), facets, search_facets: searchFacets };
}

const CKAN_TYPES = { integer: 'int', decimal: 'numeric', date: 'date', text: 'text', boolean: 'bool' } as const;

/** A resource whose rows the caller may read (a grant counts, and each read is logged), or CKAN's 403/404. */
async function readableForCkan(resourceId: string, context: CkanContext) {
  const numericId = await resourceIdFrom(resourceId);
  const slug = numericId === undefined ? undefined : await datasetSlugOfResource(numericId);
  const found = slug === undefined || numericId === undefined ? ({ refused: 'notFound' } as const) : await resolveReadableResource({ datasetSlug: slug, resourceId: numericId, viewer: context.user, viaGrant: true });
  if ('refused' in found) {
    if (found.refused === 'forbidden') throw new CkanError(403, 'Authorization Error', `Access denied: resource "${resourceId}" is open on condition; apply at ${context.origin}/datasets/${slug}/apply`);
    throw new CkanError(404, 'Not Found Error', `Resource "${resourceId}" was not found.`);
  }
  return found.resource;
}

async function datastoreSearch(input: Input, context: CkanContext) {
  const resourceId = text(input, 'resource_id') ?? text(input, 'id');
  if (!resourceId) throw new CkanError(409, 'Validation Error', 'Missing value', { resource_id: ['Missing value'] });
  const resource = await readableForCkan(resourceId, context);
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
    ? await queryDistinct(resource.tableName, columns, query, fieldNames)
    : await readRows({ tableName: resource.tableName, columns, rowCount: resource.rowCount }, query);
  await logGrantRead(resource, 'datastore_search', rows.length, JSON.stringify({ filters: input.filters, q: input.q, sort: input.sort, fields: input.fields, distinct, limit, offset }));

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
    ...optionalInputFrom(input, base),
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

/** `groups` as CKAN clients send them: a list of {name} or {id} (or bare names); each must be a theme. */
function themesFrom(raw: unknown): DatasetTheme[] {
  const list = jsonish(raw);
  const invalid = (message: string): never => {
    throw new CkanError(409, 'Validation Error', message, { groups: [message] });
  };
  if (!Array.isArray(list)) return invalid('groups must be a list');
  const names = list.map((g) => (typeof g === 'string' ? g : typeof g === 'object' && g !== null ? ((g as Input).name ?? (g as Input).id) : undefined));
  const themes = names.map((name) => DATASET_THEMES.find((theme) => theme === name) ?? invalid(`Group "${typeof name === 'string' ? name.slice(0, 100) : ''}" does not exist; use group_list`));
  if (themes.length > MAX_THEMES) invalid(`At most ${MAX_THEMES} groups`);
  return [...new Set(themes)];
}

/** A client's own extras: the platform's keys removed, at most 50, keys up to 100 and values up to 2000 characters. */
function extrasFrom(raw: unknown): { key: string; value: string }[] {
  const list = jsonish(raw);
  const invalid = (message: string): never => {
    throw new CkanError(409, 'Validation Error', message, { extras: [message] });
  };
  if (!Array.isArray(list)) return invalid('extras must be a list of {key, value}');
  const extras = list.map((e) => {
    if (typeof e !== 'object' || e === null || typeof (e as Input).key !== 'string') return invalid('Each extra needs a key');
    const key = ((e as Input).key as string).trim();
    const value = (e as Input).value;
    const textValue = typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : value === null || value === undefined ? '' : JSON.stringify(value);
    if (!key || key.length > 100 || textValue.length > 2000) invalid('Extras have keys of 1 to 100 and values of at most 2000 characters');
    return { key, value: textValue };
  });
  const own = extras.filter((e) => !RESERVED_EXTRAS.has(e.key) && !e.key.startsWith('key_column:'));
  if (own.length > 50) invalid('At most 50 extras');
  return [...new Map(own.map((e) => [e.key, e])).values()];
}

/** url, version, author, groups and extras: only those given (package_update passes empties for the rest). */
function optionalInputFrom(input: Input, base: Partial<DatasetInput>): Partial<DatasetInput> {
  // null (as package_show gives an empty version) clears a field, like an empty string.
  const cleared = (key: string) => (input[key] === null ? '' : text(input, key));
  const url = cleared('url');
  if (url !== undefined && url.trim() !== '' && !isWebAddress(url.trim())) throw new CkanError(409, 'Validation Error', 'url must be an http or https address', { url: ['Invalid URL'] });
  for (const key of ['version', 'author'] as const) {
    const value = text(input, key);
    if (value !== undefined && value.length > 100) throw new CkanError(409, 'Validation Error', `${key} is too long`, { [key]: ['At most 100 characters'] });
  }
  return {
    sourceUrl: url === undefined ? base.sourceUrl : url.trim(),
    version: cleared('version')?.trim() ?? base.version,
    authorName: cleared('author')?.trim() ?? base.authorName,
    themes: input.groups === undefined ? base.themes : themesFrom(input.groups),
    extras: input.extras === undefined ? base.extras : extrasFrom(input.extras),
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


/** package_create's inline `resources`: links only (tables come through resource_create), all checked before anything is created. */
function inlineLinks(raw: unknown): { name: string; url: string; format: string; description: string }[] {
  const list = jsonish(raw);
  const invalid = (message: string): never => {
    throw new CkanError(409, 'Validation Error', message, { resources: [message] });
  };
  if (!Array.isArray(list)) return invalid('resources must be a list');
  if (list.length > 50) invalid('At most 50 resources at once');
  return list.map((entry) => {
    if (typeof entry !== 'object' || entry === null) return invalid('Each resource must be an object with a url');
    const resource = entry as Input;
    const url = text(resource, 'url')?.trim() ?? '';
    if (!isWebAddress(url)) return invalid('Each new resource must be a link with an http(s) url; upload tables with resource_create');
    const name = text(resource, 'name')?.trim() || url;
    const format = text(resource, 'format')?.trim() ?? '';
    const description = text(resource, 'description')?.trim() ?? '';
    if ([...format].length > 20 || [...description].length > 2000) invalid('A resource format is at most 20 and a description at most 2000 characters');
    return { name: [...name].slice(0, 200).join(''), url, format, description };
  });
}

async function packageCreate(input: Input, context: CkanContext) {
  const user = requireWriter(context);
  const name = text(input, 'name')?.trim().toLowerCase();
  if (!name || !SLUG_PATTERN.test(name)) {
    throw new CkanError(409, 'Validation Error', 'Invalid name', { name: ['Must be 2-100 lower-case letters, digits, - and _'] });
  }
  if (await isSlugTaken(name)) throw new CkanError(409, 'Validation Error', 'That URL is already in use.', { name: ['That URL is already in use.'] });
  const links = input.resources === undefined ? [] : inlineLinks(input.resources);
  // A new package has no imported table yet; it can be public at once only with links to offer
  // (the web publish step's rule). Say so rather than leave a draft the caller believes published.
  if (boolish(input.private) === false && links.length === 0) {
    const message = 'A dataset needs at least one imported resource (or a link resource) before it can be published: create it, add a table with resource_create, then call package_patch with private=false';
    throw new CkanError(409, 'Validation Error', message, { private: [message] });
  }
  const orgName = text(input, 'owner_org');
  const department = orgName ? await departmentByNameOrId(orgName) : user.departmentId !== null ? await getDepartmentById(user.departmentId) : undefined;
  if (!department) throw new CkanError(409, 'Validation Error', 'Organization does not exist', { owner_org: ['Organization does not exist'] });
  const access = accessInputFrom(input, DEFAULT_ACCESS);
  const created = await datasetActions.createDataset(ckanActor(user, context), { ...datasetInputFrom(input, { licence: 'gov-open', title: name }), slug: name }, department.id);
  if (!created.ok) {
    if (created.problem.code === 'slugTaken') throw new CkanError(409, 'Validation Error', 'That URL is already in use.', { name: ['That URL is already in use.'] });
    throw new CkanError(403, 'Authorization Error', `User ${user.email} not authorized to add dataset to ${department.slug}`);
  }
  if (access !== DEFAULT_ACCESS) await datasetActions.updateDatasetAccess(ckanActor(user, context), created.value.id, access);
  for (const link of links) await addLinkResource(ckanActor(user, context), created.value.id, link);
  // Otherwise new packages are drafts until published with package_patch private=false (which needs a resource).
  if (boolish(input.private) === false) return await packagePatch({ id: name, private: false }, context);
  return await showPackage(name, context);
}

async function packagePatch(input: Input, context: CkanContext) {
  const user = requireWriter(context);
  const idOrName = text(input, 'id') ?? text(input, 'name');
  const dataset = await findPackage(idOrName, user);
  const managed = await getManagedDataset(dataset.slug, user);
  if (!managed) throw new CkanError(403, 'Authorization Error', `User ${user.email} not authorized to edit package ${dataset.slug}`);
  // Checked before anything is changed, so a bad level leaves the package as it was.
  const access = accessInputFrom(input, managed);
  const touchesFields = ['title', 'notes', 'license_id', 'tags', 'maintainer', 'maintainer_email', 'url', 'version', 'author', 'groups', 'extras'].some((key) => input[key] !== undefined);
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
      themes: managed.themes,
      sourceUrl: managed.sourceUrl,
      version: managed.version,
      authorName: managed.authorName,
      extras: managed.extras,
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
  return await showPackage(managed.slug, { ...context, user });
}


/**
 * CKAN's full replace: the description fields not given are emptied (the title falls back to the
 * name, the licence to the platform's default), and when `resources` is given the resources it does
 * not list are removed. The access levels and publication stay as they are unless given: leaving
 * them out must never open a dataset. New tables come through resource_create.
 */
async function packageUpdate(input: Input, context: CkanContext) {
  const user = requireWriter(context);
  const dataset = await findPackage(text(input, 'id') ?? text(input, 'name'), user);
  const managed = await getManagedDataset(dataset.slug, user);
  if (!managed) throw new CkanError(403, 'Authorization Error', `User ${user.email} not authorized to edit package ${dataset.slug}`);
  let keep: Set<number> | null = null;
  let newLinks: ReturnType<typeof inlineLinks> = [];
  const listed: Awaited<ReturnType<typeof planResourceChange>>[] = [];
  if (input.resources !== undefined) {
    const list = jsonish(input.resources);
    if (!Array.isArray(list)) throw new CkanError(409, 'Validation Error', 'resources must be a list', { resources: ['Not a list'] });
    const own = new Set(dataset.resources.map((r) => r.id));
    keep = new Set();
    // Entries without an id are new link resources; the others must be the package's own.
    newLinks = inlineLinks(list.filter((entry) => typeof entry === 'object' && entry !== null && (entry as Input).id === undefined));
    for (const entry of list) {
      if (typeof entry === 'object' && entry !== null && (entry as Input).id === undefined) continue;
      const raw = typeof entry === 'object' && entry !== null ? (entry as Input).id : undefined;
      const id = typeof raw === 'string' || typeof raw === 'number' ? await resourceIdFrom(String(raw)) : undefined;
      if (id === undefined || !own.has(id)) {
        const message = 'Each resource in package_update must be one of the package\'s, by id, or a new link with a url; add new tables with resource_create';
        throw new CkanError(409, 'Validation Error', message, { resources: [message] });
      }
      keep.add(id);
      // Checked now, so a bad entry refuses the whole update before anything is written.
      listed.push(await planResourceChange({ ...(entry as Input), id }, { ...context, upload: null }, false));
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
      url: given('url', ''),
      version: given('version', ''),
      author: given('author', ''),
      groups: given('groups', []),
      extras: given('extras', []),
      private: undefined,
    },
    context,
  );
  if (keep) {
    for (const resource of dataset.resources) {
      if (!keep.has(resource.id)) await removeResource(ckanActor(user, context), managed.id, resource.id);
    }
  }
  // The listed resources take the names, descriptions and (for links) addresses given, as in CKAN.
  for (const plan of listed) await applyResourceChange(plan, context);
  for (const link of newLinks) await addLinkResource(ckanActor(user, context), managed.id, link);
  return await packagePatch({ id: managed.slug, private: input.private }, context);
}

/** Retires a dataset (CKAN's delete): gone from every public list and 404 to the public, kept for its history. */
async function packageDelete(input: Input, context: CkanContext) {
  const user = requireWriter(context);
  const dataset = await findPackage(text(input, 'id') ?? text(input, 'name'), user);
  const managed = await getManagedDataset(dataset.slug, user);
  if (!managed) throw new CkanError(403, 'Authorization Error', `User ${user.email} not authorized to delete package ${dataset.slug}`);
  const retired = await datasetActions.unpublishDataset(ckanActor(user, context), managed.id, 'retired');
  if (!retired.ok) throw new CkanError(403, 'Authorization Error', 'Access denied');
  return null;
}

/** Removes a resource and its tables from a dataset the token's department manages. */
async function resourceDelete(input: Input, context: CkanContext) {
  const user = requireWriter(context);
  const raw = text(input, 'id') ?? '';
  const resourceId = await resourceIdFrom(raw);
  const slug = resourceId === undefined ? undefined : await datasetSlugOfResource(resourceId);
  const managed = slug === undefined ? undefined : await getManagedDataset(slug, user);
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
  'group_list',
  'group_show',
  'resource_show',
  'datastore_search',
  'package_create',
  'package_patch',
  'resource_create',
  'resource_update',
  'resource_patch',
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
      return (await searchPublishedDatasets({ sort: 'name', limit, offset })).datasets.map((d) => d.slug);
    }
    case 'current_package_list_with_resources': {
      const limit = integer(input, 'limit', 10, 1000);
      const offset = integer(input, 'offset', 0, Number.MAX_SAFE_INTEGER);
      return Promise.all((await searchPublishedDatasets({ sort: 'updated', limit, offset })).datasets.map((d) => showPackage(d.slug, context)));
    }
    case 'tag_list': {
      const all = boolish(jsonish(input.all_fields)) === true;
      const tags = await listPublicTags({ prefix: text(input, 'query'), limit: integer(input, 'limit', 1000, 1000) });
      return all ? tags.map((t) => ({ id: t.tag, name: t.tag, display_name: t.tag, vocabulary_id: null })) : tags.map((t) => t.tag);
    }
    case 'license_list':
      return Object.values(CKAN_LICENCES).map((l) => ({ id: l.id, title: l.title, url: licenceUrl(l.url, context.origin), status: 'active', od_conformance: 'approved' }));
    case 'package_show':
      return await showPackage(text(input, 'id') ?? text(input, 'name'), context);
    case 'package_search':
      return await packageSearch(input, context);
    case 'organization_list': {
      const all = boolish(jsonish(input.all_fields)) === true;
      const limit = integer(input, 'limit', 1000, 1000);
      const offset = integer(input, 'offset', 0, 1_000_000);
      const departments = sortOrganizations(await listDepartmentsWithCounts(), text(input, 'sort')).slice(offset, offset + limit);
      return all ? departments.map((d) => organizationDict(d, d.publishedCount)) : departments.map((d) => d.slug);
    }
    case 'group_list': {
      const all = boolish(jsonish(input.all_fields)) === true;
      const limit = integer(input, 'limit', 1000, 1000);
      const offset = integer(input, 'offset', 0, 1_000_000);
      const counts = await themeCounts();
      const themes = DATASET_THEMES.map((theme) => ({ theme, slug: theme, name: groupDict(theme).title, publishedCount: counts.get(theme) ?? 0 }));
      const page = sortOrganizations(themes, text(input, 'sort')).slice(offset, offset + limit);
      return all ? page.map((g) => groupDict(g.theme, g.publishedCount)) : page.map((g) => g.slug);
    }
    case 'group_show': {
      const raw = text(input, 'id') ?? '';
      const theme = DATASET_THEMES.find((th) => th === raw);
      if (!theme) throw new CkanError(404, 'Not Found Error', 'Group not found');
      const dict = groupDict(theme, (await themeCounts()).get(theme) ?? 0);
      if (boolish(jsonish(input.include_datasets)) !== true) return dict;
      const { datasets } = await searchPublishedDatasets({ theme, sort: 'name', limit: 1000 });
      return { ...dict, packages: await Promise.all(datasets.map((d) => showPackage(d.slug, context))) };
    }
    case 'organization_show': {
      const department = await departmentByNameOrId(text(input, 'id') ?? '');
      if (!department) throw new CkanError(404, 'Not Found Error', 'Not found');
      const count = (await listDepartmentsWithCounts()).find((d) => d.id === department.id)?.publishedCount ?? 0;
      const dict = organizationDict(department, count);
      if (boolish(jsonish(input.include_datasets)) !== true) return dict;
      // As CKAN: the organization's public datasets, up to a thousand.
      const { datasets } = await searchPublishedDatasets({ department: department.slug, sort: 'name', limit: 1000 });
      return { ...dict, packages: await Promise.all(datasets.map((d) => showPackage(d.slug, context))) };
    }
    case 'datastore_info': {
      const resourceId = text(input, 'resource_id') ?? text(input, 'id');
      if (!resourceId) throw new CkanError(409, 'Validation Error', 'Missing value', { resource_id: ['Missing value'] });
      const resource = await readableForCkan(resourceId, context);
      return {
        meta: { id: resource.uuid, count: resource.rowCount, table_type: 'BASE TABLE' },
        fields: resource.columns.map((c) => ({ id: c.name, type: CKAN_TYPES[c.type], info: { label: c.label ?? '', notes: c.description ?? '' } })),
      };
    }
    case 'resource_show': {
      // A resource's description is as visible as its dataset (a conditional dataset's too); its rows are not.
      const id = text(input, 'id') ?? '';
      const numericId = await resourceIdFrom(id);
      const slug = numericId === undefined ? undefined : await datasetSlugOfResource(numericId);
      if (slug === undefined) throw new CkanError(404, 'Not Found Error', 'Not found');
      const pkg = await showPackage(slug, context);
      const uuid = numericId === undefined ? undefined : await resourceUuidById(numericId);
      const dict = pkg.resources.find((r) => r.id === uuid);
      if (!dict) throw new CkanError(404, 'Not Found Error', 'Not found');
      return dict;
    }
    case 'datastore_search':
      return await datastoreSearch(input, context);
    case 'package_create':
      return await packageCreate(input, context);
    case 'package_patch':
      return await packagePatch(input, context);
    case 'resource_create':
      return await resourceCreate(input, context);
    case 'resource_update':
      return await resourceChange(input, context, true);
    case 'resource_patch':
      return await resourceChange(input, context, false);
    case 'package_delete':
      return await packageDelete(input, context);
    case 'package_update':
      return await packageUpdate(input, context);
    case 'resource_delete':
      return await resourceDelete(input, context);
    case 'datastore_search_sql':
      // Arbitrary SQL over the served tables cannot be bounded in time or kept to them safely here.
      throw new CkanError(400, 'Bad request', 'datastore_search_sql is not supported on this site: use datastore_search with filters, q, fields, sort and distinct');
    default:
      throw new CkanError(400, 'Bad request', `Action name not known: ${action}`);
  }
}

/** Actions that change data: POST only, token required. */
export function isWriteAction(action: string): boolean {
  return ['package_create', 'package_patch', 'package_update', 'resource_create', 'resource_update', 'resource_patch', 'package_delete', 'resource_delete'].includes(action);
}
