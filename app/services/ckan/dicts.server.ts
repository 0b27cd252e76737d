/**
 * CKAN's data shapes (package, resource, organization), so existing open-data tools can read
 * Jindianzi as if it were a CKAN site. Organisations are departments; a package's `name` is the
 * dataset slug; a tabular resource's `url` downloads its served table as CSV.
 */
import { createTranslator, DEFAULT_LOCALE } from '~/lib/i18n';
import type { DatasetTheme } from '~/lib/vocabulary';
import type { DatasetDetail } from '~/models/datasets.server';
import type { Department } from '~/models/departments.server';

/** CKAN licence ids for our licences (CKAN's default licence list where one fits). */
export const CKAN_LICENCES: Record<string, { id: string; title: string; url: string }> = {
  'cc-by-4.0': { id: 'cc-by', title: 'Creative Commons Attribution 4.0', url: 'https://creativecommons.org/licenses/by/4.0/' },
  'cc0-1.0': { id: 'cc-zero', title: 'Creative Commons CCZero', url: 'https://creativecommons.org/publicdomain/zero/1.0/' },
  'odc-by': { id: 'odc-by', title: 'Open Data Commons Attribution License', url: 'https://opendatacommons.org/licenses/by/1-0/' },
  'gov-open': { id: 'gov-open', title: '政府开放数据许可 (Government open data licence)', url: '/licences/gov-open' },
};

/** A licence's URL, absolute: the government licence's page is on this site. */
export function licenceUrl(url: string, origin: string): string {
  return url ? new URL(url, origin).href : '';
}

export function licenceFromCkan(id: unknown): string | undefined {
  if (typeof id !== 'string') return undefined;
  const entry = Object.entries(CKAN_LICENCES).find(([ours, theirs]) => theirs.id === id || ours === id);
  return entry?.[0];
}

const MIME: Record<string, string> = { csv: 'text/csv', json: 'application/json', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };

/** CKAN's timestamp format: UTC, microseconds, no zone letter (2026-12-04T13:00:00.123456). */
export function ckanTimestamp(date: Date): string {
  return `${date.toISOString().slice(0, 23)}000`;
}

type OrganizationSource = Pick<Department, 'id' | 'uuid' | 'slug' | 'name' | 'description' | 'createdAt'>;

export function organizationDict(department: OrganizationSource, packageCount?: number) {
  return {
    id: department.uuid ?? department.slug,
    name: department.slug,
    title: department.name,
    display_name: department.name,
    description: department.description,
    type: 'organization',
    is_organization: true,
    state: 'active',
    approval_status: 'approved',
    created: ckanTimestamp(department.createdAt),
    image_url: '',
    ...(packageCount === undefined ? {} : { package_count: packageCount }),
  };
}

/** A theme as a CKAN group (groups have no UUIDs here: the theme list is the same on every site). */
export function groupDict(theme: DatasetTheme, packageCount?: number) {
  const title = createTranslator(DEFAULT_LOCALE)(`theme.${theme}`);
  return {
    id: theme,
    name: theme,
    title,
    display_name: title,
    description: '',
    type: 'group',
    is_organization: false,
    state: 'active',
    approval_status: 'approved',
    image_url: '',
    image_display_url: '',
    ...(packageCount === undefined ? {} : { package_count: packageCount }),
  };
}

/** Extras the platform writes itself; a client's own extras never override them. */
export const RESERVED_EXTRAS = new Set(['update_frequency', 'jindianzi_status', 'access_level', 'sharing', 'open_conditions', 'sharing_conditions', 'resource_code']);

type ResourceSource = DatasetDetail['resources'][number];

/** A link resource as CKAN shows one: its own address and declared format, no datastore. */
function linkResourceDict(dataset: Pick<DatasetDetail, 'uuid'>, resource: ResourceSource & { linkUrl: string }, position: number) {
  return {
    id: resource.uuid,
    package_id: dataset.uuid,
    name: resource.name,
    description: resource.description,
    format: resource.linkFormat.toUpperCase(),
    mimetype: null,
    url: resource.linkUrl,
    url_type: null,
    datastore_active: false,
    size: null,
    hash: '',
    created: null,
    last_modified: null,
    position,
    state: 'active',
  };
}

export function resourceDict(dataset: Pick<DatasetDetail, 'uuid' | 'slug'>, resource: ResourceSource, position: number, origin: string) {
  if (resource.linkUrl !== null) return linkResourceDict(dataset, { ...resource, linkUrl: resource.linkUrl }, position);
  return {
    id: resource.uuid,
    package_id: dataset.uuid,
    name: resource.name,
    description: resource.description,
    // What a download serves is always the datastore table, as CSV.
    format: 'CSV',
    mimetype: MIME.csv,
    url: `${origin}/datasets/${dataset.slug}/resources/${resource.id}/download/csv`,
    url_type: null,
    datastore_active: resource.ready,
    // The file as the department uploaded it: its size and SHA-256 (CKAN's hash is free text), and
    // only when the served table is that file unchanged: the fingerprint of an upload that held
    // personal information before de-identification is not published.
    size: resource.servedIsUpload ? resource.byteSize : null,
    hash: resource.servedIsUpload && resource.sha256 ? `sha256:${resource.sha256}` : '',
    original_format: resource.format.toUpperCase(),
    created: resource.importedAt ? ckanTimestamp(resource.importedAt) : null,
    last_modified: resource.importedAt ? ckanTimestamp(resource.importedAt) : null,
    position,
    state: 'active',
  };
}

export function packageDict(dataset: DatasetDetail, department: OrganizationSource, origin: string) {
  const licence = CKAN_LICENCES[dataset.licence] ?? { id: dataset.licence, title: dataset.licence, url: '' };
  const resources = dataset.resources.filter((r) => r.ready || r.linkUrl !== null).map((r, i) => resourceDict(dataset, r, i, origin));
  return {
    id: dataset.uuid,
    name: dataset.slug,
    title: dataset.title,
    notes: dataset.description,
    type: 'dataset',
    state: 'active',
    private: dataset.status !== 'published' || dataset.accessLevel === 'closed',
    // 开放属性 and 共享属性, as CKAN-style keys (also in extras for clients that read only those).
    access_level: dataset.accessLevel,
    sharing: dataset.sharing,
    license_id: licence.id,
    license_title: licence.title,
    license_url: licenceUrl(licence.url, origin),
    maintainer: dataset.contactName,
    maintainer_email: dataset.contactEmail,
    // Only what a department set: the organization is already in `organization`, and filling it in
    // here would come back through a show-then-update round trip as the author.
    author: dataset.authorName,
    author_email: '',
    // CKAN's url is the data's source elsewhere; the dataset's own page is not a source.
    url: dataset.sourceUrl,
    version: dataset.version || null,
    owner_org: department.uuid ?? department.slug,
    organization: organizationDict(department),
    metadata_created: ckanTimestamp(dataset.createdAt),
    metadata_modified: ckanTimestamp(dataset.updatedAt),
    tags: dataset.tags.map((tag) => ({ name: tag, display_name: tag, state: 'active' })),
    num_tags: dataset.tags.length,
    resources,
    num_resources: resources.length,
    groups: dataset.themes.map((theme) => groupDict(theme)),
    extras: [
      { key: 'update_frequency', value: dataset.updateFrequency },
      { key: 'jindianzi_status', value: dataset.status },
      { key: 'access_level', value: dataset.accessLevel },
      { key: 'sharing', value: dataset.sharing },
      ...(dataset.openConditions ? [{ key: 'open_conditions', value: dataset.openConditions }] : []),
      ...(dataset.sharingConditions ? [{ key: 'sharing_conditions', value: dataset.sharingConditions }] : []),
      ...(dataset.resourceCode ? [{ key: 'resource_code', value: dataset.resourceCode }] : []),
      ...dataset.keyColumns.map((k) => ({ key: `key_column:${k.kind}`, value: k.column })),
      ...dataset.extras,
    ],
  };
}
