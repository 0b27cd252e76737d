/**
 * The open-data catalogue as DCAT (W3C Data Catalog Vocabulary) in JSON-LD, for portals and
 * harvesters, a hundred datasets a page with Hydra paging links (as ckanext-dcat pages its own).
 */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { createTranslator, DEFAULT_LOCALE } from '~/lib/i18n';
import { listCatalogPage } from '~/models/datasets.server';
import { readPage } from '~/services/form-helpers.server';
import { siteOrigin } from '~/services/api-auth.server';
import { CORS_HEADERS } from '~/services/api/json.server';
import { CKAN_LICENCES } from '~/services/ckan/dicts.server';

const FREQUENCIES: Record<string, string> = {
  realtime: 'http://purl.org/cld/freq/continuous',
  daily: 'http://purl.org/cld/freq/daily',
  weekly: 'http://purl.org/cld/freq/weekly',
  monthly: 'http://purl.org/cld/freq/monthly',
  quarterly: 'http://purl.org/cld/freq/quarterly',
  yearly: 'http://purl.org/cld/freq/annual',
  irregular: 'http://purl.org/cld/freq/irregular',
};

/** 开放属性 in the EU access-right vocabulary (DCAT-AP): conditional data is RESTRICTED. */
const ACCESS_RIGHTS = {
  open: 'http://publications.europa.eu/resource/authority/access-right/PUBLIC',
  conditional: 'http://publications.europa.eu/resource/authority/access-right/RESTRICTED',
  closed: 'http://publications.europa.eu/resource/authority/access-right/NON_PUBLIC',
} as const;

const MEDIA_TYPES = { csv: 'text/csv', json: 'application/json', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } as const;

const PAGE_SIZE = 100;

export async function loader({ request }: LoaderFunctionArgs) {
  const origin = siteOrigin(request);
  const pageNumber = readPage(new URL(request.url));
  const { datasets, total } = listCatalogPage({ limit: PAGE_SIZE, offset: (pageNumber - 1) * PAGE_SIZE });
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const pageUrl = (n: number) => `${origin}/catalog.jsonld${n > 1 ? `?page=${n}` : ''}`;
  const graph = datasets.map((dataset) => {
    const page = `${origin}/datasets/${dataset.slug}`;
    const licence = CKAN_LICENCES[dataset.licence]?.url;
    return {
      '@id': page,
      '@type': 'dcat:Dataset',
      'dct:identifier': dataset.slug,
      'dct:title': dataset.title,
      'dct:description': dataset.description,
      'dct:publisher': { '@type': 'foaf:Organization', 'foaf:name': dataset.departmentName },
      'dct:issued': dataset.publishedAt?.toISOString(),
      'dct:modified': dataset.updatedAt.toISOString(),
      'dcat:keyword': dataset.tags,
      'dcat:landingPage': page,
      'dct:accessRights': { '@id': ACCESS_RIGHTS[dataset.accessLevel] },
      ...(licence ? { 'dct:license': licence } : {}),
      ...(FREQUENCIES[dataset.updateFrequency] ? { 'dct:accrualPeriodicity': FREQUENCIES[dataset.updateFrequency] } : {}),
      ...(dataset.contactEmail ? { 'dcat:contactPoint': { '@type': 'vcard:Organization', 'vcard:fn': dataset.contactName || dataset.departmentName, 'vcard:hasEmail': `mailto:${dataset.contactEmail}` } } : {}),
      'dcat:distribution': dataset.resources.flatMap((r) =>
        (['csv', 'json', 'xlsx'] as const).map((format) => ({
          '@type': 'dcat:Distribution',
          'dct:title': `${r.name} (${format.toUpperCase()})`,
          'dcat:downloadURL': `${page}/resources/${r.id}/download/${format}`,
          'dcat:accessURL': `${page}/resources/${r.id}`,
          'dcat:mediaType': MEDIA_TYPES[format],
          'dct:format': format.toUpperCase(),
          ...(licence ? { 'dct:license': licence } : {}),
        })),
      ),
    };
  });
  const body = {
    '@context': {
      dcat: 'http://www.w3.org/ns/dcat#',
      dct: 'http://purl.org/dc/terms/',
      foaf: 'http://xmlns.com/foaf/0.1/',
      vcard: 'http://www.w3.org/2006/vcard/ns#',
      hydra: 'http://www.w3.org/ns/hydra/core#',
    },
    '@id': `${origin}/catalog.jsonld`,
    '@type': 'dcat:Catalog',
    'dct:title': createTranslator(DEFAULT_LOCALE)('dcat.catalogTitle'),
    'dct:description': 'Open government datasets published on Jindianzi',
    'foaf:homepage': `${origin}/datasets`,
    'dcat:dataset': graph,
    'hydra:view': {
      '@id': pageUrl(pageNumber),
      '@type': 'hydra:PartialCollectionView',
      'hydra:totalItems': total,
      'hydra:first': pageUrl(1),
      'hydra:last': pageUrl(pages),
      ...(pageNumber > 1 ? { 'hydra:previous': pageUrl(Math.min(pageNumber - 1, pages)) } : {}),
      ...(pageNumber < pages ? { 'hydra:next': pageUrl(pageNumber + 1) } : {}),
    },
  };
  return new Response(JSON.stringify(body, null, 2), {
    headers: { ...CORS_HEADERS, 'Content-Type': 'application/ld+json; charset=utf-8', 'Cache-Control': 'public, max-age=300' },
  });
}
