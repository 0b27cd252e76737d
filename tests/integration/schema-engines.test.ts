/**
 * The two engines build the same schema (docs/decisions/012-postgresql.md). A fresh SQLite file is
 * migrated with the app's migrator (db/migrations) and a fresh PostgreSQL database with drizzle's
 * (db/migrations-pg); both are then read back from the catalogues and compared: the tables, each
 * table's columns (name, nullability, type family, default, identity), primary key, indexes (name,
 * columns, uniqueness, partial-index condition) and foreign keys (columns, target, ON DELETE /
 * ON UPDATE), and the triggers. A change to db/schema.ts whose PostgreSQL migration was not
 * generated (`npm run db:generate:pg`) fails here, with the differences listed.
 *
 * Type families: integer and bigint ↔ integer, text ↔ text, double precision ↔ real; and where
 * db/schema.ts declares a mode, boolean ↔ integer (mode 'boolean'), timestamptz ↔ integer
 * (mode 'timestamp_ms') and jsonb ↔ text (mode 'json'). NULL ordering is not compared: each
 * engine has its own default (SQLite sorts NULL first, PostgreSQL last), the same for every index.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getTableColumns, getTableName, is, type Table } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { PgTable } from 'drizzle-orm/pg-core';
import { SQLiteTable, getTableConfig } from 'drizzle-orm/sqlite-core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client';
import { applyMigrations } from '../../db/migrate';
import * as sqliteSchema from '../../db/schema';
import * as pgSchema from '../../db/schema.pg';
import { startPostgres, type TestPostgres } from '../helpers/postgres';

const PG_MIGRATIONS = fileURLToPath(new URL('../../db/migrations-pg', import.meta.url));

/**
 * SQLite tables that are not PostgreSQL tables, and why. Virtual tables bring FTS5's own tables
 * (`<name>_data`, `_idx`, `_content`, `_docsize`, `_config`), excluded with them.
 */
const SQLITE_ONLY_TABLES: Record<string, string> = {
  __drizzle_migrations: "drizzle's record of applied migrations (on PostgreSQL: drizzle.__drizzle_migrations)",
  search_index: 'FTS5 trigram index of the site search; on PostgreSQL a table of the same name with a tsvector of characters and pairs (POSTGRES_ONLY_TABLES)',
  search_short: 'FTS5 index of one- and two-character terms; the PostgreSQL search index finds those itself',
};

/** PostgreSQL tables that are not SQLite tables (SQLite has a virtual table of the name), and why. */
const POSTGRES_ONLY_TABLES: Record<string, string> = {
  search_index: 'the site search (db/migrations-pg/0003_search_index.sql): a table with a GIN-indexed tsvector where SQLite has FTS5',
};
const FTS5_SHADOW_SUFFIXES = ['data', 'idx', 'content', 'docsize', 'config'];

/** PostgreSQL triggers without a SQLite counterpart, and why. */
const POSTGRES_ONLY_TRIGGERS: [RegExp, string][] = [[/^audit_log_no_truncate$/, 'TRUNCATE skips row triggers on PostgreSQL; SQLite has no TRUNCATE']];

/** SQLite triggers without a PostgreSQL counterpart yet, by name pattern, and why. */
const SQLITE_ONLY_TRIGGERS: [RegExp, string][] = [
  [/^(departments|datasets|dataset_resources)_uuid_fill$/, 'PostgreSQL has the column default gen_random_uuid() instead'],
];

/** Columns whose default differs on purpose: PostgreSQL default → reason. */
const PG_ONLY_DEFAULTS: Record<string, string> = {
  'departments.uuid': 'gen_random_uuid()',
  'datasets.uuid': 'gen_random_uuid()',
  'dataset_resources.uuid': 'gen_random_uuid()',
};

interface ColumnInfo {
  type: string;
  notNull: boolean;
  default: string | null;
  autoIncrement: boolean;
}
interface IndexInfo {
  unique: boolean;
  columns: string[];
  where: string | null;
}
interface ForeignKeyInfo {
  references: string;
  onDelete: string;
  onUpdate: string;
}
interface TableInfo {
  columns: Record<string, ColumnInfo>;
  primaryKey: string[];
  indexes: Record<string, IndexInfo>;
  /** Keyed by `(columns)`. */
  foreignKeys: Record<string, ForeignKeyInfo>;
  triggers: string[];
}
type SchemaInfo = Record<string, TableInfo>;

// ---------------------------------------------------------------------------------------------
// Normalising what each engine says

/** The modes db/schema.ts declares, by `table.column`: boolean, timestamp or json. */
const declaredModes = new Map<string, string>();
for (const value of Object.values(sqliteSchema)) {
  if (!is(value, SQLiteTable)) continue;
  for (const column of getTableConfig(value).columns) {
    const mode = { SQLiteBoolean: 'boolean', SQLiteTimestamp: 'timestamp', SQLiteTextJson: 'json' }[column.columnType as string];
    if (mode) declaredModes.set(`${getTableName(value)}.${column.name}`, mode);
  }
}

function sqliteFamily(table: string, column: string, declared: string): string {
  const type = declared.toLowerCase();
  const mode = declaredModes.get(`${table}.${column}`);
  if (type === 'integer' && (mode === 'boolean' || mode === 'timestamp')) return mode;
  if (type === 'text' && mode === 'json') return 'json';
  if (type === 'integer' || type === 'text' || type === 'real') return type;
  return `sqlite ${type}`;
}

function pgFamily(dataType: string): string {
  const family: Record<string, string> = {
    integer: 'integer',
    bigint: 'integer',
    smallint: 'integer',
    text: 'text',
    'double precision': 'real',
    boolean: 'boolean',
    'timestamp with time zone': 'timestamp',
    jsonb: 'json',
  };
  return family[dataType] ?? `pg ${dataType}`;
}

/** Quotes, table prefixes, parentheses, casts and case removed: `"t"."a" = 'x'` → `a = 'x'`. */
function normaliseExpression(table: string, expression: string): string {
  return expression
    .replace(/::[a-z ]+(\[\])?/gi, '')
    .replace(/[`"]/g, '')
    .replace(new RegExp(`\\b(public\\.)?${table}\\.`, 'g'), '')
    .replace(/[()]/g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s+nulls\s+(first|last)\b/gi, '')
    .replace(/\s+asc\b/gi, '')
    .trim()
    .toLowerCase();
}

function balanced(text: string): boolean {
  let depth = 0;
  for (const ch of text) {
    depth += ch === '(' ? 1 : ch === ')' ? -1 : 0;
    if (depth < 0) return false;
  }
  return depth === 0;
}

function normaliseDefault(family: string, value: string | null): string | null {
  if (value === null) return null;
  let v = value.trim();
  for (let before = ''; before !== v; ) {
    before = v;
    v = v.replace(/::[a-z ]+$/i, '').trim();
    if (v.startsWith('(') && v.endsWith(')') && balanced(v.slice(1, -1))) v = v.slice(1, -1).trim();
  }
  if (/^unixepoch\('subsec'\)\s*\*\s*1000$/i.test(v) || /^now\(\)$/i.test(v) || /^CURRENT_TIMESTAMP$/i.test(v)) return 'now()';
  if (family === 'boolean') return v === '1' || v.toLowerCase() === 'true' ? 'true' : v === '0' || v.toLowerCase() === 'false' ? 'false' : v;
  return v;
}

/** The column list and WHERE clause of a CREATE INDEX statement, from either engine. */
function parseIndex(table: string, definition: string): { columns: string[]; where: string | null } {
  const on = definition.search(/\sON\s/i);
  const open = definition.indexOf('(', on);
  let depth = 0;
  let close = -1;
  const columns: string[] = [];
  let start = open + 1;
  for (let i = open; i < definition.length; i++) {
    const ch = definition[i];
    if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) {
      close = i;
      break;
    } else if (ch === ',' && depth === 1) {
      columns.push(definition.slice(start, i));
      start = i + 1;
    }
  }
  if (on < 0 || open < 0 || close < 0) throw new Error(`cannot read index definition: ${definition}`);
  columns.push(definition.slice(start, close));
  const rest = definition.slice(close + 1).trim().replace(/;$/, '');
  const where = /^WHERE\s+([\s\S]*)$/i.exec(rest)?.[1];
  return { columns: columns.map((c) => normaliseExpression(table, c)), where: where ? normaliseExpression(table, where) : null };
}

const PG_ACTIONS: Record<string, string> = { a: 'no action', r: 'restrict', c: 'cascade', n: 'set null', d: 'set default' };

// ---------------------------------------------------------------------------------------------
// Reading each engine's catalogue

function sqliteInfo(sqlite: { prepare(sql: string): { all(...params: unknown[]): unknown[] } }): SchemaInfo {
  const all = <T>(sql: string, ...params: unknown[]) => sqlite.prepare(sql).all(...params) as T[];
  const masters = all<{ type: string; name: string; tbl_name: string; sql: string | null }>('SELECT type, name, tbl_name, sql FROM sqlite_master');
  const virtual = masters.filter((m) => m.type === 'table' && /^CREATE VIRTUAL TABLE/i.test(m.sql ?? '')).map((m) => m.name);
  const excluded = new Set([...Object.keys(SQLITE_ONLY_TABLES), ...virtual.flatMap((v) => FTS5_SHADOW_SUFFIXES.map((s) => `${v}_${s}`))]);
  const unlisted = virtual.filter((v) => !(v in SQLITE_ONLY_TABLES));
  if (unlisted.length > 0) throw new Error(`SQLite virtual table(s) ${unlisted.join(', ')} have no PostgreSQL counterpart: list them in SQLITE_ONLY_TABLES or port them`);

  const info: SchemaInfo = {};
  for (const { name, sql } of masters.filter((m) => m.type === 'table' && !m.name.startsWith('sqlite_') && !excluded.has(m.name))) {
    const columns: Record<string, ColumnInfo> = {};
    const pk: { name: string; pk: number }[] = [];
    for (const c of all<{ name: string; type: string; notnull: number; dflt_value: string | null; pk: number }>(`SELECT * FROM pragma_table_info(?)`, name)) {
      const type = sqliteFamily(name, c.name, c.type);
      const autoIncrement = new RegExp(`[\`"]${c.name}[\`"]\\s+integer\\s+primary\\s+key\\s+autoincrement`, 'i').test(sql ?? '');
      columns[c.name] = { type, notNull: c.notnull === 1, default: normaliseDefault(type, c.dflt_value), autoIncrement };
      if (c.pk > 0) pk.push({ name: c.name, pk: c.pk });
    }
    const indexes: Record<string, IndexInfo> = {};
    for (const ix of all<{ name: string; unique: number; origin: string }>(`SELECT * FROM pragma_index_list(?)`, name)) {
      if (ix.origin === 'pk') continue;
      const definition = masters.find((m) => m.type === 'index' && m.name === ix.name)?.sql;
      const parsed = definition
        ? parseIndex(name, definition)
        : { columns: all<{ name: string }>(`SELECT name FROM pragma_index_info(?) ORDER BY seqno`, ix.name).map((c) => c.name), where: null };
      indexes[ix.name] = { unique: ix.unique === 1, ...parsed };
    }
    const foreignKeys: Record<string, ForeignKeyInfo> = {};
    const fkRows = all<{ id: number; seq: number; table: string; from: string; to: string | null; on_update: string; on_delete: string }>(
      `SELECT * FROM pragma_foreign_key_list(?) ORDER BY id, seq`,
      name,
    );
    for (const id of new Set(fkRows.map((r) => r.id))) {
      const rows = fkRows.filter((r) => r.id === id);
      const [first] = rows;
      if (!first) continue;
      const targetPk = () =>
        all<{ name: string; pk: number }>(`SELECT name, pk FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk`, first.table).map((c) => c.name);
      const to = rows.every((r) => r.to) ? rows.map((r) => r.to as string) : targetPk();
      foreignKeys[`(${rows.map((r) => r.from).join(', ')})`] = {
        references: `${first.table}(${to.join(', ')})`,
        onDelete: first.on_delete.toLowerCase(),
        onUpdate: first.on_update.toLowerCase(),
      };
    }
    const triggers = masters.filter((m) => m.type === 'trigger' && m.tbl_name === name).map((m) => m.name);
    info[name] = { columns, primaryKey: pk.sort((a, b) => a.pk - b.pk).map((c) => c.name), indexes, foreignKeys, triggers: triggers.sort() };
  }
  return info;
}

async function pgInfo(client: pg.Client): Promise<SchemaInfo> {
  const rows = async <T>(sql: string) => (await client.query(sql)).rows as T[];
  const tables = await rows<{ name: string }>(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`);
  const columns = await rows<{ table: string; name: string; data_type: string; is_nullable: string; column_default: string | null; is_identity: string }>(
    `SELECT table_name AS table, column_name AS name, data_type, is_nullable, column_default, is_identity FROM information_schema.columns WHERE table_schema = 'public'`,
  );
  const indexes = await rows<{ table: string; name: string; unique: boolean; primary: boolean; definition: string; key: string[] }>(`
    SELECT t.relname AS table, i.relname AS name, x.indisunique AS unique, x.indisprimary AS primary,
           pg_get_indexdef(x.indexrelid) AS definition,
           array(SELECT a.attname FROM unnest(x.indkey) WITH ORDINALITY k(n, o) JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.n ORDER BY k.o)::text[] AS key
    FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
    WHERE n.nspname = 'public'`);
  const foreignKeys = await rows<{ table: string; columns: string[]; target: string; target_columns: string[]; on_delete: string; on_update: string }>(`
    SELECT t.relname AS table, f.relname AS target, c.confdeltype AS on_delete, c.confupdtype AS on_update,
           array(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(n, o) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.o)::text[] AS columns,
           array(SELECT a.attname FROM unnest(c.confkey) WITH ORDINALITY k(n, o) JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.o)::text[] AS target_columns
    FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_class f ON f.oid = c.confrelid JOIN pg_namespace n ON n.oid = c.connamespace
    WHERE c.contype = 'f' AND n.nspname = 'public'`);
  const triggers = await rows<{ table: string; name: string }>(`
    SELECT t.relname AS table, g.tgname AS name FROM pg_trigger g JOIN pg_class t ON t.oid = g.tgrelid JOIN pg_namespace n ON n.oid = t.relnamespace
    WHERE NOT g.tgisinternal AND n.nspname = 'public'`);

  const info: SchemaInfo = {};
  for (const { name } of tables) {
    const tableColumns: Record<string, ColumnInfo> = {};
    for (const c of columns.filter((c) => c.table === name)) {
      const type = pgFamily(c.data_type);
      tableColumns[c.name] = { type, notNull: c.is_nullable === 'NO', default: normaliseDefault(type, c.column_default), autoIncrement: c.is_identity === 'YES' };
    }
    const tableIndexes: Record<string, IndexInfo> = {};
    let primaryKey: string[] = [];
    for (const ix of indexes.filter((i) => i.table === name)) {
      if (ix.primary) primaryKey = ix.key;
      else tableIndexes[ix.name] = { unique: ix.unique, ...parseIndex(name, ix.definition) };
    }
    const tableForeignKeys: Record<string, ForeignKeyInfo> = {};
    for (const fk of foreignKeys.filter((f) => f.table === name)) {
      tableForeignKeys[`(${fk.columns.join(', ')})`] = {
        references: `${fk.target}(${fk.target_columns.join(', ')})`,
        onDelete: PG_ACTIONS[fk.on_delete] ?? fk.on_delete,
        onUpdate: PG_ACTIONS[fk.on_update] ?? fk.on_update,
      };
    }
    info[name] = {
      columns: tableColumns,
      primaryKey,
      indexes: tableIndexes,
      foreignKeys: tableForeignKeys,
      triggers: triggers.filter((t) => t.table === name).map((t) => t.name).sort(),
    };
  }
  return info;
}

// ---------------------------------------------------------------------------------------------
// Comparing

function show(value: unknown): string {
  return JSON.stringify(value);
}

/** Every difference between the two, one line each (empty when they match). */
function compareSchemas(sqlite: SchemaInfo, postgres: SchemaInfo): string[] {
  const out: string[] = [];
  const keys = (a: object, b: object) => [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  for (const table of keys(sqlite, postgres)) {
    const s = sqlite[table];
    const p = postgres[table];
    if (!s || !p) {
      if (p && table in POSTGRES_ONLY_TABLES) continue;
      out.push(`table ${table}: only on ${s ? 'SQLite' : 'PostgreSQL'}`);
      continue;
    }
    for (const column of keys(s.columns, p.columns)) {
      const sc = s.columns[column];
      const pc = p.columns[column];
      const where = `${table}.${column}`;
      if (!sc || !pc) {
        out.push(`column ${where}: only on ${sc ? 'SQLite' : 'PostgreSQL'}`);
        continue;
      }
      if (sc.type !== pc.type) out.push(`column ${where}: type ${sc.type} on SQLite, ${pc.type} on PostgreSQL`);
      if (sc.notNull !== pc.notNull) out.push(`column ${where}: ${sc.notNull ? 'NOT NULL' : 'nullable'} on SQLite, ${pc.notNull ? 'NOT NULL' : 'nullable'} on PostgreSQL`);
      const expectedDefault = PG_ONLY_DEFAULTS[where] && sc.default === null ? PG_ONLY_DEFAULTS[where] : sc.default;
      if (expectedDefault !== pc.default) out.push(`column ${where}: default ${show(sc.default)} on SQLite, ${show(pc.default)} on PostgreSQL`);
      if (sc.autoIncrement !== pc.autoIncrement) {
        out.push(`column ${where}: ${sc.autoIncrement ? 'autoincrement' : 'no autoincrement'} on SQLite, ${pc.autoIncrement ? 'identity' : 'no identity'} on PostgreSQL`);
      }
    }
    if (show(s.primaryKey) !== show(p.primaryKey)) out.push(`primary key of ${table}: ${show(s.primaryKey)} on SQLite, ${show(p.primaryKey)} on PostgreSQL`);
    for (const name of keys(s.indexes, p.indexes)) {
      const si = s.indexes[name];
      const pi = p.indexes[name];
      if (!si || !pi) out.push(`index ${name} on ${table}: only on ${si ? 'SQLite' : 'PostgreSQL'}`);
      else if (show(si) !== show(pi)) out.push(`index ${name} on ${table}: ${show(si)} on SQLite, ${show(pi)} on PostgreSQL`);
    }
    for (const columns of keys(s.foreignKeys, p.foreignKeys)) {
      const sf = s.foreignKeys[columns];
      const pf = p.foreignKeys[columns];
      if (!sf || !pf) out.push(`foreign key ${table}${columns}: only on ${sf ? 'SQLite' : 'PostgreSQL'}`);
      else if (show(sf) !== show(pf)) out.push(`foreign key ${table}${columns}: ${show(sf)} on SQLite, ${show(pf)} on PostgreSQL`);
    }
    for (const trigger of [...new Set([...s.triggers, ...p.triggers])].sort()) {
      const onSqlite = s.triggers.includes(trigger);
      const onPg = p.triggers.includes(trigger);
      if (onSqlite && onPg) continue;
      if (onSqlite && SQLITE_ONLY_TRIGGERS.some(([pattern]) => pattern.test(trigger))) continue;
      if (onPg && POSTGRES_ONLY_TRIGGERS.some(([pattern]) => pattern.test(trigger))) continue;
      out.push(`trigger ${trigger} on ${table}: only on ${onSqlite ? 'SQLite (port it to db/migrations-pg, or list it in SQLITE_ONLY_TRIGGERS)' : 'PostgreSQL'}`);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

/** Compile-time: each PostgreSQL table gives the same TypeScript rows as its SQLite table. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type SqliteTables = { [K in keyof typeof sqliteSchema as (typeof sqliteSchema)[K] extends SQLiteTable ? K : never]: (typeof sqliteSchema)[K] };
type RowTypesMatch = {
  [K in keyof SqliteTables]: K extends keyof typeof pgSchema
    ? (typeof pgSchema)[K] extends PgTable
      ? Same<(typeof pgSchema)[K]['$inferSelect'], SqliteTables[K]['$inferSelect']> extends true
        ? Same<(typeof pgSchema)[K]['$inferInsert'], SqliteTables[K]['$inferInsert']>
        : false
      : false
    : false;
};
/** The tables whose rows differ; a compile error names them. */
type RowTypesDiffer = { [K in keyof RowTypesMatch]: RowTypesMatch[K] extends true ? never : K }[keyof RowTypesMatch];
const rowTypesDiffer: [RowTypesDiffer] extends [never] ? 'none' : RowTypesDiffer = 'none';

let postgres: TestPostgres | undefined;
let tmp: string;
let sqliteSchemaInfo: SchemaInfo;
let pgSchemaInfo: SchemaInfo;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jdz-engines-'));
  const file = path.join(tmp, 'schema.db');
  const db = await openDatabase(file);
  try {
    await applyMigrations(db);
    sqliteSchemaInfo = sqliteInfo(db.$client);
  } finally {
    db.$client.close();
  }

  postgres = await startPostgres();
  const client = new pg.Client({ connectionString: postgres.url });
  await client.connect();
  try {
    await migrate(drizzle(client), { migrationsFolder: PG_MIGRATIONS });
    pgSchemaInfo = await pgInfo(client);
  } finally {
    await client.end();
  }
});

afterAll(async () => {
  await postgres?.stop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('the SQLite and PostgreSQL schemas', () => {
  it('export the same tables from db/schema.ts and db/schema.pg.ts, with the same rows', () => {
    expect(rowTypesDiffer).toBe('none');
    const tables = (module: object, kind: typeof SQLiteTable | typeof PgTable) =>
      Object.fromEntries(
        Object.entries(module)
          .filter(([, value]) => is(value, kind))
          .map(([key, value]) => {
            const table = value as Table;
            const columns = Object.entries(getTableColumns(table)).map(([k, c]) => `${k}:${c.name}`);
            return [key, `${getTableName(table)}(${columns.sort().join(', ')})`];
          }),
      );
    expect(tables(pgSchema, PgTable)).toEqual(tables(sqliteSchema, SQLiteTable));
  });

  it('migrate to the same tables, columns, keys, indexes and triggers', () => {
    expect(Object.keys(sqliteSchemaInfo).length).toBeGreaterThan(40);
    expect(compareSchemas(sqliteSchemaInfo, pgSchemaInfo)).toEqual([]);
  });

  it('see differences when there are some', () => {
    const broken: SchemaInfo = structuredClone(pgSchemaInfo);
    const users = broken.users;
    if (!users?.columns.email) throw new Error('no users.email');
    users.columns.email.notNull = false;
    delete users.indexes.users_role_idx;
    expect(compareSchemas(sqliteSchemaInfo, broken)).toEqual([
      'column users.email: NOT NULL on SQLite, nullable on PostgreSQL',
      'index users_role_idx on users: only on SQLite',
    ]);
  });
});
