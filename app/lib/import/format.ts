/**
 * Which reader an upload needs, from its name and its first bytes. The two must agree: a workbook
 * renamed to .csv, or a legacy .xls, gets a message that says so instead of a garbled import.
 */
export type TableFormat = 'csv' | 'xlsx' | 'json' | 'geojson';

export type FormatResult =
  | { ok: true; format: TableFormat }
  | { ok: false; code: 'unsupportedType'; params: { extension: string } }
  | { ok: false; code: 'mislabelled'; params: { declared: string; actual: string } }
  | { ok: false; code: 'legacyXls' | 'emptyFile'; params: Record<string, never> };

const EXTENSIONS: Record<string, TableFormat | 'xls'> = {
  csv: 'csv',
  tsv: 'csv',
  txt: 'csv',
  xlsx: 'xlsx',
  xls: 'xls',
  json: 'json',
  geojson: 'geojson',
};

function contentKind(head: Uint8Array): 'zip' | 'ole' | 'json' | 'object' | 'text' {
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return 'zip';
  if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) return 'ole';
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (i < head.length && [0x20, 0x09, 0x0a, 0x0d].includes(head[i] ?? 0)) i += 1;
  if (head[i] === 0x5b) return 'json';
  if (head[i] === 0x7b) return 'object';
  return 'text';
}

const KIND_NAMES = { zip: 'XLSX', ole: 'XLS', json: 'JSON', object: 'GeoJSON', text: 'CSV' } as const;

export function extensionOf(filename: string): string {
  const dot = filename.lastIndexOf('.');
  return dot === -1 ? '' : filename.slice(dot + 1).toLowerCase();
}

export function detectTableFormat(filename: string, head: Uint8Array): FormatResult {
  const extension = extensionOf(filename);
  const declared = EXTENSIONS[extension];
  if (!declared) return { ok: false, code: 'unsupportedType', params: { extension: extension || '—' } };
  if (head.length === 0) return { ok: false, code: 'emptyFile', params: {} };
  const kind = contentKind(head);
  if (kind === 'ole') return { ok: false, code: 'legacyXls', params: {} };
  if (declared === 'xls') {
    return kind === 'zip' ? { ok: true, format: 'xlsx' } : { ok: false, code: 'mislabelled', params: { declared: 'XLS', actual: KIND_NAMES[kind] } };
  }
  if (declared === 'xlsx') {
    return kind === 'zip' ? { ok: true, format: 'xlsx' } : { ok: false, code: 'mislabelled', params: { declared: 'XLSX', actual: KIND_NAMES[kind] } };
  }
  if (kind === 'zip') return { ok: false, code: 'mislabelled', params: { declared: extension.toUpperCase(), actual: 'XLSX' } };
  // A .json holding one object is GeoJSON (a FeatureCollection); the GeoJSON reader says so if not.
  if (declared === 'json' && kind === 'object') return { ok: true, format: 'geojson' };
  // A .json that is not JSON is caught by the JSON reader with a position; text formats accept any text.
  return { ok: true, format: declared };
}
