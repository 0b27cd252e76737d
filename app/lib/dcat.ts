/**
 * The pure parts of the DCAT catalogue (app/services/dcat): which serialisation a request asks
 * for, how the catalogue is paged, and how our vocabulary maps onto the IRIs DCAT-AP harvesters
 * expect (EU frequencies, file types and access rights, IANA media types, GB/T 2260 division codes).
 */
import { orgCodeProblem } from './org-code';
import type { AccessLevel, ResourceFormat, UpdateFrequency } from './vocabulary';

/** The three serialisations, by the file extension of their URLs (as ckanext-dcat names them). */
export const RDF_FORMATS = ['ttl', 'rdf', 'jsonld'] as const;
export type RdfFormat = (typeof RDF_FORMATS)[number];

export const RDF_MEDIA_TYPES: Record<RdfFormat, string> = {
  ttl: 'text/turtle',
  rdf: 'application/rdf+xml',
  jsonld: 'application/ld+json',
};

/** The vocabularies the catalogue uses: Turtle and RDF/XML prefixes, and the JSON-LD @context. */
export const RDF_PREFIXES = {
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  hydra: 'http://www.w3.org/ns/hydra/core#',
  spdx: 'http://spdx.org/rdf/terms#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  locn: 'http://www.w3.org/ns/locn#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
} as const;

/** ckanext-dcat's fallback: a client that states no preference gets RDF/XML, which every harvester reads. */
export const DEFAULT_RDF_FORMAT: RdfFormat = 'rdf';

export function isRdfFormat(value: unknown): value is RdfFormat {
  return typeof value === 'string' && (RDF_FORMATS as readonly string[]).includes(value);
}

/** What an Accept header can be answered with; JSON and XML readers get the RDF that is JSON or XML. */
const ACCEPTABLE: Record<string, RdfFormat | 'html'> = {
  'text/turtle': 'ttl',
  'application/x-turtle': 'ttl',
  'application/rdf+xml': 'rdf',
  'application/ld+json': 'jsonld',
  'application/json': 'jsonld',
  'application/xml': 'rdf',
  'text/xml': 'rdf',
  'text/html': 'html',
  'application/xhtml+xml': 'html',
};
const WILDCARDS: Record<string, RdfFormat> = { '*/*': DEFAULT_RDF_FORMAT, 'text/*': 'ttl', 'application/*': DEFAULT_RDF_FORMAT };

/**
 * The answer to an Accept header: a serialisation, 'html' when a browser asks for a page (it is
 * sent to the catalogue's page), or null when nothing offered is acceptable (406). No header, or
 * only wildcards, gets the default. Highest q wins; at equal q a named type beats a wildcard,
 * then the header's order.
 */
export function negotiateRdfFormat(accept: string | null | undefined): RdfFormat | 'html' | null {
  if (!accept || accept.trim() === '') return DEFAULT_RDF_FORMAT;
  const ranked = accept
    .split(',')
    .map((part, index) => {
      const [type = '', ...params] = part.split(';').map((p) => p.trim());
      const q = params.find((p) => /^q=/i.test(p));
      const quality = q ? Number.parseFloat(q.slice(2)) : 1;
      const media = type.toLowerCase();
      const answer = ACCEPTABLE[media] ?? WILDCARDS[media];
      return { answer, quality: Number.isFinite(quality) ? quality : 0, specific: media in ACCEPTABLE, index };
    })
    .filter((entry) => entry.answer !== undefined && entry.quality > 0)
    .sort((a, b) => b.quality - a.quality || Number(b.specific) - Number(a.specific) || a.index - b.index);
  return ranked[0]?.answer ?? null;
}

/**
 * `/datasets/<slug>.<format>`: React Router has no partial dynamic segments, so the server maps
 * these paths onto the RDF route (`/dcat/datasets/<slug>.<format>`). Slugs are [a-z0-9_-].
 */
export const DATASET_RDF_PATH = /^\/datasets\/([a-z0-9][a-z0-9_-]*)\.(ttl|rdf|jsonld)$/;

/** `bus-routes.ttl` → the slug and the format; null for anything else. */
export function parseDatasetRdfFile(file: string): { slug: string; format: RdfFormat } | null {
  const match = /^([a-z0-9][a-z0-9_-]*)\.(ttl|rdf|jsonld)$/.exec(file);
  return match?.[1] && isRdfFormat(match[2]) ? { slug: match[1], format: match[2] } : null;
}

/** ckanext-dcat's page size: a harvester walks a large catalogue in a few dozen requests. */
export const CATALOG_PAGE_SIZE = 100;
/** Beyond this a page number is not a page but a mistake (or a probe): 400, like a non-number. */
const MAX_PAGE = 1_000_000;

/** `?page=`: absent is the first page; anything but a whole number from 1 is refused (null). */
export function parseCatalogPage(raw: string | null): number | null {
  if (raw === null) return 1;
  if (!/^\d{1,7}$/.test(raw.trim())) return null;
  const page = Number(raw.trim());
  return page >= 1 && page <= MAX_PAGE ? page : null;
}

export interface CatalogPaging {
  page: number;
  first: number;
  last: number;
  next: number | null;
  previous: number | null;
}

/**
 * Hydra paging as ckanext-dcat computes it: a page past the end is answered (empty) with its
 * way back, its "previous" being the last page that has datasets.
 */
export function catalogPaging(page: number, total: number, pageSize = CATALOG_PAGE_SIZE): CatalogPaging {
  const last = Math.max(1, Math.ceil(total / pageSize));
  return {
    page,
    first: 1,
    last,
    next: page * pageSize < total ? page + 1 : null,
    previous: page > 1 ? Math.min(page - 1, last) : null,
  };
}

/** 更新频率 in the EU frequency vocabulary (DCAT-AP's range for dct:accrualPeriodicity). */
const EU_FREQUENCY = 'http://publications.europa.eu/resource/authority/frequency/';
const FREQUENCIES: Record<UpdateFrequency, string> = {
  realtime: 'UPDATE_CONT',
  daily: 'DAILY',
  weekly: 'WEEKLY',
  monthly: 'MONTHLY',
  quarterly: 'QUARTERLY',
  yearly: 'ANNUAL',
  irregular: 'IRREG',
  // Published once and not updated again.
  once: 'NEVER',
};

export function frequencyIri(frequency: UpdateFrequency): string {
  return EU_FREQUENCY + FREQUENCIES[frequency];
}

/** 开放属性 in the EU access-right vocabulary; closed data is never in the public catalogue. */
const EU_ACCESS_RIGHT = 'http://publications.europa.eu/resource/authority/access-right/';
export function accessRightsIri(level: AccessLevel): string {
  return EU_ACCESS_RIGHT + (level === 'open' ? 'PUBLIC' : level === 'conditional' ? 'RESTRICTED' : 'NON_PUBLIC');
}

export const EU_LANGUAGE_ZHO = 'http://publications.europa.eu/resource/authority/language/ZHO';
export const EU_DATA_THEMES = 'http://publications.europa.eu/resource/authority/data-theme';

/** A file's type: IANA media type (dcat:mediaType) and EU file type (dct:format). */
const FILE_TYPES: Record<Exclude<ResourceFormat, 'other'>, { media: string; eu: string }> = {
  csv: { media: 'text/csv', eu: 'CSV' },
  json: { media: 'application/json', eu: 'JSON' },
  xlsx: { media: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', eu: 'XLSX' },
  geojson: { media: 'application/geo+json', eu: 'GEOJSON' },
};

export function mediaTypeIri(format: ResourceFormat): string | null {
  return format === 'other' ? null : `https://www.iana.org/assignments/media-types/${FILE_TYPES[format].media}`;
}

export function fileTypeIri(format: ResourceFormat): string | null {
  return format === 'other' ? null : `http://publications.europa.eu/resource/authority/file-type/${FILE_TYPES[format].eu}`;
}

/** EU file types a department's declared format may name (a link's `format`); others are left unsaid. */
const DECLARED_FILE_TYPES = new Set(['CSV', 'JSON', 'XML', 'PDF', 'HTML', 'XLS', 'XLSX', 'ODS', 'DOC', 'DOCX', 'TXT', 'ZIP', 'GEOJSON', 'KML', 'KMZ', 'SHP', 'GML']);

/** A link's declared format (CSV, PDF …) as an EU file type, when it is one of them. */
export function declaredFileTypeIri(declared: string): string | null {
  const code = declared.trim().toUpperCase().replace(/^\./, '');
  return DECLARED_FILE_TYPES.has(code) ? `http://publications.europa.eu/resource/authority/file-type/${code}` : null;
}

/**
 * An http(s) address as an IRI every serialisation can write (spaces and the like percent-encoded
 * by the URL parser), resolved against the site for our own paths; null for anything else.
 */
export function webIri(raw: string, origin: string): string | null {
  if (raw.trim() === '') return null;
  try {
    const url = new URL(raw.trim(), origin);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** `mailto:` for an address that is one; contact fields are free text in older records. */
export function mailtoIri(email: string): string | null {
  const address = email.trim();
  return /^[^\s@<>"()[\]\\,;:]+@[^\s@<>"()[\]\\,;:]+\.[^\s@<>"()[\]\\,;:]+$/.test(address) ? `mailto:${encodeURI(address)}` : null;
}

/**
 * Text as a literal all three serialisations carry alike: XML has no place for most control
 * characters, and an XML parser reads CR LF as LF, so a form's line breaks are made LF first.
 */
export function rdfText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '');
}

/**
 * The division (GB/T 2260 行政区划代码) a site serves, from its 政府网站标识码: for local
 * government sites the first six digits are the division code (e.g. 1100000088 for Beijing).
 */
export function divisionOfSiteCode(siteCode: string): string | null {
  const match = /^(\d{6})\d{4}$/.exec(siteCode.trim());
  return match?.[1] && plausibleDivision(match[1]) ? match[1] : null;
}

/**
 * The division of the authority that registered a department, from its 统一社会信用代码
 * (characters 3 to 8 are that authority's division code); null for the older 9-character code.
 */
export function divisionOfOrgCode(code: string | null): string | null {
  if (!code || code.length !== 18 || orgCodeProblem(code) !== null) return null;
  const division = code.slice(2, 8);
  return /^\d{6}$/.test(division) && plausibleDivision(division) ? division : null;
}

/** Province-level prefixes run from 11 (Beijing) to 82 (Macao). */
function plausibleDivision(code: string): boolean {
  const province = Number(code.slice(0, 2));
  return province >= 11 && province <= 82;
}

/**
 * The period the data covers, from what import profiles already hold (never from the rows): the
 * stored min and max of each table's first date column (the one the page's summary names), over
 * all of a dataset's tables.
 */
export function temporalCoverage(ranges: readonly ({ min: string; max: string } | null)[]): { start: string; end: string } | null {
  let start: string | null = null;
  let end: string | null = null;
  for (const range of ranges) {
    const min = isoDate(range?.min);
    const max = isoDate(range?.max);
    if (!min || !max || min > max) continue;
    if (start === null || min < start) start = min;
    if (end === null || max > end) end = max;
  }
  return start && end ? { start, end } : null;
}

/** The date part of a stored date or date-time ('2025-10-01' or '2025-10-01 08:30:00'), if it is a real date. */
function isoDate(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const date = value.slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date ? date : null;
}
