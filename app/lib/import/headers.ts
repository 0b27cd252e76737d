/**
 * Turns the header row of an upload into datastore columns. Headers are kept as they were written
 * (Chinese included): they are the column names in the API and in CKAN's datastore_search.
 */
export const MAX_COLUMNS = 500;
export const MAX_HEADER_LENGTH = 200;
/** The row id column every datastore table has (as in CKAN). */
export const ROW_ID = '_id';

export type HeaderProblem =
  | { kind: 'noHeader' }
  | { kind: 'emptyHeader'; column: number }
  | { kind: 'duplicateHeader'; column: number; header: string }
  | { kind: 'reservedHeader'; column: number; header: string }
  | { kind: 'headerTooLong'; column: number }
  | { kind: 'tooManyColumns'; count: number };

export type HeaderResult = { ok: true; headers: string[] } | { ok: false; problem: HeaderProblem };

export function cleanHeader(raw: string | null | undefined): string {
  return (raw ?? '').replace(/^\uFEFF/, '').replace(/\s+/g, ' ').trim();
}

export function prepareHeaders(raw: readonly (string | null | undefined)[]): HeaderResult {
  const headers = raw.map(cleanHeader);
  // Spreadsheets often leave empty header cells after the last real column; they carry nothing.
  while (headers.length > 0 && headers[headers.length - 1] === '') headers.pop();
  if (headers.length === 0) return { ok: false, problem: { kind: 'noHeader' } };
  if (headers.length > MAX_COLUMNS) return { ok: false, problem: { kind: 'tooManyColumns', count: headers.length } };
  // SQLite column names compare case-insensitively (ASCII), so duplicates must too.
  const seen = new Set<string>();
  for (const [index, header] of headers.entries()) {
    const column = index + 1;
    if (header === '') return { ok: false, problem: { kind: 'emptyHeader', column } };
    if ([...header].length > MAX_HEADER_LENGTH) return { ok: false, problem: { kind: 'headerTooLong', column } };
    const key = header.toLowerCase();
    if (key === ROW_ID) return { ok: false, problem: { kind: 'reservedHeader', column, header } };
    if (seen.has(key)) return { ok: false, problem: { kind: 'duplicateHeader', column, header } };
    seen.add(key);
  }
  return { ok: true, headers };
}
