/**
 * What importing a catalogue sheet would change: each row matched to a dataset by 资源代码 (or by
 * the platform's 数据集标识 for a dataset without a code yet) and compared field by field, or a new
 * draft. Pure, so the preview and the confirmation (in the transaction that applies it) work out
 * the very same plan from the sheet and the catalogue as it then is.
 */
import { normaliseOrgCode, orgCodeProblem } from '../org-code';
import type { AccessLevel, DatasetStatus, ResourceCategory, SharingLevel, SharingMethod, UpdateFrequency } from '../vocabulary';
import { halfWidth } from './codes';
import { accessLabel, categoryLabel, frequencyLabel, LIST_SEPARATOR, METHOD_LABELS, sharingLabel, type CatalogueField } from './layout';
import { normaliseText, type CatalogueIssue, type CatalogueIssueCode, type SheetRow } from './parse';

/** The fields an import may change, in the order changes are listed. */
export const EDITABLE_FIELDS = [
  'title',
  'resourceCode',
  'resourceCategory',
  'categoryCode',
  'description',
  'sharing',
  'sharingConditions',
  'sharingMethod',
  'accessLevel',
  'openConditions',
  'updateFrequency',
  'relatedCodes',
] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];

export interface EditableValues {
  title: string;
  resourceCode: string | null;
  resourceCategory: ResourceCategory;
  categoryCode: string;
  description: string;
  sharing: SharingLevel;
  sharingConditions: string;
  sharingMethod: SharingMethod;
  accessLevel: AccessLevel;
  openConditions: string;
  updateFrequency: UpdateFrequency;
  relatedCodes: string[];
}

/** A new dataset's values where the sheet says nothing (the schema's defaults). */
export const NEW_DATASET_DEFAULTS: Omit<EditableValues, 'title' | 'resourceCode'> = {
  resourceCategory: 'department',
  categoryCode: '',
  description: '',
  sharing: 'shared',
  sharingConditions: '',
  sharingMethod: 'api_and_file',
  accessLevel: 'open',
  openConditions: '',
  updateFrequency: 'irregular',
  relatedCodes: [],
};

export interface CatalogueDepartment {
  id: number;
  name: string;
  code: string | null;
}

/** A dataset the importer manages, as it is now. */
export interface CurrentDataset extends EditableValues {
  id: number;
  slug: string;
  departmentId: number;
  status: DatasetStatus;
  /** Rows shown as a conditional dataset's sample: kept as they are when the levels change. */
  sampleRows?: number;
  /** The platform's own columns as the export writes them; absent when not read (the confirmation). */
  derived?: { formats: string; infoItems: string; publishedOn: string };
}

/** Every dataset of the site, to tell a code or slug held elsewhere. */
export interface DatasetKey {
  id: number;
  slug: string;
  departmentId: number;
  resourceCode: string | null;
}

export interface CatalogueState {
  departments: CatalogueDepartment[];
  /** The datasets in the importer's scope. */
  datasets: CurrentDataset[];
  index: DatasetKey[];
}

/** Officials import for their department; admins for any, named by 提供方代码 or 提供方. */
export type ImportScope = { kind: 'department'; departmentId: number } | { kind: 'all' };

export interface FieldChange {
  field: EditableField;
  before: string;
  after: string;
}

export type PlannedRow =
  | { line: number; kind: 'create'; departmentId: number; values: EditableValues }
  | { line: number; kind: 'update'; datasetId: number; slug: string; status: DatasetStatus; values: EditableValues; changes: FieldChange[] }
  | { line: number; kind: 'unchanged'; datasetId: number; slug: string };

export interface CataloguePlan {
  rows: PlannedRow[];
  errors: CatalogueIssue[];
  warnings: CatalogueIssue[];
  totals: { rows: number; create: number; update: number; unchanged: number; errorRows: number };
}

/** A field's value as the sheet writes it, for showing a change. */
export function displayValue(field: EditableField, values: EditableValues): string {
  switch (field) {
    case 'resourceCategory':
      return categoryLabel(values.resourceCategory);
    case 'sharing':
      return sharingLabel(values.sharing);
    case 'sharingMethod':
      return METHOD_LABELS[values.sharingMethod];
    case 'accessLevel':
      return accessLabel(values.accessLevel);
    case 'updateFrequency':
      return frequencyLabel(values.updateFrequency);
    case 'relatedCodes':
      return values.relatedCodes.join(LIST_SEPARATOR);
    case 'resourceCode':
      return values.resourceCode ?? '';
    default:
      return values[field];
  }
}

/** The column an editable field is in. */
const FIELD_COLUMN: Record<EditableField, CatalogueField> = {
  title: 'title',
  resourceCode: 'resourceCode',
  resourceCategory: 'resourceCategory',
  categoryCode: 'categoryCode',
  description: 'description',
  sharing: 'sharing',
  sharingConditions: 'sharingConditions',
  sharingMethod: 'sharingMethod',
  accessLevel: 'accessLevel',
  openConditions: 'openConditions',
  updateFrequency: 'updateFrequency',
  relatedCodes: 'relatedCodes',
};
export function columnOf(field: EditableField): CatalogueField {
  return FIELD_COLUMN[field];
}

function sameValue(field: EditableField, a: EditableValues, b: EditableValues): boolean {
  if (field === 'relatedCodes') return a.relatedCodes.length === b.relatedCodes.length && a.relatedCodes.every((c, i) => c === b.relatedCodes[i]);
  if (field === 'resourceCode') return (a.resourceCode ?? '') === (b.resourceCode ?? '');
  const x = a[field];
  const y = b[field];
  return typeof x === 'string' && typeof y === 'string' ? normaliseText(x) === normaliseText(y) : x === y;
}

/** The values a row asks for: the current (or default) ones, with each field the sheet has replaced. */
function valuesOf(row: SheetRow, base: EditableValues): EditableValues {
  const pick = <K extends keyof EditableValues>(key: K, value: EditableValues[K] | undefined): EditableValues[K] => (value === undefined ? base[key] : value);
  return {
    title: row.title,
    resourceCode: row.resourceCode ?? base.resourceCode,
    resourceCategory: pick('resourceCategory', row.resourceCategory),
    categoryCode: pick('categoryCode', row.categoryCode),
    description: pick('description', row.description),
    sharing: pick('sharing', row.sharing),
    sharingConditions: pick('sharingConditions', row.sharingConditions),
    sharingMethod: pick('sharingMethod', row.sharingMethod),
    accessLevel: pick('accessLevel', row.accessLevel),
    openConditions: pick('openConditions', row.openConditions),
    updateFrequency: pick('updateFrequency', row.updateFrequency),
    relatedCodes: pick('relatedCodes', row.relatedCodes),
  };
}

function current(dataset: CurrentDataset): EditableValues {
  const { title, resourceCode, resourceCategory, categoryCode, description, sharing, sharingConditions, sharingMethod, accessLevel, openConditions, updateFrequency, relatedCodes } = dataset;
  return { title, resourceCode, resourceCategory, categoryCode, description, sharing, sharingConditions, sharingMethod, accessLevel, openConditions, updateFrequency, relatedCodes };
}

/** What a read-only cell says, compared loosely: no spaces, half-width, one separator. */
function looseText(raw: string): string {
  return halfWidth(raw).replace(/\s+/g, '').replace(/[;,、]/g, ';').toLowerCase();
}

/** A date cell as YYYY-MM-DD, whichever way Excel or a person wrote it (2024/5/1, 2024年5月1日). */
function looseDate(raw: string): string {
  const match = /^(\d{4})\D(\d{1,2})\D(\d{1,2})/.exec(halfWidth(raw).trim());
  if (!match) return looseText(raw);
  return `${match[1]}-${match[2]?.padStart(2, '0')}-${match[3]?.padStart(2, '0')}`;
}

const normName = (name: string) => name.replace(/\s+/g, '');

export function planCatalogueImport(rows: readonly { row: SheetRow; issues: readonly CatalogueIssue[] }[], state: CatalogueState, scope: ImportScope): CataloguePlan {
  const inScope = new Map(state.datasets.map((d) => [d.id, d]));
  const byCode = new Map<string, DatasetKey>();
  const bySlug = new Map<string, DatasetKey>();
  for (const key of state.index) {
    if (key.resourceCode) byCode.set(key.resourceCode, key);
    bySlug.set(key.slug, key);
  }
  const departmentsByCode = new Map<string, CatalogueDepartment>();
  const departmentsByName = new Map<string, CatalogueDepartment>();
  for (const d of state.departments) {
    if (d.code) departmentsByCode.set(normaliseOrgCode(d.code), d);
    departmentsByName.set(normName(d.name), d);
  }
  const ownDepartment = scope.kind === 'department' ? state.departments.find((d) => d.id === scope.departmentId) : undefined;

  const planned: PlannedRow[] = [];
  const errors: CatalogueIssue[] = [];
  const warnings: CatalogueIssue[] = [];
  const codeLines = new Map<string, number>();
  const datasetLines = new Map<number, number>();
  let errorRows = 0;

  for (const { row, issues } of rows) {
    const rowErrors: CatalogueIssue[] = issues.filter((i) => i.code !== 'readOnlyIgnored');
    const rowWarnings: CatalogueIssue[] = issues.filter((i) => i.code === 'readOnlyIgnored');
    const fail = (field: CatalogueField, code: CatalogueIssueCode, params?: Record<string, string | number>) =>
      rowErrors.push({ line: row.line, field, code, ...(params ? { params } : {}) });

    // Duplicates within the sheet, whatever else is wrong with the row.
    if (row.resourceCode) {
      const first = codeLines.get(row.resourceCode);
      if (first !== undefined) fail('resourceCode', 'duplicateCode', { line: first, value: row.resourceCode });
      else codeLines.set(row.resourceCode, row.line);
    }

    // 提供方: the department the row belongs to.
    let department: CatalogueDepartment | undefined;
    const providerCode = row.providerCode ?? '';
    const providerName = normName(row.providerName ?? '');
    const byProviderCode = providerCode ? departmentsByCode.get(providerCode) : undefined;
    const byProviderName = providerName ? departmentsByName.get(providerName) : undefined;
    let providerProblem = false;
    if (providerCode && !byProviderCode) {
      providerProblem = true;
      if (orgCodeProblem(providerCode)) fail('providerCode', 'badProviderCode', { value: providerCode.slice(0, 30) });
      else fail('providerCode', 'unknownProvider', { value: providerCode });
    } else if (providerName && !byProviderCode && !byProviderName) {
      providerProblem = true;
      fail('providerName', 'unknownProvider', { value: (row.providerName ?? '').slice(0, 50) });
    } else if (byProviderCode && byProviderName && byProviderCode.id !== byProviderName.id) {
      providerProblem = true;
      fail('providerName', 'providerMismatch', { value: (row.providerName ?? '').slice(0, 50) });
    }
    department = byProviderCode ?? byProviderName;
    if (!providerProblem) {
      if (scope.kind === 'department') {
        if (department && department.id !== scope.departmentId) {
          providerProblem = true;
          fail(byProviderCode ? 'providerCode' : 'providerName', 'otherDepartment', { value: department.name });
        }
        department ??= ownDepartment;
      } else if (!department) {
        providerProblem = true;
        fail('providerName', 'providerRequired');
      }
    }

    // The dataset the row describes: by 资源代码, else by the platform's 标识.
    const codeHolder = row.resourceCode ? byCode.get(row.resourceCode) : undefined;
    const slugHolder = row.slug ? bySlug.get(row.slug) : undefined;
    let target: DatasetKey | undefined;
    if (row.slug && !slugHolder) fail('slug', 'unknownSlug', { value: row.slug.slice(0, 100) });
    else if (codeHolder && slugHolder && codeHolder.id !== slugHolder.id) fail('resourceCode', 'codeTaken', { value: row.resourceCode ?? '' });
    else target = codeHolder ?? slugHolder;

    if (target) {
      if (!inScope.has(target.id)) {
        fail(codeHolder ? 'resourceCode' : 'slug', 'otherDepartment', { value: state.departments.find((d) => d.id === target?.departmentId)?.name ?? '' });
        target = undefined;
      } else if (!providerProblem && department && department.id !== target.departmentId) {
        fail(byProviderCode ? 'providerCode' : 'providerName', 'departmentChange', { value: state.departments.find((d) => d.id === target?.departmentId)?.name ?? '' });
      }
      if (target) {
        const first = datasetLines.get(target.id);
        if (first !== undefined) fail(codeHolder ? 'resourceCode' : 'slug', 'duplicateDataset', { line: first });
        else datasetLines.set(target.id, row.line);
      }
    } else if (!row.resourceCode && !row.slug) {
      fail('resourceCode', 'codeRequired');
    }

    if (rowErrors.length > 0) {
      errors.push(...rowErrors);
      warnings.push(...rowWarnings);
      errorRows += 1;
      continue;
    }

    const dataset = target ? inScope.get(target.id) : undefined;
    if (dataset) {
      const before = current(dataset);
      const asked = valuesOf(row, before);
      // A field that differs only in line ends or surrounding spaces keeps what is stored.
      const values: EditableValues = { ...asked };
      const changes: FieldChange[] = [];
      for (const field of EDITABLE_FIELDS) {
        if (sameValue(field, before, asked)) Object.assign(values, { [field]: before[field] });
        else changes.push({ field, before: displayValue(field, before), after: displayValue(field, asked) });
      }
      if (dataset.derived) {
        const derived = dataset.derived;
        for (const field of ['formats', 'infoItems'] as const) {
          const sheet = row.readOnly[field];
          if (sheet !== undefined && looseText(sheet) !== looseText(derived[field])) rowWarnings.push({ line: row.line, field, code: 'readOnlyIgnored' });
        }
        const sheetDate = row.readOnly.publishedOn;
        if (sheetDate !== undefined && looseDate(sheetDate) !== looseDate(derived.publishedOn)) rowWarnings.push({ line: row.line, field: 'publishedOn', code: 'readOnlyIgnored' });
      }
      planned.push(
        changes.length > 0
          ? { line: row.line, kind: 'update', datasetId: dataset.id, slug: dataset.slug, status: dataset.status, values, changes }
          : { line: row.line, kind: 'unchanged', datasetId: dataset.id, slug: dataset.slug },
      );
    } else if (department) {
      const values = valuesOf(row, { title: row.title, resourceCode: row.resourceCode, ...NEW_DATASET_DEFAULTS });
      for (const field of ['formats', 'infoItems', 'publishedOn'] as const) {
        if ((row.readOnly[field] ?? '').trim() !== '') rowWarnings.push({ line: row.line, field, code: 'readOnlyIgnored' });
      }
      planned.push({ line: row.line, kind: 'create', departmentId: department.id, values });
    }
    warnings.push(...rowWarnings);
  }

  const count = (kind: PlannedRow['kind']) => planned.filter((p) => p.kind === kind).length;
  return {
    rows: planned,
    errors,
    warnings,
    totals: { rows: rows.length, create: count('create'), update: count('update'), unchanged: count('unchanged'), errorRows },
  };
}

/**
 * The plan's changes as one canonical text (what creating and updating would write, row by row,
 * and what each update changes from), for the digest that ties a confirmation to the preview the
 * person saw.
 */
export function planFingerprint(plan: CataloguePlan): string {
  return JSON.stringify(
    plan.rows.flatMap((row): unknown[][] => {
      if (row.kind === 'unchanged') return [];
      // An update carries what it changes from, so a field changed meanwhile by someone else shows.
      if (row.kind === 'create') return [[row.kind, row.departmentId, EDITABLE_FIELDS.map((f) => row.values[f])]];
      return [[row.kind, row.datasetId, EDITABLE_FIELDS.map((f) => row.values[f]), row.changes.map((c) => [c.field, c.before])]];
    }),
  );
}
