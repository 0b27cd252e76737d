/**
 * The heavy part of the catalogue, run in a worker thread (app/services/workers/tasks.server.ts):
 * writing the XLSX, reading an uploaded sheet (CSV in any common encoding, or XLSX) and working out
 * the preview, and applying a confirmed import. The web process only hands over and waits.
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { applyCatalogueImport, catalogueScopeOf, importScopeOf, planDigest, type ImportProblem } from '~/actions/catalogue.server';
import {
  CATALOGUE_COLUMNS,
  CATALOGUE_GUIDE_SHEET_NAME,
  CATALOGUE_SHEET_NAME,
  catalogueRow,
  columnChoices,
  GUIDE_HEADERS,
  guideRows,
  type CatalogueField,
} from '~/lib/catalogue/layout';
import { matchColumns, parseRow, type CatalogueFileProblem, type CatalogueIssue, type ColumnMap, type SheetRow } from '~/lib/catalogue/parse';
import { displayValue, EDITABLE_FIELDS, NEW_DATASET_DEFAULTS, planCatalogueImport, type EditableField } from '~/lib/catalogue/plan';
import type { DatasetStatus } from '~/lib/vocabulary';
import type { ActingUser, Via } from '~/lib/result';
import { listCatalogue, readCatalogueState, type CatalogueScope } from '~/models/catalogue.server';
import { openCsv } from './import/csv-source.server';
import { ImportError } from './import/errors.server';
import type { TableSource } from './import/source.server';
import { openXlsx } from './import/xlsx-source.server';
import { uploadPath } from './uploads.server';

/** More rows than this in one sheet are refused: import a large catalogue in parts. */
export const CATALOGUE_MAX_ROWS = 20_000;
/** Rows with drop-down lists below the data, for rows a person adds. */
const VALIDATED_EXTRA_ROWS = 2_000;

export type CatalogueFormat = 'csv' | 'xlsx';

// ---------------------------------------------------------------------------------------------
// Export

function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    letters = String.fromCharCode(65 + r) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/**
 * The catalogue as an XLSX workbook: the guide's columns (read-only ones shaded, each header with a
 * note on how to fill it in), codes as text so Excel keeps their zeros, drop-down lists for the
 * columns with fixed values, and a second sheet that explains each column.
 */
export async function buildCatalogueXlsx(input: { scope: CatalogueScope; timeZone: string }): Promise<Uint8Array> {
  const records = await listCatalogue(input.scope);
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (chunk: Buffer) => chunks.push(chunk));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useSharedStrings: false, useStyles: true });
  const sheet = workbook.addWorksheet(CATALOGUE_SHEET_NAME, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = CATALOGUE_COLUMNS.map((c) => ({ header: c.header, key: c.field, width: c.width, ...(c.code ? { style: { numFmt: '@' } } : {}) }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  CATALOGUE_COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.note = c.note;
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: c.readOnly ? 'FFE2E8F0' : 'FFFEF3C7' } };
  });
  const lastRow = records.length + 1 + VALIDATED_EXTRA_ROWS;
  CATALOGUE_COLUMNS.forEach((c, i) => {
    const choices = columnChoices(c.field);
    if (!choices) return;
    const letter = columnLetter(i);
    // The streaming writer has the sheet's data validations, though its typings leave them out.
    (sheet as unknown as { dataValidations: { add(range: string, rule: ExcelJS.DataValidation): void } }).dataValidations.add(`${letter}2:${letter}${lastRow}`, {
      type: 'list',
      allowBlank: true,
      formulae: [`"${choices.join(',')}"`],
      showErrorMessage: true,
      errorStyle: 'warning',
    });
  });
  sheet.autoFilter = `A1:${columnLetter(CATALOGUE_COLUMNS.length - 1)}1`;
  for (const record of records) sheet.addRow(catalogueRow(record, input.timeZone)).commit();
  sheet.commit();

  const guide = workbook.addWorksheet(CATALOGUE_GUIDE_SHEET_NAME);
  guide.columns = [{ width: 16 }, { width: 10 }, { width: 50 }, { width: 60 }];
  const guideHeader = guide.addRow([...GUIDE_HEADERS]);
  guideHeader.font = { bold: true };
  guideHeader.commit();
  for (const row of guideRows()) guide.addRow(row).commit();
  guide.commit();
  await workbook.commit();
  const buffer = Buffer.concat(chunks);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

// ---------------------------------------------------------------------------------------------
// Reading an uploaded sheet

/** Why a file cannot be read at all: a reader's problem (import.error.*) or the layout's (catalogue.file.*). */
export type SheetProblem = { source: 'import'; code: string; params: Record<string, string | number> } | ({ source: 'catalogue' } & CatalogueFileProblem);

export interface ReadSheet {
  map: ColumnMap;
  rows: { row: SheetRow; issues: CatalogueIssue[] }[];
}

async function openSheet(path: string, format: CatalogueFormat): Promise<TableSource> {
  return format === 'xlsx' ? openXlsx(path, () => {}) : openCsv(path, () => {});
}

/** Reads and checks every row of an uploaded catalogue sheet. */
export async function readCatalogueSheet(storageKey: string, format: CatalogueFormat): Promise<{ ok: true; sheet: ReadSheet } | { ok: false; problem: SheetProblem }> {
  let source: TableSource | undefined;
  try {
    source = await openSheet(uploadPath(storageKey), format);
    const matched = matchColumns(source.header);
    if (!matched.ok) return { ok: false, problem: { source: 'catalogue', ...matched.problem } };
    const rows: ReadSheet['rows'] = [];
    for await (const batch of source.batches) {
      for (const record of batch) {
        if (rows.length >= CATALOGUE_MAX_ROWS) return { ok: false, problem: { source: 'catalogue', code: 'tooManyRows', params: { max: CATALOGUE_MAX_ROWS } } };
        rows.push(parseRow(record.cells, matched.map, record.position));
      }
    }
    if (rows.length === 0) return { ok: false, problem: { source: 'catalogue', code: 'noRows', params: {} } };
    return { ok: true, sheet: { map: matched.map, rows } };
  } catch (error) {
    if (error instanceof ImportError) return { ok: false, problem: { source: 'import', code: error.code, params: error.params } };
    throw error;
  } finally {
    source?.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Preview

export interface PreviewChange {
  line: number;
  kind: 'create' | 'update';
  slug: string | null;
  title: string;
  status: DatasetStatus;
  departmentName: string;
  changes: { field: CatalogueField; before: string; after: string }[];
}

interface Window {
  offset: number;
  limit: number;
}

export interface CataloguePreview {
  digest: string;
  totals: { rows: number; create: number; update: number; unchanged: number; errorRows: number };
  headers: Partial<Record<CatalogueField, string>>;
  ignored: string[];
  errors: { total: number; items: CatalogueIssue[] };
  warnings: { total: number; items: CatalogueIssue[] };
  changes: { total: number; items: PreviewChange[] };
}

export interface PreviewInput {
  storageKey: string;
  format: CatalogueFormat;
  user: ActingUser;
  timeZone: string;
  windows: { errors: Window; warnings: Window; changes: Window };
}

/** Long values (a 摘要 may be pages) are shown cut short in the preview. */
const SHOWN_CHARS = 300;
const shown = (text: string) => (text.length > SHOWN_CHARS ? `${text.slice(0, SHOWN_CHARS)}…` : text);

const COLUMN_OF: Record<EditableField, CatalogueField> = Object.fromEntries(EDITABLE_FIELDS.map((f) => [f, f])) as Record<EditableField, CatalogueField>;

/** What importing the sheet would do, with one page of each list (errors, notes, changes). */
export async function previewCatalogue(input: PreviewInput): Promise<{ ok: true; preview: CataloguePreview } | { ok: false; problem: SheetProblem | { source: 'forbidden' } }> {
  const scope = importScopeOf(input.user);
  if (!scope) return { ok: false, problem: { source: 'forbidden' } };
  const read = await readCatalogueSheet(input.storageKey, input.format);
  if (!read.ok) return read;
  const state = await readCatalogueState(catalogueScopeOf(scope), { derived: true, timeZone: input.timeZone });
  const plan = planCatalogueImport(read.sheet.rows, state, scope);
  const departmentNames = new Map(state.departments.map((d) => [d.id, d.name]));
  const current = new Map(state.datasets.map((d) => [d.id, d]));
  const changed = plan.rows.filter((r) => r.kind !== 'unchanged');
  const page = <T,>(list: readonly T[], w: Window) => list.slice(w.offset, w.offset + w.limit);
  const items = page(changed, input.windows.changes).map((row): PreviewChange => {
    if (row.kind === 'create') {
      return {
        line: row.line,
        kind: 'create',
        slug: null,
        title: row.values.title,
        status: 'draft',
        departmentName: departmentNames.get(row.departmentId) ?? '',
        changes: EDITABLE_FIELDS.filter((f) => f === 'title' || f === 'resourceCode' || displayValue(f, row.values) !== displayValue(f, { ...row.values, ...NEW_DATASET_DEFAULTS })).map((f) => ({
          field: COLUMN_OF[f],
          before: '',
          after: shown(displayValue(f, row.values)),
        })),
      };
    }
    const dataset = current.get(row.datasetId);
    return {
      line: row.line,
      kind: 'update',
      slug: row.slug,
      title: dataset?.title ?? row.values.title,
      status: row.status,
      departmentName: departmentNames.get(dataset?.departmentId ?? 0) ?? '',
      changes: row.changes.map((c) => ({ field: COLUMN_OF[c.field], before: shown(c.before), after: shown(c.after) })),
    };
  });
  return {
    ok: true,
    preview: {
      digest: planDigest(plan),
      totals: plan.totals,
      headers: read.sheet.map.headers,
      ignored: read.sheet.map.ignored.slice(0, 20),
      errors: { total: plan.errors.length, items: page(plan.errors, input.windows.errors) },
      warnings: { total: plan.warnings.length, items: page(plan.warnings, input.windows.warnings) },
      changes: { total: changed.length, items },
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Applying

export interface ApplyInput {
  storageKey: string;
  format: CatalogueFormat;
  filename: string;
  digest: string;
  user: ActingUser;
  ip: string | null;
  via: Via;
  timeZone: string;
}

export type ApplyOutcome = { ok: true; created: number; updated: number } | { ok: false; problem: ImportProblem | 'unreadable' };

/** Reads the sheet again and applies it, if it still plans to exactly what was previewed. */
export async function applyCatalogue(input: ApplyInput): Promise<ApplyOutcome> {
  const read = await readCatalogueSheet(input.storageKey, input.format);
  if (!read.ok) return { ok: false, problem: 'unreadable' };
  const result = await applyCatalogueImport(
    { user: input.user, ip: input.ip, via: input.via },
    { rows: read.sheet.rows, digest: input.digest, filename: input.filename, timeZone: input.timeZone },
  );
  return result.ok ? { ok: true, ...result.value } : { ok: false, problem: result.problem.code };
}
