/**
 * The work behind the DCAT documents: read what the models' public reads return (listCatalogPage,
 * and getDatasetForViewer for an anonymous viewer, which asks canSeeDataset), add what the
 * catalogue says about it, build the graph and serialise it. A catalogue page runs in a worker
 * thread (./documents.server.ts): a hundred datasets of several tables each are ten thousand quads,
 * and framing them as JSON-LD takes some hundreds of milliseconds.
 */
import { CATALOG_PAGE_SIZE, catalogPaging, divisionOfOrgCode, divisionOfSiteCode, type RdfFormat } from '~/lib/dcat';
import { createTranslator, LOCALES, type MessageKey, type MessageParams } from '~/lib/i18n';
import { pageWindow } from '~/lib/paging';
import { boundaryNamesByCode } from '~/models/boundaries.server';
import { catalogueDates, distributionFacts, getDatasetForViewer, listCatalogPage, type DistributionFacts } from '~/models/datasets.server';
import { listDepartments } from '~/models/departments.server';
import { getSiteSettings } from '~/models/site-settings.server';
import { catalogueQuads, datasetQuads, type DcatDataset, type DcatResource, type DcatSite, type Division, type Text } from './graph.server';
import { serialise } from './serialise.server';

/** One page of the public catalogue, serialised. */
export async function catalogueBody(input: { origin: string; page: number; format: RdfFormat }): Promise<string> {
  const { origin, page, format } = input;
  const { datasets, total } = await listCatalogPage(pageWindow(page, CATALOG_PAGE_SIZE));
  const facts = await distributionFacts(datasets.flatMap((d) => d.resources.map((r) => r.id)));
  const departments = await departmentCodes();
  const site = await siteFacts(origin);
  const divisions = await divisionNames([site.division?.code, ...datasets.map((d) => divisionOfOrgCode(departments.get(d.departmentId) ?? null))]);
  const records = datasets.map((d) => {
    const code = departments.get(d.departmentId) ?? null;
    return datasetRecord({ ...d, departmentCode: code, division: divisionOf(code, site.division, divisions), resources: resourcesOf(d.resources, facts) });
  });
  const quads = catalogueQuads({ ...site, division: named(site.division, divisions) }, records, { ...catalogPaging(page, total), total, pageSize: CATALOG_PAGE_SIZE, format });
  return serialise(quads, format, 'dcat:Catalog');
}

/** One dataset, serialised; null when its page is not public. */
export async function datasetBody(input: { origin: string; slug: string; format: RdfFormat }): Promise<string | null> {
  const { origin, slug, format } = input;
  const dataset = await getDatasetForViewer({ slug, viewer: null });
  if (!dataset) return null;
  const facts = await distributionFacts(dataset.resources.map((r) => r.id));
  const code = (await departmentCodes()).get(dataset.departmentId) ?? null;
  const site = await siteFacts(origin);
  const divisions = await divisionNames([site.division?.code, divisionOfOrgCode(code)]);
  const record = datasetRecord({ ...dataset, departmentCode: code, division: divisionOf(code, site.division, divisions), resources: resourcesOf(dataset.resources, facts) });
  return serialise(datasetQuads(origin, record), format, 'dcat:Dataset');
}

/** A message in every language the site speaks, as language-tagged literals. */
function inEveryLanguage(key: MessageKey, params?: MessageParams): Text[] {
  return LOCALES.map((locale) => ({ text: createTranslator(locale)(key, params), language: locale }));
}

/**
 * The catalogue's own description: the site's name and operator (主办单位, else 承办单位) as the
 * admin set them, the division its 政府网站标识码 names, and its first and latest publication.
 */
async function siteFacts(origin: string): Promise<DcatSite> {
  const settings = await getSiteSettings();
  const dates = await catalogueDates();
  const operator = settings.sponsor || settings.organizer || settings.siteName;
  const code = divisionOfSiteCode(settings.siteCode);
  return {
    origin,
    title: settings.siteName ? [{ text: settings.siteName }] : inEveryLanguage('dcat.catalogTitle'),
    description: inEveryLanguage('dcat.catalogDescription'),
    publisher: operator ? [{ text: operator }] : inEveryLanguage('app.name'),
    division: code ? { code, name: null } : null,
    issued: dates.issued,
    modified: dates.modified,
  };
}

/** Departments' credit codes by id: a department's division is that of the authority that registered it. */
async function departmentCodes(): Promise<Map<number, string | null>> {
  return new Map((await listDepartments()).map((d) => [d.id, d.code]));
}

async function divisionNames(codes: readonly (string | null | undefined)[]): Promise<Map<string, string>> {
  return await boundaryNamesByCode([...new Set(codes.filter((c): c is string => Boolean(c)))]);
}

function named(division: Division | null, names: Map<string, string>): Division | null {
  return division ? { code: division.code, name: names.get(division.code) ?? null } : null;
}

/** The publishing department's division when its credit code gives one, else the site's. */
function divisionOf(departmentCode: string | null, site: Division | null, names: Map<string, string>): Division | null {
  const code = divisionOfOrgCode(departmentCode);
  return named(code ? { code, name: null } : site, names);
}

/** The resources the public read listed, in its order, with what the catalogue says about each. */
function resourcesOf(listed: readonly { id: number; name: string }[], facts: Map<number, DistributionFacts>): DcatResource[] {
  return listed.flatMap((r) => {
    const f = facts.get(r.id);
    if (!f) return [];
    const format = f.format.toUpperCase();
    return [
      {
        ...f,
        name: r.name,
        uploadTitle: inEveryLanguage('dcat.uploadTitle', { name: r.name, format }),
        uploadDescription: inEveryLanguage('dcat.uploadDescription', { format }),
      },
    ];
  });
}

/** Only what the graph reads, whichever public read the row came from. */
function datasetRecord(row: DcatDataset): DcatDataset {
  return {
    slug: row.slug,
    title: row.title,
    description: row.description,
    tags: row.tags,
    themes: row.themes,
    licence: row.licence,
    accessLevel: row.accessLevel,
    publishedAt: row.publishedAt,
    updatedAt: row.updatedAt,
    updateFrequency: row.updateFrequency,
    contactName: row.contactName,
    contactEmail: row.contactEmail,
    departmentName: row.departmentName,
    departmentCode: row.departmentCode,
    division: row.division,
    resources: row.resources,
  };
}
