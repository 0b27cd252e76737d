/**
 * The DCAT documents the routes answer with: a page of the catalogue, one dataset, or the
 * content-negotiated `/catalog`. What is public is decided by the models' public reads (see
 * ./build.server.ts), never here; a signed-in visitor gets the same public document, so it can be
 * cached.
 */
import { negotiateRdfFormat, parseCatalogPage, parseDatasetRdfFile, RDF_FORMATS, RDF_MEDIA_TYPES, type RdfFormat } from '~/lib/dcat';
import { createTranslator, negotiateLocale, type MessageKey, type MessageParams } from '~/lib/i18n';
import { CORS_HEADERS } from '~/services/api/json.server';
import { siteOrigin } from '~/services/site-origin.server';
import { runTask } from '~/services/workers/pool.server';
import { datasetBody } from './build.server';

const CACHE = 'public, max-age=300';

/** `/catalog.ttl`, `/catalog.rdf`, `/catalog.jsonld`: one page (`?page=N`) of the public catalogue, built in a worker. */
export async function catalogueDocument(request: Request, format: RdfFormat): Promise<Response> {
  const page = parseCatalogPage(new URL(request.url).searchParams.get('page'));
  if (page === null) return plainText(request, 400, 'dcat.badPage');
  return rdfResponse(await runTask('dcatCatalogue', { origin: siteOrigin(request), page, format }), format);
}

/** `/datasets/<slug>.<format>`: one dataset, exactly when its page is public (small: built here). */
export async function datasetDocument(request: Request, file: string): Promise<Response> {
  const parsed = parseDatasetRdfFile(file);
  const body = parsed ? await datasetBody({ origin: siteOrigin(request), ...parsed }) : null;
  if (!parsed || body === null) throw new Response('Not Found', { status: 404 });
  return rdfResponse(body, parsed.format);
}

/**
 * `/catalog` by the Accept header, answered with a redirect to the document itself (303 See
 * Other, the query kept): a page is cached by its URL, so one URL never carries two formats. A
 * browser asking for a page is sent to the datasets list, as ckanext-dcat shows its home page.
 */
export function negotiatedCatalogue(request: Request): Response {
  const answer = negotiateRdfFormat(request.headers.get('accept'));
  const headers = { ...CORS_HEADERS, Vary: 'Accept', 'Cache-Control': CACHE };
  const search = new URL(request.url).search;
  if (answer === 'html') return new Response(null, { status: 303, headers: { ...headers, Location: '/datasets' } });
  if (answer === null) return plainText(request, 406, 'dcat.notAcceptable', { formats: RDF_FORMATS.map((f) => RDF_MEDIA_TYPES[f]).join(', ') }, { Vary: 'Accept' });
  return new Response(null, { status: 303, headers: { ...headers, Location: `/catalog.${answer}${search}` } });
}

function rdfResponse(body: string, format: RdfFormat): Response {
  return new Response(body, { headers: { ...CORS_HEADERS, 'Content-Type': `${RDF_MEDIA_TYPES[format]}; charset=utf-8`, 'Cache-Control': CACHE } });
}

function plainText(request: Request, status: number, key: MessageKey, params?: MessageParams, headers: Record<string, string> = {}): Response {
  const t = createTranslator(negotiateLocale(null, request.headers.get('accept-language')));
  return new Response(`${t(key, params)}\n`, { status, headers: { ...CORS_HEADERS, ...headers, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
}

