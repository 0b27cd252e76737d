/**
 * Row queries against a datastore table, from URL parameters or CKAN's datastore_search. Column
 * names are only ever taken from the table's own column list and quoted; values are always bound
 * parameters. Nothing a visitor types reaches SQL as text.
 *
 * URL form (web preview, downloads and /api/v1):
 *   limit, offset          paging
 *   sort=列名 / sort=-列名  ascending / descending; repeatable
 *   q=text                 rows where any column contains the text
 *   eq.列名=v              equals
 *   contains.列名=v        contains (case-insensitive for Latin letters)
 *   gte.列名=v, lte.列名=v range, inclusive
 */
import { containsPattern } from './like-pattern';
import { normaliseBoolean, normaliseDate, normaliseDecimal } from './import/infer';
import type { ColumnType } from './import/types';

export const FILTER_OPS = ['eq', 'contains', 'gte', 'lte'] as const;
export type FilterOp = (typeof FILTER_OPS)[number];

export interface QueryColumn {
  name: string;
  type: ColumnType;
}

export interface RowFilter {
  column: string;
  op: FilterOp;
  /** One value, or several for "equals any of" (CKAN filters with a list). */
  values: string[];
  /** For equals: also match empty cells (CKAN's null). */
  includeEmpty?: boolean;
}

export interface RowSort {
  column: string;
  descending: boolean;
}

export interface RowQuery {
  filters: RowFilter[];
  sort: RowSort[];
  q: string;
  limit: number;
  offset: number;
}

export type QueryProblem =
  | { code: 'unknownColumn'; column: string }
  | { code: 'badValue'; column: string; value: string }
  | { code: 'badLimit' }
  | { code: 'badOffset' };

export type ParseResult = { ok: true; query: RowQuery } | { ok: false; problem: QueryProblem };

export interface QueryLimits {
  defaultLimit: number;
  maxLimit: number;
}

function findColumn(columns: readonly QueryColumn[], name: string): QueryColumn | undefined {
  return columns.find((c) => c.name === name);
}

function parseCount(raw: string | null, fallback: number): number | null {
  if (raw === null || raw.trim() === '') return fallback;
  if (!/^\d{1,9}$/.test(raw.trim())) return null;
  return Number(raw.trim());
}

/** Reads a query from URL parameters, validating every column against the table. */
export function parseRowQuery(params: URLSearchParams, columns: readonly QueryColumn[], limits: QueryLimits): ParseResult {
  const limit = parseCount(params.get('limit'), limits.defaultLimit);
  if (limit === null || limit < 1) return { ok: false, problem: { code: 'badLimit' } };
  const offset = parseCount(params.get('offset'), 0);
  if (offset === null) return { ok: false, problem: { code: 'badOffset' } };

  const sort: RowSort[] = [];
  for (const raw of params.getAll('sort')) {
    if (raw === '') continue;
    const descending = raw.startsWith('-');
    const name = descending ? raw.slice(1) : raw;
    if (name !== '_id' && !findColumn(columns, name)) return { ok: false, problem: { code: 'unknownColumn', column: name } };
    sort.push({ column: name, descending });
  }

  const filters: RowFilter[] = [];
  for (const [key, value] of params) {
    const dot = key.indexOf('.');
    if (dot === -1) continue;
    const op = key.slice(0, dot);
    if (!(FILTER_OPS as readonly string[]).includes(op)) continue;
    if (value === '') continue;
    const name = key.slice(dot + 1);
    if (!findColumn(columns, name)) return { ok: false, problem: { code: 'unknownColumn', column: name } };
    filters.push({ column: name, op: op as FilterOp, values: [value] });
  }

  const query: RowQuery = { filters, sort, q: (params.get('q') ?? '').trim(), limit: Math.min(limit, limits.maxLimit), offset };
  const problem = checkValues(query, columns);
  return problem ? { ok: false, problem } : { ok: true, query };
}

/** The URL parameters that reproduce a query (for links to pages, downloads and the API). */
export function rowQueryToParams(query: Partial<RowQuery>): URLSearchParams {
  const params = new URLSearchParams();
  if (query.q) params.set('q', query.q);
  for (const filter of query.filters ?? []) {
    for (const value of filter.values) params.append(`${filter.op}.${filter.column}`, value);
  }
  for (const s of query.sort ?? []) params.append('sort', `${s.descending ? '-' : ''}${s.column}`);
  return params;
}

/** A filter value in the form the column stores, or undefined when it cannot be one. */
export function bindValue(type: ColumnType, op: FilterOp, raw: string): string | number | undefined {
  const value = raw.trim();
  if (op === 'contains') return value;
  switch (type) {
    case 'integer':
    case 'decimal':
      return normaliseDecimal(value) ?? undefined;
    case 'boolean':
      return normaliseBoolean(value) ?? (value === '1' ? 1 : value === '0' ? 0 : undefined);
    case 'date':
      // A range may be given as a year or a month; ISO text compares in date order.
      if (op !== 'eq' && /^\d{4}(-\d{2})?$/.test(value)) return value;
      return normaliseDate(value) ?? undefined;
    case 'text':
      return value;
  }
}

function checkValues(query: RowQuery, columns: readonly QueryColumn[]): QueryProblem | null {
  for (const filter of query.filters) {
    const column = findColumn(columns, filter.column);
    if (!column) return { code: 'unknownColumn', column: filter.column };
    for (const value of filter.values) {
      if (bindValue(column.type, filter.op, value) === undefined) return { code: 'badValue', column: filter.column, value };
    }
  }
  return null;
}

export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export interface SqlFragment {
  sql: string;
  params: (string | number)[];
}

/**
 * How a statement is written for the engine that runs it. SQLite names a column by its header;
 * PostgreSQL truncates identifiers at 63 bytes, so its datastore tables name columns c1…cN and keep
 * the header in the column's comment (app/models/datastore-sql.server.ts), and `column` answers the
 * physical name. Parameters are `?` in both; the PostgreSQL runner numbers them.
 */
export interface SqlDialect {
  postgres: boolean;
  column(name: string): string;
}

export const SQLITE_DIALECT: SqlDialect = { postgres: false, column: quoteIdentifier };

export interface WhereOptions {
  dialect?: SqlDialect;
  /**
   * SQLite: writes each filtered column as `+"column"` (the same value, but SQLite will not use an
   * index for it), so the query planner reads the sort column's index instead. PostgreSQL's planner
   * weighs that by itself.
   */
  avoidIndexes?: boolean;
  /** SQLite: the table's FTS5 trigram index (see trigramQuery), which narrows `q` to candidate rows. */
  searchIndex?: string;
  /** PostgreSQL: the row document the table's GIN index is built over (app/models/datastore-sql.server.ts). */
  searchDocument?: string;
}

/** Whether a PostgreSQL gram index can look `text` up: it holds letters and digits, not punctuation or spaces. */
export function hasSearchableCharacter(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}

/**
 * WHERE clause (or '') and its parameters. Assumes the query was validated by parseRowQuery.
 * Candidates found through a search index are confirmed by the per-column test that follows.
 */
export function buildWhere(query: Pick<RowQuery, 'filters' | 'q'>, columns: readonly QueryColumn[], options: WhereOptions = {}): SqlFragment {
  const dialect = options.dialect ?? SQLITE_DIALECT;
  const like = dialect.postgres ? 'ILIKE' : 'LIKE';
  const asText = (id: string) => (dialect.postgres ? `${id}::text` : `CAST(${id} AS TEXT)`);
  const clauses: string[] = [];
  const params: (string | number)[] = [];
  for (const filter of query.filters) {
    const column = findColumn(columns, filter.column);
    if (!column) throw new Error(`unknown column ${filter.column}`);
    const id = `${options.avoidIndexes && !dialect.postgres ? '+' : ''}${dialect.column(column.name)}`;
    const values = filter.values.map((v) => bindValue(column.type, filter.op, v)).filter((v) => v !== undefined);
    if (filter.op === 'eq') {
      // "Equals any of": an empty list matches nothing, null matches empty cells. A typed
      // PostgreSQL integer column cannot be compared with 2.5 (and holds no such value).
      const usable = dialect.postgres && column.type === 'integer' ? values.filter((v) => Number.isInteger(v)) : values;
      const alternatives: string[] = [];
      if (usable.length === 1) alternatives.push(`${id} = ?`);
      else if (usable.length > 1) alternatives.push(`${id} IN (${usable.map(() => '?').join(', ')})`);
      if (filter.includeEmpty) alternatives.push(`${id} IS NULL`);
      clauses.push(alternatives.length ? `(${alternatives.join(' OR ')})` : '1 = 0');
      params.push(...usable);
      continue;
    }
    if (values.length === 0) continue;
    switch (filter.op) {
      case 'contains':
        clauses.push(`${asText(id)} ${like} ? ESCAPE '\\'`);
        params.push(containsPattern(String(values[0])));
        break;
      case 'gte':
        clauses.push(`${id} >= ?`);
        params.push(dialect.postgres && column.type === 'integer' ? Math.ceil(values[0] as number) : (values[0] as string | number));
        break;
      case 'lte':
        // "up to 2025-10" includes every day of October.
        clauses.push(column.type === 'date' && /^\d{4}(-\d{2})?$/.test(String(values[0])) ? `substr(${id}, 1, ${String(values[0]).length}) <= ?` : `${id} <= ?`);
        params.push(dialect.postgres && column.type === 'integer' ? Math.floor(values[0] as number) : (values[0] as string | number));
        break;
    }
  }
  if (query.q) {
    if (options.searchDocument && hasSearchableCharacter(query.q)) {
      // The expression of the table's GIN index, so the planner reads the index.
      clauses.push(`array_to_tsvector(jdz_search_grams(${options.searchDocument})) @@ jdz_search_query(ARRAY[?]::text[])`);
      params.push(query.q);
    }
    const match = options.searchIndex ? trigramQuery(query.q) : null;
    if (match && options.searchIndex) {
      const index = quoteIdentifier(options.searchIndex);
      clauses.push(`"_id" IN (SELECT rowid FROM ${index} WHERE ${index} MATCH ?)`);
      params.push(match);
    }
    const pattern = containsPattern(query.q);
    clauses.push(`(${columns.map((c) => `${asText(dialect.column(c.name))} ${like} ? ESCAPE '\\'`).join(' OR ')})`);
    params.push(...columns.map(() => pattern));
  }
  return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

/**
 * ORDER BY clause. Rows with equal keys are ordered by row number in the direction of the last
 * key, so paging is stable and a one-column index (which holds the row number after the value)
 * serves the whole order without a sort. Empty cells come first in ascending order, as SQLite
 * sorts them (PostgreSQL is told so: it would put them last).
 */
export function buildOrderBy(sort: readonly RowSort[], columns: readonly QueryColumn[], dialect: SqlDialect = SQLITE_DIALECT): string {
  const valid = sort.filter((s) => s.column === '_id' || findColumn(columns, s.column));
  const nulls = (descending: boolean) => (dialect.postgres ? (descending ? ' NULLS LAST' : ' NULLS FIRST') : '');
  const terms = valid.map((s) => (s.column === '_id' ? `"_id" ${s.descending ? 'DESC' : 'ASC'}` : `${dialect.column(s.column)} ${s.descending ? 'DESC' : 'ASC'}${nulls(s.descending)}`));
  if (!valid.some((s) => s.column === '_id')) terms.push(`"_id" ${valid.at(-1)?.descending ? 'DESC' : 'ASC'}`);
  return `ORDER BY ${terms.join(', ')}`;
}

/** PostgreSQL's numbered parameters for a statement written with `?`: outside quoted names and string literals. */
export function numberedParameters(text: string): string {
  let out = '';
  let n = 0;
  let quote: string | null = null;
  for (const ch of text) {
    if (quote) {
      if (ch === quote) quote = null;
      out += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      out += ch;
    } else if (ch === '?') {
      n += 1;
      out += `$${n}`;
    } else {
      out += ch;
    }
  }
  return out;
}

/**
 * The full-text query that finds rows containing `text` in a trigram index without positions:
 * every three-character piece of it must occur. Rows that hold the pieces but not the whole text
 * are removed by the exact test that follows. Null for text under three characters, which a
 * trigram index cannot look up.
 */
export function trigramQuery(text: string): string | null {
  const chars = [...text.toLowerCase()];
  if (chars.length < 3) return null;
  const pieces = new Set<string>();
  for (let i = 0; i + 3 <= chars.length; i += 1) pieces.add(chars.slice(i, i + 3).join(''));
  return [...pieces].map((piece) => `"${piece.replaceAll('"', '""')}"`).join(' AND ');
}
