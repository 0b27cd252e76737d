/**
 * The catalogue sheet (政务信息资源目录) in the layout of 政务信息资源目录编制指南: its columns, the
 * words its cells use for our vocabulary, and one dataset written as one row. The headers and cell
 * values are data in the guide's Chinese layout (what a county reports upward), not interface text,
 * so they live here rather than in the locale catalogues; the export writes them and the import
 * reads them back.
 */
import type { AccessLevel, ColumnType, ResourceCategory, SharingLevel, SharingMethod, UpdateFrequency } from '../vocabulary';
import { dateToZonedLocal } from '../zoned-time';

/** What a column of the sheet holds. */
export type CatalogueField =
  | 'resourceCategory'
  | 'categoryCode'
  | 'title'
  | 'resourceCode'
  | 'providerName'
  | 'providerCode'
  | 'description'
  | 'formats'
  | 'infoItems'
  | 'sharing'
  | 'sharingConditions'
  | 'sharingMethod'
  | 'accessLevel'
  | 'openConditions'
  | 'updateFrequency'
  | 'publishedOn'
  | 'relatedCodes'
  | 'slug';

export interface CatalogueColumn {
  field: CatalogueField;
  /** The header the export writes. */
  header: string;
  /** Other headers the import accepts for it (the guide's long names, common variants). */
  aliases: readonly string[];
  /** Worked out by the platform (from the data, or by publishing): exported, never imported. */
  readOnly: boolean;
  /** The import cannot do without it. */
  required: boolean;
  /** Column width in characters. */
  width: number;
  /** Text-formatted in the sheet, so Excel keeps codes as typed (leading zeros, long digits). */
  code?: boolean;
  /** The header cell's note: how to fill the column in. */
  note: string;
}

const column = (c: Omit<CatalogueColumn, 'readOnly' | 'required'> & Partial<Pick<CatalogueColumn, 'readOnly' | 'required'>>): CatalogueColumn => ({
  readOnly: false,
  required: false,
  ...c,
});

export const CATALOGUE_COLUMNS: readonly CatalogueColumn[] = [
  column({ field: 'resourceCategory', header: '资源分类', aliases: ['信息资源分类', '资源类别', '分类'], width: 10, note: '基础、主题或部门' }),
  column({ field: 'categoryCode', header: '分类编码', aliases: ['类目编码', '类项目编码', '分类代码', '类/项/目'], width: 16, code: true, note: '类/项/目编码，如 3-01-002' }),
  column({ field: 'title', header: '资源名称', aliases: ['信息资源名称', '数据资源名称', '名称'], width: 30, required: true, note: '必填' }),
  column({ field: 'resourceCode', header: '资源代码', aliases: ['信息资源代码', '数据资源代码'], width: 24, required: true, code: true, note: '导入时按资源代码匹配已有资源；新增资源必填' }),
  column({ field: 'providerName', header: '提供方', aliases: ['信息资源提供方', '资源提供方', '提供单位', '提供部门'], width: 24, note: '部门名称' }),
  column({ field: 'providerCode', header: '提供方代码', aliases: ['信息资源提供方代码', '资源提供方代码', '提供单位代码'], width: 22, code: true, note: '部门的统一社会信用代码' }),
  column({ field: 'description', header: '摘要', aliases: ['信息资源摘要', '资源摘要', '简介'], width: 40, note: '资源内容的简要说明' }),
  column({ field: 'formats', header: '格式', aliases: ['信息资源格式', '资源格式'], width: 12, readOnly: true, note: '由平台根据已上传的文件生成，导入时不修改' }),
  column({ field: 'infoItems', header: '信息项', aliases: ['信息项信息', '数据项'], width: 40, readOnly: true, note: '由平台根据数据字典生成（名称与数据类型），导入时不修改' }),
  column({ field: 'sharing', header: '共享类型', aliases: ['共享属性'], width: 12, note: '无条件共享、有条件共享或不予共享' }),
  column({ field: 'sharingConditions', header: '共享条件', aliases: [], width: 24, note: '有条件共享时填写' }),
  column({ field: 'sharingMethod', header: '共享方式', aliases: ['共享方式类型'], width: 12, note: '接口、文件，或“接口、文件”' }),
  column({ field: 'accessLevel', header: '开放类型', aliases: ['开放属性', '是否向社会开放', '开放方式'], width: 12, note: '无条件开放、有条件开放或不予开放' }),
  column({ field: 'openConditions', header: '开放条件', aliases: [], width: 24, note: '有条件开放时填写' }),
  column({ field: 'updateFrequency', header: '更新周期', aliases: ['更新频率'], width: 10, note: '实时、每日、每周、每月、每季度、每年、不定期或一次性' }),
  column({ field: 'publishedOn', header: '发布日期', aliases: ['发布时间'], width: 12, readOnly: true, note: '发布时由平台记录，导入时不修改' }),
  column({ field: 'relatedCodes', header: '关联资源代码', aliases: ['关联信息资源代码'], width: 24, code: true, note: '多个代码用分号隔开' }),
  column({ field: 'slug', header: '数据集标识', aliases: ['标识'], width: 24, note: '平台上的数据集标识；新增资源留空，已有资源请勿修改' }),
];

export const CATALOGUE_SHEET_NAME = '政务信息资源目录';
export const CATALOGUE_GUIDE_SHEET_NAME = '填写说明';

/** Labels of our vocabulary as the sheet writes them; the first is written, all are read. */
export const CATEGORY_WORDS: Record<ResourceCategory, readonly string[]> = {
  base: ['基础', '基础信息资源', '基础类', '基础信息资源类', '基础资源'],
  theme: ['主题', '主题信息资源', '主题类', '主题信息资源类', '主题资源'],
  department: ['部门', '部门信息资源', '部门类', '部门信息资源类', '部门资源'],
};

export const SHARING_WORDS: Record<SharingLevel, readonly string[]> = {
  shared: ['无条件共享'],
  conditional: ['有条件共享'],
  not_shared: ['不予共享'],
};

export const ACCESS_WORDS: Record<AccessLevel, readonly string[]> = {
  open: ['无条件开放'],
  conditional: ['有条件开放'],
  closed: ['不予开放'],
};

export const FREQUENCY_WORDS: Record<UpdateFrequency, readonly string[]> = {
  realtime: ['实时'],
  daily: ['每日', '每天'],
  weekly: ['每周'],
  monthly: ['每月'],
  quarterly: ['每季度', '每季'],
  yearly: ['每年', '每年度'],
  irregular: ['不定期'],
  once: ['一次性'],
};

/** 共享方式: the two ways, written together when both apply. */
export const METHOD_WORDS = { api: ['接口', '接口方式', '服务接口', '接口共享', 'API'], file: ['文件', '文件方式', '文件下载', '文件共享'] } as const;
export const METHOD_LABELS: Record<SharingMethod, string> = { api: '接口', file: '文件', api_and_file: '接口、文件' };

/** 信息项 data types, as the guide names them. */
export const COLUMN_TYPE_WORDS: Record<ColumnType, string> = {
  text: '字符型',
  integer: '整型',
  decimal: '数值型',
  date: '日期型',
  boolean: '逻辑型',
};

const FORMAT_LABELS: Record<string, string> = { csv: 'CSV', xlsx: 'XLSX', json: 'JSON', geojson: 'GeoJSON', other: '其他' };

/** Separator the export puts between codes, formats and 信息项; the import also reads , ， 、 and ; . */
export const LIST_SEPARATOR = '；';

/** An Excel cell holds at most 32,767 characters. */
export const MAX_CELL_CHARS = 32_000;

export function categoryLabel(value: ResourceCategory): string {
  return CATEGORY_WORDS[value][0] ?? value;
}
export function sharingLabel(value: SharingLevel): string {
  return SHARING_WORDS[value][0] ?? value;
}
export function accessLabel(value: AccessLevel): string {
  return ACCESS_WORDS[value][0] ?? value;
}
export function frequencyLabel(value: UpdateFrequency): string {
  return FREQUENCY_WORDS[value][0] ?? value;
}

export function formatsText(formats: readonly string[]): string {
  return [...new Set(formats.map((f) => FORMAT_LABELS[f] ?? f.toUpperCase()))].sort().join(LIST_SEPARATOR);
}

export interface InfoItem {
  name: string;
  type: ColumnType;
}

/** 信息项 as one cell: 名称（类型）, in the tables' order, each name once. */
export function infoItemsText(items: readonly InfoItem[]): string {
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const item of items) {
    const part = `${item.name}（${COLUMN_TYPE_WORDS[item.type] ?? item.type}）`;
    if (seen.has(part)) continue;
    seen.add(part);
    parts.push(part);
  }
  return truncateCell(parts.join(LIST_SEPARATOR));
}

export function truncateCell(text: string): string {
  return text.length > MAX_CELL_CHARS ? `${text.slice(0, MAX_CELL_CHARS - 1)}…` : text;
}

/** One dataset as the catalogue describes it. */
export interface CatalogueEntry {
  slug: string;
  title: string;
  description: string;
  resourceCategory: ResourceCategory;
  categoryCode: string;
  resourceCode: string | null;
  departmentName: string;
  departmentCode: string | null;
  formats: readonly string[];
  infoItems: readonly InfoItem[];
  sharing: SharingLevel;
  sharingConditions: string;
  sharingMethod: SharingMethod;
  accessLevel: AccessLevel;
  openConditions: string;
  updateFrequency: UpdateFrequency;
  publishedAt: Date | null;
  relatedCodes: readonly string[];
}

/** The day a dataset was first published, in the site's zone ('' for one never published). */
export function publishedOnText(publishedAt: Date | null, timeZone: string): string {
  return publishedAt ? dateToZonedLocal(publishedAt, timeZone).slice(0, 10) : '';
}

/** The cells of one dataset's row, in CATALOGUE_COLUMNS order. */
export function catalogueRow(entry: CatalogueEntry, timeZone: string): string[] {
  const values: Record<CatalogueField, string> = {
    resourceCategory: categoryLabel(entry.resourceCategory),
    categoryCode: entry.categoryCode,
    title: entry.title,
    resourceCode: entry.resourceCode ?? '',
    providerName: entry.departmentName,
    providerCode: entry.departmentCode ?? '',
    description: truncateCell(entry.description),
    formats: formatsText(entry.formats),
    infoItems: infoItemsText(entry.infoItems),
    sharing: sharingLabel(entry.sharing),
    sharingConditions: entry.sharingConditions,
    sharingMethod: METHOD_LABELS[entry.sharingMethod],
    accessLevel: accessLabel(entry.accessLevel),
    openConditions: entry.openConditions,
    updateFrequency: frequencyLabel(entry.updateFrequency),
    publishedOn: publishedOnText(entry.publishedAt, timeZone),
    relatedCodes: entry.relatedCodes.join(LIST_SEPARATOR),
    slug: entry.slug,
  };
  return CATALOGUE_COLUMNS.map((c) => values[c.field]);
}

/** The choices of a column with a fixed vocabulary, for the sheet's drop-down lists and its guide. */
export function columnChoices(field: CatalogueField): string[] | null {
  switch (field) {
    case 'resourceCategory':
      return Object.values(CATEGORY_WORDS).map((w) => w[0] ?? '');
    case 'sharing':
      return Object.values(SHARING_WORDS).map((w) => w[0] ?? '');
    case 'sharingMethod':
      return Object.values(METHOD_LABELS);
    case 'accessLevel':
      return Object.values(ACCESS_WORDS).map((w) => w[0] ?? '');
    case 'updateFrequency':
      return Object.values(FREQUENCY_WORDS).map((w) => w[0] ?? '');
    default:
      return null;
  }
}

/** The export's file name: the department's (or the site's) catalogue of that day. */
export function catalogueFileName(departmentName: string | null, day: string): string {
  return `${CATALOGUE_SHEET_NAME}-${departmentName ?? '全部部门'}-${day}.xlsx`;
}

/** The second sheet: how to fill each column in. */
export const GUIDE_HEADERS = ['列名', '填写要求', '说明', '可填写的值'] as const;

export function guideRows(): string[][] {
  return CATALOGUE_COLUMNS.map((c) => [c.header, c.readOnly ? '只读' : c.required ? '必填' : '选填', c.note, columnChoices(c.field)?.join('、') ?? '']);
}
