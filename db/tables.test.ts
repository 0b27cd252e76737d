import fs from 'node:fs';
import { is, Table } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { databaseEngine } from '../app/config.server';
import * as pgTables from './schema.pg';
import * as sqliteTables from './schema';
import * as tables from './tables';

describe('db/tables', () => {
  it('chooses every table of db/schema.ts by engine, so no model queries a SQLite table on PostgreSQL', () => {
    const tableNames = Object.entries(sqliteTables)
      .filter(([, value]) => is(value, Table))
      .map(([name]) => name)
      .sort();
    const source = fs.readFileSync(new URL('./tables.ts', import.meta.url), 'utf8');
    const chosen = [...source.matchAll(/^export const (\w+) = chosen\.(\w+);$/gm)].filter((m) => m[1] === m[2]).map((m) => m[1]).sort();
    expect(chosen).toEqual(tableNames);
  });

  it("answers the tables of DATABASE_URL's engine", () => {
    expect(tables.users).toBe(databaseEngine() === 'postgres' ? pgTables.users : sqliteTables.users);
  });
});
