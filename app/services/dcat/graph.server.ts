/**
 * The catalogue as RDF: one set of quads (RDF/JS, n3's data factory) built from rows the models
 * already filtered for the public, serialised three ways by ./serialise.server.ts. DCAT-AP's
 * mandatory and recommended properties; every link is an IRI, every date typed.
 */
import { DataFactory, type BlankNode, type NamedNode, type Quad, type Quad_Object, type Quad_Subject } from 'n3';
import {
  accessRightsIri,
  declaredFileTypeIri,
  EU_DATA_THEMES,
  EU_LANGUAGE_ZHO,
  fileTypeIri,
  frequencyIri,
  mailtoIri,
  mediaTypeIri,
  RDF_PREFIXES,
  rdfText,
  temporalCoverage,
  webIri,
  type CatalogPaging,
  type RdfFormat,
} from '~/lib/dcat';
import { EU_THEME_OF, type AccessLevel, type DatasetTheme, type Licence, type UpdateFrequency } from '~/lib/vocabulary';
import { CKAN_LICENCES } from '~/services/ckan/dicts.server';
import type { DistributionFacts } from '~/models/datasets.server';

const { namedNode, literal, blankNode, quad } = DataFactory;

const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const { dcat, dct, foaf, vcard, hydra, spdx, xsd, locn, skos } = RDF_PREFIXES;

/** Text in a language ('zh-CN', 'en'), or as entered (what departments type is not tagged). */
export interface Text {
  text: string;
  language?: string;
}

export interface Division {
  /** GB/T 2260 行政区划代码. */
  code: string;
  /** The name a published boundary gives it, when the site holds one. */
  name: string | null;
}

export interface DcatSite {
  origin: string;
  title: Text[];
  description: Text[];
  publisher: Text[];
  division: Division | null;
  issued: Date | null;
  modified: Date | null;
}

/** A resource as the graph describes it: the model's DCAT facts, its name, and its upload's texts. */
export interface DcatResource extends Omit<DistributionFacts, 'datasetId'> {
  name: string;
  /** Title and description of the upload's own distribution, in each language. */
  uploadTitle: Text[];
  uploadDescription: Text[];
}

export interface DcatDataset {
  slug: string;
  title: string;
  description: string;
  tags: string[];
  themes: DatasetTheme[];
  licence: Licence;
  accessLevel: AccessLevel;
  publishedAt: Date | null;
  updatedAt: Date;
  updateFrequency: UpdateFrequency;
  contactName: string;
  contactEmail: string;
  departmentName: string;
  departmentCode: string | null;
  division: Division | null;
  resources: DcatResource[];
}

/** The served table's formats: each is a distribution of its own (generated on download). */
const TABLE_FORMATS = ['csv', 'json', 'xlsx'] as const;

/** Collects quads; the helpers keep every term well-formed (IRIs checked, text cleaned, dates typed). */
class GraphBuilder {
  readonly quads: Quad[] = [];
  /** A graph is a set: a licence's type, stated by every dataset under it, is written once. */
  private readonly seen = new Set<string>();

  add(subject: Quad_Subject, predicate: string, object: Quad_Object | null | undefined): void {
    if (!object) return;
    const q = quad(subject, namedNode(predicate), object);
    const key = `${subject.id} ${predicate} ${object.id}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.quads.push(q);
  }

  type(subject: Quad_Subject, ...classes: string[]): void {
    for (const c of classes) this.add(subject, RDF_TYPE, namedNode(c));
  }

  texts(subject: Quad_Subject, predicate: string, texts: readonly Text[]): void {
    for (const t of texts) if (t.text.trim() !== '') this.add(subject, predicate, literal(rdfText(t.text), t.language));
  }

  text(subject: Quad_Subject, predicate: string, text: string): void {
    this.texts(subject, predicate, [{ text }]);
  }

  dateTime(subject: Quad_Subject, predicate: string, date: Date | null): void {
    if (date) this.add(subject, predicate, literal(date.toISOString(), namedNode(`${xsd}dateTime`)));
  }

  iri(subject: Quad_Subject, predicate: string, iri: string | null): void {
    if (iri) this.add(subject, predicate, namedNode(iri));
  }

  node(): BlankNode {
    return blankNode();
  }
}

export const catalogIri = (origin: string) => `${origin}/catalog`;
export const catalogPageIri = (origin: string, format: RdfFormat, page: number) => `${origin}/catalog.${format}?page=${page}`;
const datasetIri = (origin: string, slug: string) => `${origin}/datasets/${slug}`;

/** A licence's canonical IRI: CC and Open Definition URIs, or this site's page for the government licence. */
export function licenceIri(licence: Licence, origin: string): string | null {
  const url = CKAN_LICENCES[licence]?.url;
  return url ? webIri(url, origin) : null;
}

/** One page of the catalogue with its Hydra paging (as ckanext-dcat writes it: both generations of names). */
export function catalogueQuads(site: DcatSite, datasets: readonly DcatDataset[], paging: CatalogPaging & { total: number; pageSize: number; format: RdfFormat }): Quad[] {
  const g = new GraphBuilder();
  const catalog = namedNode(catalogIri(site.origin));
  g.type(catalog, `${dcat}Catalog`);
  g.texts(catalog, `${dct}title`, site.title);
  g.texts(catalog, `${dct}description`, site.description);
  g.add(catalog, `${dct}publisher`, agent(g, site.publisher, null));
  g.iri(catalog, `${dct}language`, EU_LANGUAGE_ZHO);
  g.iri(catalog, `${foaf}homepage`, `${site.origin}/datasets`);
  g.iri(catalog, `${dcat}themeTaxonomy`, EU_DATA_THEMES);
  g.dateTime(catalog, `${dct}issued`, site.issued);
  g.dateTime(catalog, `${dct}modified`, site.modified);
  g.add(catalog, `${dct}spatial`, location(g, site.division));
  for (const dataset of datasets) g.add(catalog, `${dcat}dataset`, addDataset(g, site.origin, dataset));

  const pageIri = (n: number) => namedNode(catalogPageIri(site.origin, paging.format, n));
  const view = pageIri(paging.page);
  g.add(catalog, `${hydra}view`, view);
  g.type(view, `${hydra}PagedCollection`);
  g.add(view, `${hydra}totalItems`, literal(String(paging.total), namedNode(`${xsd}integer`)));
  g.add(view, `${hydra}itemsPerPage`, literal(String(paging.pageSize), namedNode(`${xsd}integer`)));
  const links: [number | null, string, string][] = [
    [paging.first, 'firstPage', 'first'],
    [paging.last, 'lastPage', 'last'],
    [paging.next, 'nextPage', 'next'],
    [paging.previous, 'previousPage', 'previous'],
  ];
  for (const [page, older, newer] of links) {
    if (page === null) continue;
    g.add(view, `${hydra}${older}`, pageIri(page));
    g.add(view, `${hydra}${newer}`, pageIri(page));
  }
  return g.quads;
}

/** One dataset on its own (`/datasets/<slug>.ttl` and the like). */
export function datasetQuads(origin: string, dataset: DcatDataset): Quad[] {
  const g = new GraphBuilder();
  addDataset(g, origin, dataset);
  return g.quads;
}

function addDataset(g: GraphBuilder, origin: string, d: DcatDataset): NamedNode {
  const page = datasetIri(origin, d.slug);
  const node = namedNode(page);
  const licence = licenceIri(d.licence, origin);
  g.type(node, `${dcat}Dataset`);
  g.text(node, `${dct}identifier`, d.slug);
  g.text(node, `${dct}title`, d.title);
  g.text(node, `${dct}description`, d.description);
  g.iri(node, `${dcat}landingPage`, page);
  g.add(node, `${dct}publisher`, agent(g, [{ text: d.departmentName }], d.departmentCode));
  g.dateTime(node, `${dct}issued`, d.publishedAt);
  g.dateTime(node, `${dct}modified`, d.updatedAt);
  g.iri(node, `${dct}language`, EU_LANGUAGE_ZHO);
  for (const tag of d.tags) g.text(node, `${dcat}keyword`, tag);
  for (const theme of new Set(d.themes.map((t) => EU_THEME_OF[t]))) g.iri(node, `${dcat}theme`, theme);
  g.iri(node, `${dct}accessRights`, accessRightsIri(d.accessLevel));
  g.iri(node, `${dct}accrualPeriodicity`, frequencyIri(d.updateFrequency));
  g.add(node, `${dct}license`, licenceNode(g, licence));
  g.add(node, `${dcat}contactPoint`, contactPoint(g, d));
  g.add(node, `${dct}spatial`, location(g, d.division));
  g.add(node, `${dct}temporal`, period(g, temporalCoverage(d.resources.map((r) => r.dateRange))));
  for (const resource of d.resources) {
    for (const distribution of addDistributions(g, page, d, resource, licence)) g.add(node, `${dcat}distribution`, distribution);
  }
  return node;
}

/**
 * A served table is downloaded as CSV, JSON and XLSX, each generated from the table when asked
 * for, so those distributions carry no size or checksum. The stored size and SHA-256 describe the
 * file the department uploaded, which is not offered for download: they go on a distribution of
 * their own that says so, and only when the table served is that upload unchanged (after
 * de-identification the published data is no longer that file). A link resource is one
 * distribution pointing where the department said the data is.
 */
function addDistributions(g: GraphBuilder, datasetPage: string, d: DcatDataset, r: DcatResource, licence: string | null): NamedNode[] {
  const resourcePage = `${datasetPage}/resources/${r.id}`;
  const common = (node: NamedNode) => {
    g.type(node, `${dcat}Distribution`);
    g.add(node, `${dct}license`, licence ? namedNode(licence) : null);
    g.iri(node, `${dct}accessRights`, accessRightsIri(d.accessLevel));
  };
  // A link is where the department said the data is: an absolute http(s) address or nothing.
  const link = r.linkUrl !== null && /^https?:\/\//i.test(r.linkUrl.trim()) ? webIri(r.linkUrl, datasetPage) : null;
  if (r.linkUrl !== null) {
    if (!link) return [];
    const node = namedNode(resourcePage);
    common(node);
    g.text(node, `${dct}title`, r.name);
    g.text(node, `${dct}description`, r.description);
    g.iri(node, `${dcat}accessURL`, link);
    g.iri(node, `${dct}format`, declaredFileTypeIri(r.linkFormat));
    return [node];
  }
  const nodes: NamedNode[] = TABLE_FORMATS.map((format) => {
    const node: NamedNode = namedNode(`${resourcePage}#${format}`);
    common(node);
    g.text(node, `${dct}title`, `${r.name} (${format.toUpperCase()})`);
    g.text(node, `${dct}description`, r.description);
    g.iri(node, `${dcat}accessURL`, resourcePage);
    // Conditional data is read under a grant: no address that downloads for everyone.
    if (d.accessLevel === 'open') g.iri(node, `${dcat}downloadURL`, `${resourcePage}/download/${format}`);
    g.iri(node, `${dcat}mediaType`, mediaTypeIri(format));
    g.iri(node, `${dct}format`, fileTypeIri(format));
    g.dateTime(node, `${dct}modified`, r.importedAt);
    return node;
  });
  if (r.servedIsUpload && r.sha256 && /^[0-9a-f]{64}$/i.test(r.sha256)) {
    const node = namedNode(`${resourcePage}#upload`);
    common(node);
    g.texts(node, `${dct}title`, r.uploadTitle);
    g.texts(node, `${dct}description`, r.uploadDescription);
    g.iri(node, `${dcat}accessURL`, resourcePage);
    g.iri(node, `${dcat}mediaType`, mediaTypeIri(r.format));
    g.iri(node, `${dct}format`, fileTypeIri(r.format));
    g.add(node, `${dcat}byteSize`, literal(String(r.byteSize), namedNode(`${xsd}nonNegativeInteger`)));
    const checksum = g.node();
    g.add(node, `${spdx}checksum`, checksum);
    g.type(checksum, `${spdx}Checksum`);
    g.iri(checksum, `${spdx}algorithm`, `${spdx}checksumAlgorithm_sha256`);
    g.add(checksum, `${spdx}checksumValue`, literal(r.sha256.toLowerCase(), namedNode(`${xsd}hexBinary`)));
    g.dateTime(node, `${dct}issued`, r.importedAt);
    nodes.push(node);
  }
  return nodes;
}

/** A publisher: foaf:Agent (DCAT-AP's class) and foaf:Organization, with its credit code when known. */
function agent(g: GraphBuilder, names: readonly Text[], code: string | null): BlankNode {
  const node = g.node();
  g.type(node, `${foaf}Agent`, `${foaf}Organization`);
  g.texts(node, `${foaf}name`, names);
  if (code) g.text(node, `${dct}identifier`, code);
  return node;
}

function licenceNode(g: GraphBuilder, iri: string | null): NamedNode | null {
  if (!iri) return null;
  const node = namedNode(iri);
  g.type(node, `${dct}LicenseDocument`);
  return node;
}

function contactPoint(g: GraphBuilder, d: DcatDataset): BlankNode | null {
  const email = mailtoIri(d.contactEmail);
  if (!email && d.contactName.trim() === '') return null;
  const node = g.node();
  g.type(node, `${vcard}Organization`);
  g.text(node, `${vcard}fn`, d.contactName.trim() || d.departmentName);
  g.iri(node, `${vcard}hasEmail`, email);
  return node;
}

function location(g: GraphBuilder, division: Division | null): BlankNode | null {
  if (!division) return null;
  const node = g.node();
  g.type(node, `${dct}Location`);
  g.text(node, `${dct}identifier`, division.code);
  if (division.name) {
    g.text(node, `${skos}prefLabel`, division.name);
    g.text(node, `${locn}geographicName`, division.name);
  }
  return node;
}

function period(g: GraphBuilder, coverage: { start: string; end: string } | null): BlankNode | null {
  if (!coverage) return null;
  const node = g.node();
  g.type(node, `${dct}PeriodOfTime`);
  g.add(node, `${dcat}startDate`, literal(coverage.start, namedNode(`${xsd}date`)));
  g.add(node, `${dcat}endDate`, literal(coverage.end, namedNode(`${xsd}date`)));
  return node;
}

