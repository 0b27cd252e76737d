import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { engine, getDb } from '../../db/client';
import { runSql, sqlRows } from '../../tests/helpers/sql';
import { applyMigrations } from '../../db/migrate';
import { sweepUnreferencedUploads } from '~/services/upload-sweep.server';
import { SWEEP_GRACE_MS, uploadsDir } from '~/services/uploads.server';
import { isStorageKeyColumnName, referencedStorageKeys, storageKeyColumns } from './stored-files.server';

beforeAll(async () => {
  await applyMigrations(getDb());
});

const newKey = () => crypto.randomBytes(16).toString('hex');

function storeFile(key: string, ageMs: number): string {
  fs.mkdirSync(uploadsDir(), { recursive: true });
  const file = path.join(uploadsDir(), key);
  fs.writeFileSync(file, `file ${key}`);
  const when = new Date(Date.now() - ageMs);
  fs.utimesSync(file, when, when);
  return file;
}

/** Every column of every table in the migrated database. */
async function databaseColumns(): Promise<{ table: string; column: string }[]> {
  if (engine() === 'postgres') {
    return await sqlRows(sql`select table_name as "table", column_name as "column" from information_schema.columns where table_schema = 'public'`);
  }
  const sqlite = getDb().$client;
  const tables = sqlite.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'").all() as { name: string }[];
  return tables.flatMap(({ name }) => (sqlite.prepare(`select name from pragma_table_info(?)`).all(name) as { name: string }[]).map((c) => ({ table: name, column: c.name })));
}

describe('storage-key columns', () => {
  it('are read from the schema and include every table that stores files today', () => {
    const found = storageKeyColumns().map((c) => `${c.table}.${c.column}`);
    expect(found).toEqual(expect.arrayContaining(['dataset_resources.storage_key', 'resource_imports.storage_key', 'attachments.storage_key']));
  });

  it('cover every column whose name says it points at a stored file', async () => {
    // A new column that refers to an upload must be named …storage_key, or the sweep would not
    // see it; this test fails for one that is named otherwise.
    const counted = new Set(storageKeyColumns().map((c) => `${c.table}.${c.column}`));
    const fileLike = (await databaseColumns()).filter(({ column }) => /storage|upload|file_?key|file_?id|blob|stored|_path$/.test(column) && !/_(by|at|count|size)$/.test(column));
    expect(fileLike.length).toBeGreaterThanOrEqual(3);
    for (const { table, column } of fileLike) {
      expect(isStorageKeyColumnName(column), `${table}.${column} looks like a stored file's key: name it …storage_key`).toBe(true);
      expect(counted.has(`${table}.${column}`), `${table}.${column}`).toBe(true);
    }
  });
});

describe('the upload sweep', () => {
  it('removes only files that no row refers to and that are older than the grace period', async () => {
    const [department] = await sqlRows<{ id: number }>(sql`insert into departments (slug, name) values ('sweep', '清理测试局') returning id`);
    const [dataset] = await sqlRows<{ id: number }>(sql`insert into datasets (slug, title, department_id) values ('sweep-ds', '清理', ${department!.id}) returning id`);
    const resourceKey = newKey();
    const [resource] = await sqlRows<{ id: number }>(
      sql`insert into dataset_resources (dataset_id, name, format, original_filename, storage_key) values (${dataset!.id}, 'r', 'csv', 'r.csv', ${resourceKey}) returning id`,
    );
    // A failed import keeps its file: it is still a row that refers to it.
    const failedImportKey = newKey();
    await runSql(sql`insert into resource_imports (resource_id, status, format, original_filename, storage_key, byte_size) values (${resource!.id}, 'failed', 'csv', 'old.csv', ${failedImportKey}, 10)`);

    const old = SWEEP_GRACE_MS + 60_000;
    const orphanOld = newKey();
    const orphanFresh = newKey();
    const files = {
      resource: storeFile(resourceKey, old),
      failedImport: storeFile(failedImportKey, old),
      orphanOld: storeFile(orphanOld, old),
      orphanFresh: storeFile(orphanFresh, 60_000),
    };
    // Uploads cut off by a crash leave `<key>.part`: gone after the grace period, whatever its key.
    const partialOld = `${resourceKey}.part`;
    const partialFresh = `${newKey()}.part`;
    const partials = { old: storeFile(partialOld, old), fresh: storeFile(partialFresh, 60_000) };
    const notAKey = path.join(uploadsDir(), 'README.txt');
    fs.writeFileSync(notAKey, 'operator notes');
    fs.utimesSync(notAKey, new Date(0), new Date(0));

    expect(await referencedStorageKeys()).toEqual(new Set([resourceKey, failedImportKey]));
    expect((await sweepUnreferencedUploads()).sort()).toEqual([orphanOld, partialOld].sort());
    expect(fs.existsSync(files.orphanOld) || fs.existsSync(partials.old)).toBe(false);
    for (const kept of [files.resource, files.failedImport, files.orphanFresh, partials.fresh, notAKey]) expect(fs.existsSync(kept), kept).toBe(true);

    // A day later the fresh orphan is old enough to go; the referenced files never are.
    expect((await sweepUnreferencedUploads(new Date(Date.now() + SWEEP_GRACE_MS + 120_000))).sort()).toEqual([orphanFresh, partialFresh].sort());
    expect(fs.existsSync(files.resource) && fs.existsSync(files.failedImport)).toBe(true);
  });
});
