/**
 * The DCAT catalogue over real HTTP, read back with real RDF parsers (n3 for Turtle,
 * rdfxml-streaming-parser for RDF/XML, jsonld.js for JSON-LD): the three serialisations carry the
 * same graph; DCAT-AP's mandatory properties are there; links are IRIs and dates are typed; Hydra
 * paging walks the whole public catalogue once; per-dataset documents exist exactly for public
 * datasets; `/catalog` negotiates by Accept; PUBLIC_URL names every IRI whatever the request's host.
 *
 * Fixtures: the demo data, plus (written straight into the database) site details with a
 * 政府网站标识码, a credit code for 交通运输局, themes for bus-routes and enough extra published
 * datasets for three pages; and, uploaded as 民政局, a draft held back by the privacy gate and a
 * blocked upload added to a published dataset.
 */
import fs from 'node:fs';
import jsonld from 'jsonld';
import { Parser, Writer, type Quad, type Term } from 'n3';
import { RdfXmlParser } from 'rdfxml-streaming-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgCodeProblem } from '../../app/lib/org-code';
import { residentIdCheckDigit } from '../../app/lib/privacy/detectors';
import { CIVIL_OFFICIAL, DEMO_PASSWORD } from '../helpers/demo';
import { HttpClient, visibleText } from '../helpers/http';
import { openServerDatabase, type ServerDatabase } from '../helpers/server-db';
import { startServer, tempDataDir, type TestServer } from '../helpers/server';
import { createApiToken } from '../helpers/api-token';

const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
const DCAT = 'http://www.w3.org/ns/dcat#';
const DCT = 'http://purl.org/dc/terms/';
const FOAF = 'http://xmlns.com/foaf/0.1/';
const VCARD = 'http://www.w3.org/2006/vcard/ns#';
const HYDRA = 'http://www.w3.org/ns/hydra/core#';
const SPDX = 'http://spdx.org/rdf/terms#';
const XSD = 'http://www.w3.org/2001/XMLSchema#';
const SKOS = 'http://www.w3.org/2004/02/skos/core#';

const MEDIA = { ttl: 'text/turtle', rdf: 'application/rdf+xml', jsonld: 'application/ld+json' } as const;
type Format = keyof typeof MEDIA;
const FORMATS = Object.keys(MEDIA) as Format[];

/** Properties whose values are links: never a literal. */
const LINKS = [
  `${DCAT}accessURL`, `${DCAT}downloadURL`, `${DCAT}landingPage`, `${DCT}license`, `${FOAF}homepage`, `${DCT}accrualPeriodicity`, `${DCAT}mediaType`,
  `${DCT}format`, `${VCARD}hasEmail`, `${DCT}accessRights`, `${DCT}language`, `${DCAT}theme`, `${DCAT}themeTaxonomy`, `${DCAT}dataset`, `${DCAT}distribution`,
  `${HYDRA}next`, `${HYDRA}nextPage`, `${HYDRA}previous`, `${HYDRA}previousPage`, `${HYDRA}first`, `${HYDRA}firstPage`, `${HYDRA}last`, `${HYDRA}lastPage`,
];
const DATE_TIMES = [`${DCT}issued`, `${DCT}modified`];
const DATES = [`${DCAT}startDate`, `${DCAT}endDate`];

const PUBLIC_URL = 'https://data.yunxi.example.gov.cn';
const SITE_CODE = '5307000001';
const EXTRA_DATASETS = 205;
const DRAFT = 'community-care-facilities';
const CLOSED = 'relief-household-register';
const BLOCKED = 'relief-recipients-dcat';
const LINK = 'https://www.yunxi.example.gov.cn/mz/dibao-policy.pdf';

let dataDir: string;
let server: TestServer;
let anonymous: HttpClient;
let db: ServerDatabase;
let transportCode = '';
let blockedResource = 0;

// ---------------------------------------------------------------------------------------------
// Parsing and reading graphs

async function parse(body: string, format: Format, base: string): Promise<Quad[]> {
  if (format === 'ttl') return new Parser({ baseIRI: base }).parse(body);
  if (format === 'rdf') {
    return new Promise((resolve, reject) => {
      const quads: Quad[] = [];
      const parser = new RdfXmlParser({ baseIRI: base });
      parser.on('data', (q: Quad) => quads.push(q));
      parser.on('error', reject);
      parser.on('end', () => resolve(quads));
      parser.write(body);
      parser.end();
    });
  }
  const nquads = (await jsonld.toRDF(JSON.parse(body) as object, {
    format: 'application/n-quads',
    documentLoader: async (url: string) => {
      throw new Error(`no loading ${url}`);
    },
  } as jsonld.Options.ToRdf)) as unknown as string;
  return new Parser({ format: 'N-Quads' }).parse(nquads);
}

async function get(url: string, client = anonymous) {
  const response = await client.get(url);
  return response;
}

async function graphOf(url: string, format: Format): Promise<Graph> {
  const response = await get(url);
  expect(response.status, url).toBe(200);
  expect(response.headers.get('content-type'), url).toContain(MEDIA[format]);
  return new Graph(await parse(response.body, format, new URL(url, server.url).href));
}

class Graph {
  constructor(readonly quads: Quad[]) {}

  objects(subject: Term | string, predicate: string): Term[] {
    const s = typeof subject === 'string' ? subject : subject.value;
    return this.quads.filter((q) => q.subject.value === s && q.predicate.value === predicate).map((q) => q.object);
  }

  one(subject: Term | string, predicate: string): Term {
    const [first] = this.objects(subject, predicate);
    expect(first, `${typeof subject === 'string' ? subject : subject.value} ${predicate}`).toBeDefined();
    return first as Term;
  }

  subjectsOfType(type: string): Term[] {
    return this.quads.filter((q) => q.predicate.value === `${RDF}type` && q.object.value === type).map((q) => q.subject);
  }

  has(subject: Term | string, predicate: string, object: string): boolean {
    return this.objects(subject, predicate).some((o) => o.value === object);
  }
}

/** The graph in canonical N-Quads (blank nodes labelled by RDFC-1.0), paging IRIs named format-free. */
async function canonical(graph: Graph): Promise<string> {
  const nquads = new Writer({ format: 'N-Quads' }).quadsToString(graph.quads).replace(/\/catalog\.(ttl|rdf|jsonld)\?/g, '/catalog.FORMAT?');
  // jsonld.js canonizes N-Quads given as a string; its types know only JSON-LD input.
  const canonize = jsonld.canonize as unknown as (input: string, options: object) => Promise<string>;
  return canonize(nquads, { algorithm: 'RDFC-1.0', inputFormat: 'application/n-quads' });
}

// ---------------------------------------------------------------------------------------------
// Fixtures

function residentId(first17: string): string {
  return first17 + residentIdCheckDigit(first17);
}

/** A valid 统一社会信用代码 of a 机关 registered in 城关区 (530702), whose check character we find. */
function creditCodeIn(division: string): string {
  const body = `11${division}MB1234567`;
  for (const check of '0123456789ABCDEFGHJKLMNPQRTUWXY') if (orgCodeProblem(body + check) === null) return body + check;
  throw new Error('no check character');
}

async function waitForImport(http: HttpClient, jobId: number) {
  for (let i = 0; i < 200; i += 1) {
    const job = JSON.parse((await http.get(`/manage/imports/${jobId}`)).body) as { status: string };
    if (job.status === 'succeeded' || job.status === 'failed') return job;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('import did not finish');
}

async function upload(http: HttpClient, slug: string, filename: string, csv: string): Promise<number> {
  const form = new FormData();
  form.set('file', new Blob([Buffer.from(csv, 'utf8')]), filename);
  const response = await http.request(`/manage/datasets/${slug}/upload`, { method: 'POST', body: form, headers: { Accept: 'application/json', Origin: server.url } });
  const body = JSON.parse(response.body) as { jobId: number };
  expect(await waitForImport(http, body.jobId)).toMatchObject({ status: 'succeeded' });
  return (await db.get<{ id: number }>('SELECT r.id FROM dataset_resources r JOIN datasets d ON d.id = r.dataset_id WHERE d.slug = ? ORDER BY r.id DESC LIMIT 1', slug))!.id;
}

const PERSONAL_CSV = `序号,身份证号,补贴金额（元）\r\n${Array.from({ length: 12 }, (_, i) => `${i + 1},${residentId(`530702${1970 + i}0${(i % 9) + 1}1${i % 10}${String(i).padStart(3, '0')}`)},${300 + i}`).join('\r\n')}\r\n`;

async function writeFixtures() {
  const now = Date.now();
  for (const [key, value] of [['siteName', '云溪市公共数据开放平台'], ['sponsor', '云溪市人民政府办公室'], ['siteCode', SITE_CODE]]) {
    await db.run('INSERT INTO site_settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value', key, value, new Date(now));
  }
  transportCode = creditCodeIn('530702');
  await db.run("UPDATE departments SET code = ? WHERE slug = 'transport'", transportCode);
  const busRoutes = (await db.get<{ id: number }>("SELECT id FROM datasets WHERE slug = 'bus-routes'"))!.id;
  for (const theme of ['transport', 'urban']) await db.run('INSERT INTO dataset_themes (dataset_id, theme) VALUES (?, ?) ON CONFLICT DO NOTHING', busRoutes, theme);
  // Volume for paging: published datasets without tables are catalogue entries like any other.
  const department = (await db.get<{ id: number }>("SELECT id FROM departments WHERE slug = 'emergency'"))!.id;
  const rows = Array.from({ length: EXTRA_DATASETS }, (_, i) => {
    const at = new Date(now - i * 60_000);
    return [crypto.randomUUID(), `paging-${String(i).padStart(3, '0')}`, `分页测试数据集 ${i}`, `第 ${i} 个\r\n第二行`, department, at, at, at];
  });
  await db.run(
    `INSERT INTO datasets (uuid, slug, title, description, department_id, status, access_level, licence, update_frequency, published_at, created_at, updated_at) VALUES ${rows
      .map(() => "(?, ?, ?, ?, ?, 'published', 'open', 'cc0-1.0', 'yearly', ?, ?, ?)")
      .join(', ')}`,
    ...rows.flat(),
  );
}

beforeAll(async () => {
  dataDir = tempDataDir('jdz-dcat-');
  server = await startServer({ dataDir });
  anonymous = new HttpClient(server.url);
  db = await openServerDatabase(server);
  await writeFixtures();

  const civil = new HttpClient(server.url, { 'Accept-Language': 'zh-CN' });
  await civil.signIn(CIVIL_OFFICIAL, DEMO_PASSWORD);
  const created = await civil.post('/manage/datasets/new', { title: '临时救助名单', slug: BLOCKED, licence: 'gov-open', updateFrequency: 'monthly', tags: '救助' });
  expect(created.status).toBe(302);
  await upload(civil, BLOCKED, '救助名单.csv', PERSONAL_CSV);
  // The gate refuses to publish while the ID numbers are unresolved: the dataset stays a draft.
  const publish = await civil.post(`/manage/datasets/${BLOCKED}`, { intent: 'publish' });
  expect(publish.status).toBeLessThan(500);
  expect((await db.get<{ status: string }>('SELECT status FROM datasets WHERE slug = ?', BLOCKED))?.status).toBe('draft');
  // And a blocked upload beside the served table of a published dataset.
  blockedResource = await upload(civil, 'subsistence-allowance-by-township', '救助明细.csv', PERSONAL_CSV);
  expect((await db.get<{ table_name: string | null }>('SELECT table_name FROM dataset_resources WHERE id = ?', blockedResource))!.table_name).toBeNull();
  // A link resource (CKAN resource_create with a url), which the public sees as a link.
  const token = await createApiToken(civil, 'dcat');
  const link = await fetch(`${server.url}/api/action/resource_create`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-CKAN-API-Key': token },
    body: JSON.stringify({ package_id: 'subsistence-allowance-by-township', url: LINK, format: 'PDF', name: '低保政策说明' }),
  });
  expect(link.status).toBe(200);
}, 120_000);

afterAll(async () => {
  await db?.close();
  await server?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Every page of the catalogue in a format, by following hydra:next from the first. */
async function walk(format: Format): Promise<{ pages: Graph[]; datasets: string[] }> {
  const pages: Graph[] = [];
  const datasets: string[] = [];
  let url: string | null = `/catalog.${format}`;
  while (url) {
    const graph = await graphOf(url, format);
    pages.push(graph);
    const catalog = graph.subjectsOfType(`${DCAT}Catalog`)[0] as Term;
    datasets.push(...graph.objects(catalog, `${DCAT}dataset`).map((d) => d.value));
    const view = graph.one(catalog, `${HYDRA}view`);
    const next = graph.objects(view, `${HYDRA}next`)[0];
    expect(graph.objects(view, `${HYDRA}nextPage`)[0]?.value).toBe(next?.value);
    url = next ? new URL(next.value).pathname + new URL(next.value).search : null;
    expect(pages.length).toBeLessThan(10);
  }
  return { pages, datasets };
}

async function publicSlugs(): Promise<string[]> {
  return (await db.all<{ slug: string }>("SELECT slug FROM datasets WHERE status = 'published' AND access_level != 'closed' ORDER BY slug")).map((r) => r.slug);
}

describe('the three serialisations', () => {
  it('carry the same graph, with the media type each names', async () => {
    const graphs = await Promise.all(FORMATS.map((format) => graphOf(`/catalog.${format}?page=2`, format)));
    const sizes = graphs.map((g) => g.quads.length);
    expect(sizes[0]).toBeGreaterThan(500);
    expect(new Set(sizes).size).toBe(1);
    const [ttl, rdf, json] = await Promise.all(graphs.map(canonical));
    expect(rdf).toBe(ttl);
    expect(json).toBe(ttl);
  });

  it('keep the CORS and cache headers, and JSON-LD compacted under a readable context', async () => {
    const response = await get('/catalog.jsonld');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
    const doc = JSON.parse(response.body) as Record<string, unknown>;
    expect(Object.keys(doc['@context'] as object)).toEqual(expect.arrayContaining(['dcat', 'dct', 'foaf', 'vcard', 'hydra', 'spdx', 'xsd', 'locn', 'skos']));
    expect(doc['@type']).toBe('dcat:Catalog');
    expect(Array.isArray(doc['dcat:dataset'])).toBe(true);
    // Plain text reads as plain strings, links as {"@id": …}.
    const dataset = (doc['dcat:dataset'] as Record<string, unknown>[])[0] ?? {};
    expect(typeof dataset['dct:identifier']).toBe('string');
    expect(Object.keys(dataset['dcat:landingPage'] as object)).toEqual(['@id']);
  });
});

describe('the catalogue', () => {
  let first: Graph;
  let all: Graph;
  let catalog: Term;
  beforeAll(async () => {
    first = await graphOf('/catalog.ttl', 'ttl');
    catalog = first.subjectsOfType(`${DCAT}Catalog`)[0] as Term;
    all = new Graph((await walk('ttl')).pages.flatMap((page) => page.quads));
  });

  it('describes itself with DCAT-AP’s mandatory and recommended properties', () => {
    expect(catalog.value).toBe(`${server.url}/catalog`);
    expect(first.one(catalog, `${DCT}title`).value).toBe('云溪市公共数据开放平台');
    expect(first.objects(catalog, `${DCT}description`).map((d) => (d as { language?: string }).language).sort()).toEqual(['en', 'zh-cn']);
    const publisher = first.one(catalog, `${DCT}publisher`);
    expect(first.has(publisher, `${RDF}type`, `${FOAF}Agent`)).toBe(true);
    expect(first.one(publisher, `${FOAF}name`).value).toBe('云溪市人民政府办公室');
    expect(first.one(catalog, `${DCT}language`).value).toBe('http://publications.europa.eu/resource/authority/language/ZHO');
    expect(first.one(catalog, `${FOAF}homepage`).value).toBe(`${server.url}/datasets`);
    expect((first.one(catalog, `${DCT}issued`) as Term & { datatype: Term }).datatype.value).toBe(`${XSD}dateTime`);
    expect((first.one(catalog, `${DCT}modified`) as Term & { datatype: Term }).datatype.value).toBe(`${XSD}dateTime`);
    // The division its 政府网站标识码 names.
    const spatial = first.one(catalog, `${DCT}spatial`);
    expect(first.has(spatial, `${RDF}type`, `${DCT}Location`)).toBe(true);
    expect(first.one(spatial, `${DCT}identifier`).value).toBe('530700');
    expect(first.objects(catalog, `${DCAT}dataset`)).toHaveLength(100);
  });

  it('gives every dataset a title, a description and distributions with an access URL', async () => {
    const datasets = all.subjectsOfType(`${DCAT}Dataset`);
    expect(datasets).toHaveLength((await publicSlugs()).length);
    for (const dataset of datasets) {
      expect(all.objects(dataset, `${DCT}title`).length, dataset.value).toBeGreaterThan(0);
      expect(all.objects(dataset, `${DCT}description`).length, dataset.value).toBeGreaterThan(0);
      expect(all.one(dataset, `${DCAT}landingPage`).value).toBe(dataset.value);
      expect(all.one(dataset, `${DCT}accrualPeriodicity`).value).toMatch(/^http:\/\/publications\.europa\.eu\/resource\/authority\/frequency\/[A-Z_]+$/);
      for (const distribution of all.objects(dataset, `${DCAT}distribution`)) {
        expect(all.objects(distribution, `${DCAT}accessURL`).length, distribution.value).toBe(1);
      }
    }
    expect(all.subjectsOfType(`${DCAT}Distribution`).length).toBeGreaterThan(30);
    // Text entered with CR LF reads the same in all three serialisations: line breaks are LF.
    expect(all.one(`${server.url}/datasets/paging-000`, `${DCT}description`).value).toBe('第 0 个\n第二行');
  });

  it('writes links as IRIs and dates as xsd:dateTime or xsd:date', () => {
    const links = all.quads.filter((q) => LINKS.includes(q.predicate.value));
    expect(links.length).toBeGreaterThan(1000);
    expect(links.filter((q) => q.object.termType !== 'NamedNode').map((q) => `${q.predicate.value} ${q.object.value}`)).toEqual([]);
    const dateTimes = all.quads.filter((q) => DATE_TIMES.includes(q.predicate.value));
    expect(dateTimes.length).toBeGreaterThan(400);
    expect(dateTimes.every((q) => q.object.termType === 'Literal' && q.object.datatype.value === `${XSD}dateTime` && !Number.isNaN(Date.parse(q.object.value)))).toBe(true);
    const dates = all.quads.filter((q) => DATES.includes(q.predicate.value));
    expect(dates.length).toBeGreaterThan(0);
    expect(dates.every((q) => q.object.termType === 'Literal' && q.object.datatype.value === `${XSD}date` && /^\d{4}-\d{2}-\d{2}$/.test(q.object.value))).toBe(true);
  });
});

describe('a dataset in the catalogue', () => {
  let graph: Graph;
  beforeAll(async () => {
    graph = new Graph((await walk('ttl')).pages.flatMap((page) => page.quads));
  });
  const iri = (slug: string) => `${server.url}/datasets/${slug}`;

  it('carries keywords, themes, contact, publisher with its division, and the period its dates cover', () => {
    const bus = iri('bus-routes');
    expect(graph.objects(bus, `${DCAT}keyword`).map((k) => k.value).sort()).toEqual(['公交', '公共交通']);
    expect(graph.objects(bus, `${DCAT}theme`).map((t) => t.value).sort()).toEqual([
      'http://publications.europa.eu/resource/authority/data-theme/REGI',
      'http://publications.europa.eu/resource/authority/data-theme/TRAN',
    ]);
    const contact = graph.one(bus, `${DCAT}contactPoint`);
    expect(graph.one(contact, `${VCARD}hasEmail`).value).toBe('mailto:data@transport.jindianzi.example');
    const publisher = graph.one(bus, `${DCT}publisher`);
    expect(graph.one(publisher, `${FOAF}name`).value).toBe('云溪市交通运输局');
    expect(graph.one(publisher, `${DCT}identifier`).value).toBe(transportCode);
    // The department's credit code names 城关区, whose boundary the site publishes.
    const spatial = graph.one(bus, `${DCT}spatial`);
    expect(graph.one(spatial, `${DCT}identifier`).value).toBe('530702');
    expect(graph.one(spatial, `${SKOS}prefLabel`).value).toBe('城关区');
    expect(graph.one(graph.one(iri('elderly-care-institutions'), `${DCT}spatial`), `${DCT}identifier`).value).toBe('530700');
    const temporal = graph.one(iri('enterprise-spot-checks'), `${DCT}temporal`);
    expect(graph.has(temporal, `${RDF}type`, `${DCT}PeriodOfTime`)).toBe(true);
    expect(graph.one(temporal, `${DCAT}startDate`).value <= graph.one(temporal, `${DCAT}endDate`).value).toBe(true);
  });

  it('points each licence at its canonical URI, the government licence at its page here', async () => {
    expect(graph.one(iri('bus-routes'), `${DCT}license`).value).toBe('https://creativecommons.org/licenses/by/4.0/');
    expect(graph.one(iri('emergency-shelters'), `${DCT}license`).value).toBe('https://creativecommons.org/publicdomain/zero/1.0/');
    const govOpen = graph.one(iri('business-registrations'), `${DCT}license`);
    expect(govOpen.value).toBe(`${server.url}/licences/gov-open`);
    expect(graph.has(govOpen, `${RDF}type`, `${DCT}LicenseDocument`)).toBe(true);
    const page = await new HttpClient(server.url, { 'Accept-Language': 'zh-CN' }).get('/licences/gov-open');
    expect(page.status).toBe(200);
    expect(visibleText(page.body)).toContain('不得重新识别');
    const english = await new HttpClient(server.url, { 'Accept-Language': 'en' }).get('/licences/gov-open');
    expect(visibleText(english.body)).toContain('No re-identification');
    const licences = JSON.parse((await get('/api/3/action/license_list')).body).result as { id: string; url: string }[];
    expect(new URL(licences.find((l) => l.id === 'gov-open')?.url ?? '', server.url).href).toBe(govOpen.value);
  });

  it('offers each table as CSV, JSON and XLSX, and describes the uploaded file by its size and checksum', async () => {
    const upload = (await db.get<{ id: number; byte_size: number; sha256: string }>("SELECT r.id, r.byte_size, r.sha256 FROM dataset_resources r JOIN datasets d ON d.id = r.dataset_id WHERE d.slug = 'bus-routes'"))!;
    const page = `${iri('bus-routes')}/resources/${upload.id}`;
    const distributions = graph.objects(iri('bus-routes'), `${DCAT}distribution`).map((d) => d.value).sort();
    expect(distributions).toEqual([`${page}#csv`, `${page}#json`, `${page}#upload`, `${page}#xlsx`]);
    const csv = `${page}#csv`;
    expect(graph.one(csv, `${DCAT}downloadURL`).value).toBe(`${page}/download/csv`);
    expect(graph.one(csv, `${DCAT}mediaType`).value).toBe('https://www.iana.org/assignments/media-types/text/csv');
    expect(graph.one(csv, `${DCT}format`).value).toBe('http://publications.europa.eu/resource/authority/file-type/CSV');
    expect(graph.one(csv, `${DCT}accessRights`).value).toMatch(/\/PUBLIC$/);
    // Generated on download: no size or checksum of their own.
    expect(graph.objects(csv, `${SPDX}checksum`)).toEqual([]);
    const file = `${page}#upload`;
    expect(graph.objects(file, `${DCAT}downloadURL`)).toEqual([]);
    const size = graph.one(file, `${DCAT}byteSize`) as Term & { datatype: Term };
    expect([size.value, size.datatype.value]).toEqual([String(upload.byte_size), `${XSD}nonNegativeInteger`]);
    const checksum = graph.one(file, `${SPDX}checksum`);
    expect(graph.one(checksum, `${SPDX}algorithm`).value).toBe(`${SPDX}checksumAlgorithm_sha256`);
    expect(graph.one(checksum, `${SPDX}checksumValue`).value).toBe(upload.sha256);
  });

  it('gives conditional data RESTRICTED access and no address that downloads for everyone', () => {
    const spot = iri('enterprise-spot-checks');
    expect(graph.one(spot, `${DCT}accessRights`).value).toBe('http://publications.europa.eu/resource/authority/access-right/RESTRICTED');
    const distributions = graph.objects(spot, `${DCAT}distribution`);
    expect(distributions.length).toBeGreaterThan(0);
    expect(distributions.flatMap((d) => graph.objects(d, `${DCAT}downloadURL`))).toEqual([]);
  });

  it('leaves out an upload the privacy gate holds back', () => {
    const distributions = graph.objects(iri('subsistence-allowance-by-township'), `${DCAT}distribution`).map((d) => d.value);
    expect(distributions.length).toBeGreaterThan(0);
    expect(distributions.some((d) => d.includes(`/resources/${blockedResource}`))).toBe(false);
  });
});

describe('Hydra paging', () => {
  it('walks the whole public catalogue, each dataset exactly once, in every format', async () => {
    const expected = (await publicSlugs()).map((slug) => `${server.url}/datasets/${slug}`).sort();
    expect(expected.length).toBeGreaterThan(200);
    const ckan = (JSON.parse((await get('/api/3/action/package_list')).body).result as string[]).map((slug) => `${server.url}/datasets/${slug}`).sort();
    expect(ckan).toEqual(expected);
    for (const format of FORMATS) {
      const { pages, datasets } = await walk(format);
      expect(pages).toHaveLength(3);
      expect(new Set(datasets).size).toBe(datasets.length);
      expect([...datasets].sort()).toEqual(expected);
      for (const unlisted of [DRAFT, CLOSED, BLOCKED]) expect(datasets).not.toContain(`${server.url}/datasets/${unlisted}`);
    }
  });

  it('says how many there are, how many a page holds, and where the first, last and previous pages are', async () => {
    const graph = await graphOf('/catalog.rdf?page=2', 'rdf');
    const view = graph.one(`${server.url}/catalog`, `${HYDRA}view`);
    expect(view.value).toBe(`${server.url}/catalog.rdf?page=2`);
    expect(graph.has(view, `${RDF}type`, `${HYDRA}PagedCollection`)).toBe(true);
    expect(Number(graph.one(view, `${HYDRA}totalItems`).value)).toBe((await publicSlugs()).length);
    expect(Number(graph.one(view, `${HYDRA}itemsPerPage`).value)).toBe(100);
    expect(graph.one(view, `${HYDRA}firstPage`).value).toBe(`${server.url}/catalog.rdf?page=1`);
    expect(graph.one(view, `${HYDRA}lastPage`).value).toBe(`${server.url}/catalog.rdf?page=3`);
    expect(graph.one(view, `${HYDRA}previousPage`).value).toBe(`${server.url}/catalog.rdf?page=1`);
    expect(graph.one(view, `${HYDRA}nextPage`).value).toBe(`${server.url}/catalog.rdf?page=3`);
  });

  it('refuses a page that is not a page, and answers one past the end with the way back', async () => {
    for (const page of ['0', '-1', 'abc', '1.5', '99999999']) {
      const response = await get(`/catalog.ttl?page=${page}`);
      expect(response.status, page).toBe(400);
    }
    const beyond = await graphOf('/catalog.jsonld?page=9', 'jsonld');
    const catalog = `${server.url}/catalog`;
    expect(beyond.objects(catalog, `${DCAT}dataset`)).toEqual([]);
    const view = beyond.one(catalog, `${HYDRA}view`);
    expect(beyond.one(view, `${HYDRA}previous`).value).toBe(`${server.url}/catalog.jsonld?page=3`);
    expect(beyond.objects(view, `${HYDRA}next`)).toEqual([]);
  });
});

describe('one dataset', () => {
  it('is served in all three formats, the same graph each time', async () => {
    const graphs = await Promise.all(FORMATS.map((format) => graphOf(`/datasets/bus-routes.${format}`, format)));
    const [ttl, rdf, json] = await Promise.all(graphs.map(canonical));
    expect(rdf).toBe(ttl);
    expect(json).toBe(ttl);
    const graph = graphs[0] as Graph;
    expect(graph.subjectsOfType(`${DCAT}Dataset`).map((d) => d.value)).toEqual([`${server.url}/datasets/bus-routes`]);
    expect(graph.subjectsOfType(`${DCAT}Catalog`)).toEqual([]);
    expect(graph.subjectsOfType(`${DCAT}Distribution`)).toHaveLength(4);
    // The page itself is untouched.
    const page = await get('/datasets/bus-routes');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
  });

  it('describes a link resource by the address the department gave, and leaves out a held-back upload', async () => {
    const graph = await graphOf('/datasets/subsistence-allowance-by-township.rdf', 'rdf');
    const distributions = graph.objects(`${server.url}/datasets/subsistence-allowance-by-township`, `${DCAT}distribution`);
    const link = distributions.find((d) => graph.has(d, `${DCAT}accessURL`, LINK));
    expect(link).toBeDefined();
    expect(graph.one(link as Term, `${DCAT}accessURL`).termType).toBe('NamedNode');
    expect(graph.one(link as Term, `${DCT}format`).value).toBe('http://publications.europa.eu/resource/authority/file-type/PDF');
    expect(graph.objects(link as Term, `${DCAT}downloadURL`)).toEqual([]);
    expect(distributions.some((d) => d.value.includes(`/resources/${blockedResource}`))).toBe(false);
  });

  it('does not exist for a draft, closed data, a dataset the privacy gate holds back, or no dataset', async () => {
    for (const slug of [DRAFT, CLOSED, BLOCKED, 'no-such-dataset']) {
      for (const format of FORMATS) expect((await get(`/datasets/${slug}.${format}`)).status, `${slug}.${format}`).toBe(404);
    }
    // Not even for the department that owns it: the documents are the public record.
    const civil = new HttpClient(server.url);
    await civil.signIn(CIVIL_OFFICIAL, DEMO_PASSWORD);
    expect((await civil.get(`/datasets/${BLOCKED}.ttl`)).status).toBe(404);
    expect((await civil.get(`/datasets/${BLOCKED}`)).status).toBe(200);
  });
});

describe('content negotiation on /catalog', () => {
  it('sends each client to the format its Accept header names, keeping the page', async () => {
    const cases: [string | null, string][] = [
      ['text/turtle', '/catalog.ttl'],
      ['application/rdf+xml', '/catalog.rdf'],
      ['application/ld+json', '/catalog.jsonld'],
      ['application/rdf+xml;q=0.5, text/turtle', '/catalog.ttl'],
      ['*/*', '/catalog.rdf'],
      ['text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', '/datasets'],
    ];
    for (const [accept, location] of cases) {
      const response = await anonymous.get('/catalog', accept ? { Accept: accept } : {});
      expect(response.status, String(accept)).toBe(303);
      expect(response.location, String(accept)).toBe(location);
      expect(response.headers.get('vary')).toContain('Accept');
    }
    expect((await anonymous.get('/catalog?page=2', { Accept: 'text/turtle' })).location).toBe('/catalog.ttl?page=2');
    const followed = await fetch(`${server.url}/catalog`, { headers: { Accept: 'application/ld+json' } });
    expect(followed.headers.get('content-type')).toContain('application/ld+json');
    const refused = await anonymous.get('/catalog', { Accept: 'image/png' });
    expect(refused.status).toBe(406);
    expect(refused.body).toContain('text/turtle');
  });
});

describe('with PUBLIC_URL set', () => {
  beforeAll(async () => {
    await server.stop();
    // The same database, on either engine.
    server = await startServer({ dataDir, env: { PUBLIC_URL, DATABASE_URL: server.databaseUrl } });
    anonymous = new HttpClient(server.url);
  }, 60_000);

  it('names every IRI at the public address, whatever host the request came to', async () => {
    for (const format of FORMATS) {
      const response = await anonymous.get(`/catalog.${format}`, { 'X-Forwarded-Host': 'attacker.example' });
      const graph = new Graph(await parse(response.body, format, `${PUBLIC_URL}/catalog.${format}`));
      const iris = graph.quads.flatMap((q) => [q.subject, q.object]).filter((t) => t.termType === 'NamedNode' && /^https?:\/\/(127\.0\.0\.1|localhost|attacker)/.test(t.value));
      expect(iris.map((t) => t.value)).toEqual([]);
      expect(graph.subjectsOfType(`${DCAT}Catalog`).map((c) => c.value)).toEqual([`${PUBLIC_URL}/catalog`]);
      expect(graph.one(`${PUBLIC_URL}/catalog`, `${HYDRA}view`).value).toBe(`${PUBLIC_URL}/catalog.${format}?page=1`);
    }
    const one = new Graph(await parse((await anonymous.get('/datasets/business-registrations.ttl', { 'X-Forwarded-Host': 'attacker.example' })).body, 'ttl', PUBLIC_URL));
    expect(one.subjectsOfType(`${DCAT}Dataset`).map((d) => d.value)).toEqual([`${PUBLIC_URL}/datasets/business-registrations`]);
    expect(one.one(`${PUBLIC_URL}/datasets/business-registrations`, `${DCT}license`).value).toBe(`${PUBLIC_URL}/licences/gov-open`);
  });
});

