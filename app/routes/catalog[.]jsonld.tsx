/** The open-data catalogue as DCAT (W3C Data Catalog Vocabulary) in JSON-LD, for portals and harvesters. */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { getDatasetForViewer, searchPublishedDatasets } from '~/models/datasets.server';
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

const MEDIA_TYPES = { csv: 'text/csv', json: 'application/json', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const origin = siteOrigin(request);
  const { datasets } = searchPublishedDatasets({ sort: 'updated', limit: 100_000 });
  const graph = datasets.map((summary) => {
    const dataset = getDatasetForViewer({ slug: summary.slug, viewer: null });
    const page = `${origin}/datasets/${summary.slug}`;
    const licence = CKAN_LICENCES[summary.licence]?.url;
    return {
      '@id': page,
      '@type': 'dcat:Dataset',
      'dct:identifier': summary.slug,
      'dct:title': summary.title,
      'dct:description': summary.description,
      'dct:publisher': { '@type': 'foaf:Organization', 'foaf:name': summary.departmentName },
      'dct:issued': summary.publishedAt?.toISOString(),
      'dct:modified': summary.updatedAt.toISOString(),
      'dcat:keyword': summary.tags,
      'dcat:landingPage': page,
      ...(licence ? { 'dct:license': licence } : {}),
      ...(dataset && FREQUENCIES[dataset.updateFrequency] ? { 'dct:accrualPeriodicity': FREQUENCIES[dataset.updateFrequency] } : {}),
      ...(dataset?.contactEmail ? { 'dcat:contactPoint': { '@type': 'vcard:Organization', 'vcard:fn': dataset.contactName || summary.departmentName, 'vcard:hasEmail': `mailto:${dataset.contactEmail}` } } : {}),
      'dcat:distribution': (dataset?.resources ?? [])
        .filter((r) => r.ready)
        .flatMap((r) =>
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
    },
    '@id': `${origin}/catalog.jsonld`,
    '@type': 'dcat:Catalog',
    'dct:title': '金点子 开放数据目录',
    'dct:description': 'Open government datasets published on Jindianzi',
    'foaf:homepage': `${origin}/datasets`,
    'dcat:dataset': graph,
  };
  return new Response(JSON.stringify(body, null, 2), {
    headers: { ...CORS_HEADERS, 'Content-Type': 'application/ld+json; charset=utf-8', 'Cache-Control': 'public, max-age=300' },
  });
}
