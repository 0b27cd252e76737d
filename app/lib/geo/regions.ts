/**
 * Matching a table's districts to boundary features: by division code (行政区划代码, 6, 9 or 12
 * digits) when the table has such a column, else by name with the common suffixes allowed to
 * differ ("城关" matches "城关区", "南山县" matches "南山").
 */
import type { DatastoreColumn, KeyColumn } from '../vocabulary';
import { bareColumnName } from './coordinates';

export type RegionColumn = { column: string; by: 'code' | 'name' };

const CODE_NAMES = /^(行政区划代码|区划代码|行政区代码|行政区划编码|区县代码|地区代码|adcode|admincode|divisioncode|regioncode|xzqdm|code)$/i;
const NAME_NAMES = /^(区县|区|县|县区|行政区|行政区划|行政区划名称|地区|所属区县|所在区县|区县名称|district|county|region)$/i;
const DIVISION_CODE = /^\d{6}(\d{3}(\d{3})?)?$/;

function looksLikeCodes(column: DatastoreColumn): boolean {
  const sample = [column.profile?.min, column.profile?.max, ...(column.profile?.top ?? []).map((t) => t.value)].filter((v) => v !== null && v !== undefined);
  return sample.length > 0 && sample.every((v) => DIVISION_CODE.test(regionCode(v as string | number)));
}

/** The column a choropleth groups rows by, or null when the table names no districts. */
export function detectRegionColumn(columns: readonly DatastoreColumn[], keys: readonly KeyColumn[] = []): RegionColumn | null {
  const keyed = keys.find((k) => k.kind === 'admin_division' && columns.some((c) => c.name === k.column && looksLikeCodes(c)));
  if (keyed) return { column: keyed.column, by: 'code' };
  const code = columns.find((c) => CODE_NAMES.test(bareColumnName(c.name)) && looksLikeCodes(c));
  if (code) return { column: code.name, by: 'code' };
  const name = columns.find((c) => c.type === 'text' && NAME_NAMES.test(bareColumnName(c.name)));
  return name ? { column: name.name, by: 'name' } : null;
}

/** A cell as a division code: numbers lose a stored ".0", text its spaces. */
export function regionCode(value: string | number): string {
  return typeof value === 'number' ? String(Math.trunc(value)) : value.trim();
}

/** A district name without the suffix that people leave off or add ("城关区" → "城关"). */
export function normaliseRegionName(name: string): string {
  const trimmed = name.replace(/\s+/g, '');
  const bare = trimmed.replace(/(特别行政区|自治州|自治县|自治旗|地区|街道|市辖区|[省市区县旗镇乡盟])$/, '');
  return bare.length >= 2 ? bare : trimmed;
}

export interface RegionFeature {
  position: number;
  code: string | null;
  name: string | null;
}

export interface RegionMatch {
  /** Feature position → the group's value. */
  values: Map<number, number>;
  /** Values in the table that no feature has, with the rows they stand for when known. */
  unmatched: { value: string; rows: number | null }[];
}

/** Pairs grouped values with features; groups without a boundary are reported, not dropped silently. */
export function matchRegions(groups: readonly { key: string | number | null; value: number | null; rows?: number }[], features: readonly RegionFeature[], by: RegionColumn['by']): RegionMatch {
  const index = new Map<string, number>();
  for (const f of features) {
    if (by === 'code' && f.code) index.set(f.code, f.position);
    if (by === 'name' && f.name) {
      index.set(f.name.trim(), f.position);
      index.set(normaliseRegionName(f.name), f.position);
    }
  }
  const values = new Map<number, number>();
  const unmatched: RegionMatch['unmatched'] = [];
  for (const g of groups) {
    if (g.key === null || g.value === null) continue;
    const key = by === 'code' ? regionCode(g.key) : String(g.key).trim();
    const position = index.get(key) ?? (by === 'name' ? index.get(normaliseRegionName(key)) : undefined);
    if (position === undefined) unmatched.push({ value: key, rows: g.rows ?? null });
    else values.set(position, (values.get(position) ?? 0) + g.value);
  }
  return { values, unmatched };
}
