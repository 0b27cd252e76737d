import { describe, expect, it } from 'vitest';
import {
  accessRightsIri,
  catalogPaging,
  declaredFileTypeIri,
  divisionOfOrgCode,
  divisionOfSiteCode,
  fileTypeIri,
  frequencyIri,
  mailtoIri,
  mediaTypeIri,
  negotiateRdfFormat,
  parseCatalogPage,
  parseDatasetRdfFile,
  rdfText,
  temporalCoverage,
  webIri,
} from './dcat';
import { UPDATE_FREQUENCIES } from './vocabulary';

describe('Accept negotiation', () => {
  it('gives each RDF media type its serialisation', () => {
    expect(negotiateRdfFormat('text/turtle')).toBe('ttl');
    expect(negotiateRdfFormat('application/rdf+xml')).toBe('rdf');
    expect(negotiateRdfFormat('application/ld+json')).toBe('jsonld');
    expect(negotiateRdfFormat('application/json')).toBe('jsonld');
  });

  it('follows q values, then prefers a named type to a wildcard, then the header order', () => {
    expect(negotiateRdfFormat('application/rdf+xml;q=0.5, text/turtle')).toBe('ttl');
    expect(negotiateRdfFormat('application/rdf+xml; q=1.0, application/ld+json; q=0.6')).toBe('rdf');
    expect(negotiateRdfFormat('*/*, application/ld+json')).toBe('jsonld');
    expect(negotiateRdfFormat('application/ld+json, text/turtle')).toBe('jsonld');
    expect(negotiateRdfFormat('text/turtle;q=0, application/ld+json;q=0.1')).toBe('jsonld');
  });

  it('sends browsers to the page, defaults to RDF/XML, and refuses what it cannot offer', () => {
    expect(negotiateRdfFormat('text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8')).toBe('html');
    expect(negotiateRdfFormat(null)).toBe('rdf');
    expect(negotiateRdfFormat('')).toBe('rdf');
    expect(negotiateRdfFormat('*/*')).toBe('rdf');
    expect(negotiateRdfFormat('text/*')).toBe('ttl');
    expect(negotiateRdfFormat('image/png')).toBeNull();
    expect(negotiateRdfFormat('text/turtle;q=0')).toBeNull();
  });
});

describe('paging', () => {
  it('reads ?page as a whole number from 1 and refuses the rest', () => {
    expect(parseCatalogPage(null)).toBe(1);
    expect(parseCatalogPage('3')).toBe(3);
    for (const bad of ['0', '-1', '1.5', 'abc', '', '1e3', '99999999', '2 OR 1=1']) expect(parseCatalogPage(bad), bad).toBeNull();
  });

  it('links first, last, next and previous as ckanext-dcat does', () => {
    expect(catalogPaging(1, 250, 100)).toEqual({ page: 1, first: 1, last: 3, next: 2, previous: null });
    expect(catalogPaging(3, 250, 100)).toEqual({ page: 3, first: 1, last: 3, next: null, previous: 2 });
    expect(catalogPaging(1, 0, 100)).toEqual({ page: 1, first: 1, last: 1, next: null, previous: null });
    expect(catalogPaging(1, 100, 100).next).toBeNull();
    // Past the end: empty, with the way back to the last page that has datasets.
    expect(catalogPaging(9, 250, 100)).toEqual({ page: 9, first: 1, last: 3, next: null, previous: 3 });
  });
});

describe('per-dataset files', () => {
  it('splits slug and format', () => {
    expect(parseDatasetRdfFile('bus-routes.ttl')).toEqual({ slug: 'bus-routes', format: 'ttl' });
    expect(parseDatasetRdfFile('a_b-1.jsonld')).toEqual({ slug: 'a_b-1', format: 'jsonld' });
    for (const bad of ['bus-routes', 'bus-routes.csv', 'Bus.ttl', '../x.ttl', '.rdf']) expect(parseDatasetRdfFile(bad), bad).toBeNull();
  });
});

describe('vocabularies', () => {
  it('maps every update frequency onto the EU frequency vocabulary', () => {
    const iris = UPDATE_FREQUENCIES.map(frequencyIri);
    expect(iris.every((iri) => iri.startsWith('http://publications.europa.eu/resource/authority/frequency/'))).toBe(true);
    expect(frequencyIri('yearly')).toMatch(/\/ANNUAL$/);
    expect(frequencyIri('irregular')).toMatch(/\/IRREG$/);
    expect(frequencyIri('realtime')).toMatch(/\/UPDATE_CONT$/);
    expect(frequencyIri('once')).toMatch(/\/NEVER$/);
  });

  it('names media types at IANA and file types in the EU vocabulary', () => {
    expect(mediaTypeIri('csv')).toBe('https://www.iana.org/assignments/media-types/text/csv');
    expect(mediaTypeIri('geojson')).toBe('https://www.iana.org/assignments/media-types/application/geo+json');
    expect(mediaTypeIri('other')).toBeNull();
    expect(fileTypeIri('xlsx')).toBe('http://publications.europa.eu/resource/authority/file-type/XLSX');
    expect(declaredFileTypeIri(' pdf ')).toBe('http://publications.europa.eu/resource/authority/file-type/PDF');
    expect(declaredFileTypeIri('Excel 2007 spreadsheet')).toBeNull();
    expect(declaredFileTypeIri('API')).toBeNull();
  });

  it('maps 开放属性 to EU access rights', () => {
    expect(accessRightsIri('open')).toMatch(/\/PUBLIC$/);
    expect(accessRightsIri('conditional')).toMatch(/\/RESTRICTED$/);
    expect(accessRightsIri('closed')).toMatch(/\/NON_PUBLIC$/);
  });
});

describe('terms every serialisation can write', () => {
  it('keeps web addresses that are addresses, resolving the site’s own paths', () => {
    expect(webIri('/licences/gov-open', 'https://data.example.gov.cn')).toBe('https://data.example.gov.cn/licences/gov-open');
    expect(webIri('https://example.org/a b', 'https://x.test')).toBe('https://example.org/a%20b');
    expect(webIri('javascript:alert(1)', 'https://x.test')).toBeNull();
    expect(webIri('', 'https://x.test')).toBeNull();
  });

  it('writes e-mail addresses as mailto IRIs and nothing else', () => {
    expect(mailtoIri(' data@transport.example ')).toBe('mailto:data@transport.example');
    expect(mailtoIri('交通局信息科')).toBeNull();
    expect(mailtoIri('a b@c.d')).toBeNull();
    expect(mailtoIri('x@y>z.cn')).toBeNull();
  });

  it('makes text survive XML: LF line breaks, no control characters, no lone surrogates', () => {
    expect(rdfText('a\r\nb\rc\n')).toBe('a\nb\nc\n');
    expect(rdfText('x\u0000\u0007\u001By\tz')).toBe('xy\tz');
    expect(rdfText('ok 😀 \uD800!')).toBe('ok 😀 !');
  });
});

describe('administrative divisions', () => {
  it('reads the division from a 政府网站标识码', () => {
    expect(divisionOfSiteCode('5307000001')).toBe('530700');
    expect(divisionOfSiteCode('bm01000001')).toBeNull();
    expect(divisionOfSiteCode('0000000001')).toBeNull();
    expect(divisionOfSiteCode('')).toBeNull();
  });

  it('reads the registering authority’s division from a valid 统一社会信用代码 only', () => {
    expect(divisionOfOrgCode('91350100M000100Y43')).toBe('350100');
    expect(divisionOfOrgCode('91350100M000100Y44')).toBeNull();
    expect(divisionOfOrgCode('M00010043')).toBeNull();
    expect(divisionOfOrgCode(null)).toBeNull();
  });
});

describe('temporal coverage', () => {
  it('spans the stored date ranges of a dataset’s tables, ignoring what is not a date', () => {
    expect(temporalCoverage([{ min: '2025-10-01', max: '2025-10-15 23:00:00' }, null, { min: '2024-01-31', max: '2025-03-01' }])).toEqual({ start: '2024-01-31', end: '2025-10-15' });
    expect(temporalCoverage([{ min: '2025-02-30', max: '2025-03-01' }])).toBeNull();
    expect(temporalCoverage([{ min: '2025-05-01', max: '2025-04-01' }])).toBeNull();
    expect(temporalCoverage([])).toBeNull();
  });
});
