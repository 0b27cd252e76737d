import { describe, expect, it } from 'vitest';
import { detectTableFormat } from './format';

const bytes = (text: string) => new TextEncoder().encode(text);
const ZIP = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]);
const OLE = Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1]);

describe('detectTableFormat', () => {
  it('accepts CSV, TSV, XLSX and JSON whose content matches the name', () => {
    expect(detectTableFormat('客流.csv', bytes('a,b\n'))).toEqual({ ok: true, format: 'csv' });
    expect(detectTableFormat('export.TSV', bytes('a\tb\n'))).toEqual({ ok: true, format: 'csv' });
    expect(detectTableFormat('报表.xlsx', ZIP)).toEqual({ ok: true, format: 'xlsx' });
    expect(detectTableFormat('rows.json', bytes('\uFEFF [ {"a":1} ]'))).toEqual({ ok: true, format: 'json' });
  });

  it('names the real type of a mislabelled file', () => {
    expect(detectTableFormat('data.csv', ZIP)).toEqual({ ok: false, code: 'mislabelled', params: { declared: 'CSV', actual: 'XLSX' } });
    expect(detectTableFormat('data.xlsx', bytes('a,b\n'))).toEqual({ ok: false, code: 'mislabelled', params: { declared: 'XLSX', actual: 'CSV' } });
  });

  it('explains legacy .xls, unknown types and empty files', () => {
    expect(detectTableFormat('old.xls', OLE)).toMatchObject({ ok: false, code: 'legacyXls' });
    expect(detectTableFormat('old.csv', OLE)).toMatchObject({ ok: false, code: 'legacyXls' });
    expect(detectTableFormat('report.pdf', bytes('%PDF'))).toEqual({ ok: false, code: 'unsupportedType', params: { extension: 'pdf' } });
    expect(detectTableFormat('noextension', bytes('a'))).toMatchObject({ ok: false, code: 'unsupportedType' });
    expect(detectTableFormat('empty.csv', new Uint8Array())).toMatchObject({ ok: false, code: 'emptyFile' });
  });
});

describe('GeoJSON uploads', () => {
  it('are read by the GeoJSON reader whether named .geojson or .json holding one object', () => {
    const object = new TextEncoder().encode('{"type":"FeatureCollection","features":[]}');
    expect(detectTableFormat('boundaries.geojson', object)).toEqual({ ok: true, format: 'geojson' });
    expect(detectTableFormat('boundaries.json', object)).toEqual({ ok: true, format: 'geojson' });
    expect(detectTableFormat('rows.json', new TextEncoder().encode('[{"a":1}]'))).toEqual({ ok: true, format: 'json' });
  });
});
