/**
 * Reading a catalogue sheet: which of its columns are which (by header, the guide's long names
 * included), and each row's cells checked and turned into our vocabulary. Every problem names its
 * row and column. A column the sheet does not have leaves that field as it is.
 */
import type { MessageKey } from '../i18n';
import type { AccessLevel, ResourceCategory, SharingLevel, SharingMethod, UpdateFrequency } from '../vocabulary';
import { halfWidth, isCategoryCode, isResourceCode, MAX_RELATED_CODES, normaliseCode, splitCodes } from './codes';
import { ACCESS_WORDS, CATALOGUE_COLUMNS, CATEGORY_WORDS, FREQUENCY_WORDS, METHOD_WORDS, SHARING_WORDS, type CatalogueField } from './layout';

/** Problems with the sheet as a whole: nothing of it can be imported. */
export type CatalogueFileProblemCode = 'missingColumns' | 'duplicateColumn' | 'noRows' | 'tooManyRows';

export interface CatalogueFileProblem {
  code: CatalogueFileProblemCode;
  params: Record<string, string | number>;
}

/** Problems with one cell (or one row); warnings do not stop the import. */
export const CATALOGUE_ISSUE_CODES = [
  'required',
  'tooLong',
  'badCategory',
  'badCategoryCode',
  'badResourceCode',
  'codeRequired',
  'badRelatedCode',
  'tooManyCodes',
  'relatedSelf',
  'badSharing',
  'badSharingMethod',
  'badAccessLevel',
  'badFrequency',
  'badProviderCode',
  'unknownProvider',
  'providerMismatch',
  'otherDepartment',
  'providerRequired',
  'duplicateCode',
  'duplicateDataset',
  'codeTaken',
  'unknownSlug',
  'departmentChange',
  'readOnlyIgnored',
] as const;
export type CatalogueIssueCode = (typeof CATALOGUE_ISSUE_CODES)[number];

/** The sentence each problem is shown with (app/locales). */
export const ISSUE_MESSAGES: Record<CatalogueIssueCode, MessageKey> = {
  required: 'catalogue.issue.required',
  tooLong: 'catalogue.issue.tooLong',
  badCategory: 'catalogue.issue.badCategory',
  badCategoryCode: 'catalogue.issue.badCategoryCode',
  badResourceCode: 'catalogue.issue.badResourceCode',
  codeRequired: 'catalogue.issue.codeRequired',
  badRelatedCode: 'catalogue.issue.badRelatedCode',
  tooManyCodes: 'catalogue.issue.tooManyCodes',
  relatedSelf: 'catalogue.issue.relatedSelf',
  badSharing: 'catalogue.issue.badSharing',
  badSharingMethod: 'catalogue.issue.badSharingMethod',
  badAccessLevel: 'catalogue.issue.badAccessLevel',
  badFrequency: 'catalogue.issue.badFrequency',
  badProviderCode: 'catalogue.issue.badProviderCode',
  unknownProvider: 'catalogue.issue.unknownProvider',
  providerMismatch: 'catalogue.issue.providerMismatch',
  otherDepartment: 'catalogue.issue.otherDepartment',
  providerRequired: 'catalogue.issue.providerRequired',
  duplicateCode: 'catalogue.issue.duplicateCode',
  duplicateDataset: 'catalogue.issue.duplicateDataset',
  codeTaken: 'catalogue.issue.codeTaken',
  unknownSlug: 'catalogue.issue.unknownSlug',
  departmentChange: 'catalogue.issue.departmentChange',
  readOnlyIgnored: 'catalogue.issue.readOnlyIgnored',
};

export const FILE_PROBLEM_MESSAGES: Record<CatalogueFileProblemCode, MessageKey> = {
  missingColumns: 'catalogue.file.missingColumns',
  duplicateColumn: 'catalogue.file.duplicateColumn',
  noRows: 'catalogue.file.noRows',
  tooManyRows: 'catalogue.file.tooManyRows',
};

export interface CatalogueIssue {
  /** The row (XLSX) or line (CSV) in the file. */
  line: number;
  field: CatalogueField;
  code: CatalogueIssueCode;
  params?: Record<string, string | number>;
}

export const TEXT_LIMITS = { title: 200, description: 20_000, conditions: 2_000 } as const;

/** A header as compared: half-width, no spaces, no * marking it required, no note in brackets after it. */
export function normaliseHeader(raw: string): string {
  return halfWidth(raw)
    .replace(/\s+/g, '')
    .replace(/\*/g, '')
    .replace(/\([^)]*\)$/, '')
    .replace(/[:：]$/, '');
}

const HEADER_INDEX = new Map<string, CatalogueField>(
  CATALOGUE_COLUMNS.flatMap((c) => [c.header, ...c.aliases].map((h) => [normaliseHeader(h), c.field] as const)),
);

export interface ColumnMap {
  /** The field of each column of the sheet, null for a column that is none of ours. */
  fields: (CatalogueField | null)[];
  /** The sheet's own header of each field it has, for messages. */
  headers: Partial<Record<CatalogueField, string>>;
  /** Headers of columns the import leaves aside. */
  ignored: string[];
}

export function matchColumns(header: readonly (string | null)[]): { ok: true; map: ColumnMap } | { ok: false; problem: CatalogueFileProblem } {
  const fields: (CatalogueField | null)[] = [];
  const headers: Partial<Record<CatalogueField, string>> = {};
  const ignored: string[] = [];
  for (const raw of header) {
    const text = (raw ?? '').trim();
    const field = text ? HEADER_INDEX.get(normaliseHeader(text)) : undefined;
    if (!field) {
      fields.push(null);
      if (text) ignored.push(text);
      continue;
    }
    if (headers[field] !== undefined) return { ok: false, problem: { code: 'duplicateColumn', params: { column: text } } };
    headers[field] = text;
    fields.push(field);
  }
  const missing = CATALOGUE_COLUMNS.filter((c) => c.required && headers[c.field] === undefined).map((c) => c.header);
  if (missing.length > 0) return { ok: false, problem: { code: 'missingColumns', params: { columns: missing.join('、'), found: ignored.slice(0, 10).join('、') } } };
  return { ok: true, map: { fields, headers, ignored } };
}

/** A row of the sheet in our vocabulary. An absent field: the sheet has no such column (or the choice cell is empty). */
export interface SheetRow {
  line: number;
  title: string;
  /** Null: the cell is empty. */
  resourceCode: string | null;
  resourceCategory?: ResourceCategory;
  categoryCode?: string;
  providerName?: string;
  providerCode?: string;
  description?: string;
  sharing?: SharingLevel;
  sharingConditions?: string;
  sharingMethod?: SharingMethod;
  accessLevel?: AccessLevel;
  openConditions?: string;
  updateFrequency?: UpdateFrequency;
  relatedCodes?: string[];
  slug?: string;
  /** What the platform's own columns say in the sheet (compared, never imported). */
  readOnly: Partial<Record<'formats' | 'infoItems' | 'publishedOn', string>>;
}

/** A text cell as stored: line ends as \n, no white space around it. */
export function normaliseText(raw: string): string {
  return raw.replace(/\r\n?/g, '\n').trim();
}

function wordIndex<T extends string>(words: Record<T, readonly string[]>): Map<string, T> {
  const index = new Map<string, T>();
  for (const [value, list] of Object.entries(words) as [T, readonly string[]][]) {
    index.set(value.toLowerCase(), value);
    for (const word of list) index.set(normaliseChoice(word), value);
  }
  return index;
}

function normaliseChoice(raw: string): string {
  return halfWidth(raw).replace(/\s+/g, '').toLowerCase();
}

const CATEGORIES = wordIndex(CATEGORY_WORDS);
const SHARINGS = wordIndex(SHARING_WORDS);
const ACCESSES = wordIndex(ACCESS_WORDS);
const FREQUENCIES = wordIndex(FREQUENCY_WORDS);
const METHOD_INDEX = new Map<string, 'api' | 'file'>([
  ...METHOD_WORDS.api.map((w) => [normaliseChoice(w), 'api'] as const),
  ...METHOD_WORDS.file.map((w) => [normaliseChoice(w), 'file'] as const),
  ['api', 'api'],
  ['file', 'file'],
]);

/** 共享方式: one or both ways, written with 、 , ; / 和 or 及 between them. */
export function parseSharingMethod(raw: string): SharingMethod | null {
  const text = normaliseChoice(raw);
  if (text === 'api_and_file') return 'api_and_file';
  const parts = text.split(/[、,;/+和及与]+/).filter(Boolean);
  if (parts.length === 0) return null;
  const ways = new Set<'api' | 'file'>();
  for (const part of parts) {
    const way = METHOD_INDEX.get(part);
    if (!way) return null;
    ways.add(way);
  }
  return ways.size === 2 ? 'api_and_file' : ways.has('api') ? 'api' : 'file';
}

/** Checks one row's cells; the row is usable only when no issue came back. */
export function parseRow(cells: readonly (string | null)[], map: ColumnMap, line: number): { row: SheetRow; issues: CatalogueIssue[] } {
  const issues: CatalogueIssue[] = [];
  const issue = (field: CatalogueField, code: CatalogueIssueCode, params?: Record<string, string | number>) => issues.push({ line, field, code, ...(params ? { params } : {}) });
  const cell = new Map<CatalogueField, string>();
  map.fields.forEach((field, i) => {
    if (field) cell.set(field, cells[i] ?? '');
  });
  const text = (field: CatalogueField, max: number): string | undefined => {
    if (!cell.has(field)) return undefined;
    const value = normaliseText(cell.get(field) ?? '');
    if (value.length > max) issue(field, 'tooLong', { max });
    return value;
  };
  const choice = <T extends string>(field: CatalogueField, index: Map<string, T>, bad: CatalogueIssueCode): T | undefined => {
    const raw = cell.get(field);
    if (raw === undefined || raw.trim() === '') return undefined;
    const value = index.get(normaliseChoice(raw));
    if (!value) issue(field, bad, { value: raw.trim().slice(0, 50) });
    return value;
  };

  // A title is one line: a line break typed in the cell (Alt+Enter) becomes a space.
  const title = (text('title', TEXT_LIMITS.title) ?? '').replace(/\s*\n\s*/g, ' ');
  if (!title) issue('title', 'required');
  const rawCode = normaliseCode(cell.get('resourceCode') ?? '');
  const resourceCode = rawCode === '' ? null : rawCode;
  if (resourceCode !== null && !isResourceCode(resourceCode)) issue('resourceCode', 'badResourceCode', { value: resourceCode.slice(0, 70) });

  const row: SheetRow = { line, title, resourceCode, readOnly: {} };
  const category = choice('resourceCategory', CATEGORIES, 'badCategory');
  if (category) row.resourceCategory = category;
  if (cell.has('categoryCode')) {
    const code = normaliseCode(cell.get('categoryCode') ?? '');
    if (code !== '' && !isCategoryCode(code)) issue('categoryCode', 'badCategoryCode', { value: code.slice(0, 50) });
    row.categoryCode = code;
  }
  if (cell.has('providerName')) row.providerName = normaliseText(cell.get('providerName') ?? '').replace(/\s+/g, ' ');
  if (cell.has('providerCode')) row.providerCode = halfWidth(cell.get('providerCode') ?? '').toUpperCase().replace(/[\s-]/g, '');
  const description = text('description', TEXT_LIMITS.description);
  if (description !== undefined) row.description = description;
  const sharing = choice('sharing', SHARINGS, 'badSharing');
  if (sharing) row.sharing = sharing;
  const sharingConditions = text('sharingConditions', TEXT_LIMITS.conditions);
  if (sharingConditions !== undefined) row.sharingConditions = sharingConditions;
  const rawMethod = cell.get('sharingMethod');
  if (rawMethod !== undefined && rawMethod.trim() !== '') {
    const method = parseSharingMethod(rawMethod);
    if (method) row.sharingMethod = method;
    else issue('sharingMethod', 'badSharingMethod', { value: rawMethod.trim().slice(0, 50) });
  }
  const access = choice('accessLevel', ACCESSES, 'badAccessLevel');
  if (access) row.accessLevel = access;
  const openConditions = text('openConditions', TEXT_LIMITS.conditions);
  if (openConditions !== undefined) row.openConditions = openConditions;
  const frequency = choice('updateFrequency', FREQUENCIES, 'badFrequency');
  if (frequency) row.updateFrequency = frequency;
  if (cell.has('relatedCodes')) {
    const codes = splitCodes(cell.get('relatedCodes') ?? '');
    const bad = codes.find((c) => !isResourceCode(c));
    if (bad !== undefined) issue('relatedCodes', 'badRelatedCode', { value: bad.slice(0, 70) });
    else if (codes.length > MAX_RELATED_CODES) issue('relatedCodes', 'tooManyCodes', { max: MAX_RELATED_CODES });
    else if (resourceCode !== null && codes.includes(resourceCode)) issue('relatedCodes', 'relatedSelf');
    row.relatedCodes = codes;
  }
  if (cell.has('slug')) {
    const slug = halfWidth(cell.get('slug') ?? '').trim().toLowerCase();
    if (slug) row.slug = slug;
  }
  for (const field of ['formats', 'infoItems', 'publishedOn'] as const) {
    if (cell.has(field)) row.readOnly[field] = cell.get(field) ?? '';
  }
  return { row, issues };
}
