/** The API guide: copyable examples built from a real published table of this site. */
import { CKAN_ACTIONS } from '~/services/ckan/actions.server';
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useT } from '~/components/i18n';
import { pageMeta } from '~/components/meta';
import { PageHeader } from '~/components/page';
import { getDatasetForViewer, searchPublishedDatasets } from '~/models/datasets.server';
import { siteOrigin } from '~/services/api-auth.server';

export async function loader({ request }: LoaderFunctionArgs) {
  const origin = siteOrigin(request);
  // Use a real table for the examples, so they work when pasted.
  const first = (await Promise.all((await searchPublishedDatasets({ limit: 20 })).datasets.map((d) => getDatasetForViewer({ slug: d.slug, viewer: null })))).find((d) => d?.resources.some((r) => r.ready));
  const resource = first?.resources.find((r) => r.ready);
  const textColumn = resource?.columns.find((c) => c.type === 'text')?.name;
  const sampleValue = textColumn && resource?.preview[0] ? String(resource.preview[0][textColumn] ?? '') : '';
  return {
    ckanActions: [...CKAN_ACTIONS],
    origin,
    example: first && resource ? { slug: first.slug, resourceId: resource.id, column: textColumn ?? resource.columns[0]?.name ?? '', value: sampleValue } : null,
  };
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'api.title');

function Code({ children, label }: { children: string; label: string }) {
  return (
    <figure className="mt-3">
      <figcaption className="text-xs font-medium uppercase tracking-wide text-slate-600">{label}</figcaption>
      <pre className="mt-1 overflow-x-auto rounded-md bg-slate-900 p-4 text-sm leading-relaxed text-slate-100" tabIndex={0}>
        <code>{children}</code>
      </pre>
    </figure>
  );
}

export default function ApiGuidePage() {
  const { origin, example, ckanActions } = useLoaderData<typeof loader>();
  const t = useT();
  const slug = example?.slug ?? 'bus-routes';
  const rid = example?.resourceId ?? 1;
  const column = example?.column ?? t('api.example.column');
  const value = example?.value ?? t('api.example.value');
  const rows = `${origin}/api/v1/datasets/${slug}/resources/${rid}/rows`;
  const filtered = `${rows}?limit=100&eq.${encodeURIComponent(column)}=${encodeURIComponent(value)}`;
  const csv = `${origin}/datasets/${slug}/resources/${rid}/download/csv`;

  return (
    <div className="mx-auto max-w-4xl px-4 py-10 [overflow-wrap:anywhere]">
      <PageHeader title={t('api.title')} intro={t('api.intro')} />

      <section className="mt-10" aria-labelledby="read">
        <h2 id="read" className="text-2xl font-semibold text-slate-900">
          {t('api.read')}
        </h2>
        <ul className="mt-3 list-disc space-y-1 pl-6 text-slate-800">
          <li>
            <code>GET /api/v1/datasets</code> — {t('api.list')}
          </li>
          <li>
            <code>GET /api/v1/datasets/:slug</code> — {t('api.detail')}
          </li>
          <li>
            <code>GET /api/v1/datasets/:slug/resources/:id/rows</code> — {t('api.rows')}
          </li>
          <li>
            <code>GET /api/v1/adoptions</code> — {t('api.adoptions')}
          </li>
          <li>
            <code>POST /api/v1/adoptions</code> — {t('api.adoptionsReport')}
          </li>
        </ul>
        <p className="mt-3 text-slate-700">{t('api.params')}</p>
        <ul className="mt-2 list-disc space-y-1 pl-6 text-sm text-slate-800">
          <li>
            <code>limit</code>, <code>offset</code> — {t('api.paging')}
          </li>
          <li>
            <code>sort={t('api.placeholder.column')}</code>, <code>sort=-{t('api.placeholder.column')}</code> — {t('api.sort')}
          </li>
          <li>
            {(['eq', 'contains', 'gte', 'lte'] as const).map((op, i) => (
              <span key={op}>
                {i > 0 ? ', ' : ''}
                <code>
                  {op}.{t('api.placeholder.column')}={t('api.placeholder.value')}
                </code>
              </span>
            ))} — {t('api.filters')}
          </li>
          <li>
            <code>q={t('api.placeholder.text')}</code> — {t('api.q')}
          </li>
        </ul>
        <p className="mt-3 text-sm text-slate-700">{t('api.cors')}</p>
        <Code label="curl">{`curl '${filtered}'`}</Code>
        <Code label="Python (pandas)">{`import pandas as pd

# ${t('api.example.whole')}
df = pd.read_csv("${csv}")

# ${t('api.example.filtered')}
import requests
page = requests.get("${rows}",
                    params={"eq.${column}": "${value}", "limit": 1000}).json()
df = pd.DataFrame(page["records"])
print(page["total"], len(df))`}</Code>
        <Code label="JavaScript (fetch)">{`const url = new URL("${rows}");
url.searchParams.set("eq.${column}", "${value}");
url.searchParams.set("sort", "-_id");
const { total, records } = await (await fetch(url)).json();
console.log(total, records[0]);`}</Code>
      </section>

      <section className="mt-12" aria-labelledby="ckan">
        <h2 id="ckan" className="text-2xl font-semibold text-slate-900">
          {t('api.ckan')}
        </h2>
        <p className="mt-2 text-slate-700">{t('api.ckanIntro')}</p>
        <p className="mt-2 text-sm text-slate-700">{t('api.ckanPaths')}</p>
        <ul className="mt-3 grid list-disc gap-x-8 gap-y-1 pl-6 text-sm text-slate-800 sm:grid-cols-2">
          {ckanActions.map((action) => (
            <li key={action}>
              <a href={`/api/3/action/help_show?name=${action}`}>
                <code>{action}</code>
              </a>
            </li>
          ))}
        </ul>
        <p className="mt-2 text-sm text-slate-700">{t('api.ckanNotSupported')}</p>
        <Code label="Python (ckanapi)">{`from ckanapi import RemoteCKAN

site = RemoteCKAN("${origin}")          # apikey="jdz_…" for your own drafts or granted data
print(site.action.package_list())
pkg = site.action.package_show(id="${slug}")
found = site.action.package_search(fq="res_format:CSV AND -access_level:conditional",
                                   sort="metadata_modified desc", rows=20,
                                   **{"facet.field": '["organization", "tags"]'})
rows = site.action.datastore_search(resource_id="${rid}", filters={"${column}": "${value}"}, limit=5)
print(found["count"], rows["total"], rows["records"])`}</Code>
        <Code label="curl">{`# ${t('api.example.changedSince')}
curl '${origin}/api/action/package_search' -H 'Content-Type: application/json' \\
  -d '{"fq": "metadata_modified:[2026-12-01T00:00:00Z TO NOW]", "sort": "id asc", "rows": 100}'`}</Code>
        <p className="mt-4 text-slate-700">{t('api.dcat')}</p>
        <ul className="mt-2 list-disc space-y-1 pl-6 text-slate-800">
          <li>
            <a href="/catalog.ttl">/catalog.ttl</a> · <a href="/catalog.rdf">/catalog.rdf</a> · <a href="/catalog.jsonld">/catalog.jsonld</a> — {t('api.dcatPages')}
          </li>
          <li>
            <code>/catalog</code> — {t('api.dcatNegotiation')}
          </li>
          <li>
            <code>/datasets/{slug}.ttl</code>, <code>.rdf</code>, <code>.jsonld</code> — {t('api.dcatDataset')}
          </li>
        </ul>
      </section>

      <section className="mt-12" aria-labelledby="publish">
        <h2 id="publish" className="text-2xl font-semibold text-slate-900">
          {t('api.publish')}
        </h2>
        <p className="mt-2 text-slate-700">{t('api.publishIntro')}</p>
        <Code label="curl">{`TOKEN=jdz_…   # ${t('api.example.token')}

# ${t('api.example.create')}
curl -X POST '${origin}/api/3/action/package_create' \\
  -H "Authorization: $TOKEN" -H 'Content-Type: application/json' \\
  -d '{"name": "bus-ridership-2025-11", "title": "${t('api.example.datasetTitle')}", "owner_org": "transport", "license_id": "cc-by"}'

# ${t('api.example.upload')}
curl -X POST '${origin}/api/3/action/resource_create' \\
  -H "Authorization: $TOKEN" \\
  -F package_id=bus-ridership-2025-11 -F name=${t('api.example.resourceName')} -F upload=@${t('api.example.fileName')}

# ${t('api.example.publish')}
curl -X POST '${origin}/api/3/action/package_patch' \\
  -H "Authorization: $TOKEN" -H 'Content-Type: application/json' \\
  -d '{"id": "bus-ridership-2025-11", "private": false}'

# ${t('api.example.replace')}
curl -X POST '${origin}/api/3/action/resource_patch' \\
  -H "Authorization: $TOKEN" \\
  -F id=RESOURCE_ID -F upload=@${t('api.example.fileName')}

# ${t('api.example.link')}
curl -X POST '${origin}/api/3/action/resource_create' \\
  -H "Authorization: $TOKEN" -H 'Content-Type: application/json' \\
  -d '{"package_id": "bus-ridership-2025-11", "url": "https://bus.example.gov.cn/api/arrivals", "format": "API", "name": "${t('api.example.linkName')}"}'`}</Code>
      </section>
    </div>
  );
}
