/**
 * The operator CLI on PostgreSQL (docs/deploy-postgres.md): it migrates an empty database, creates
 * accounts and departments, and says in one line, with a non-zero exit, what is wrong with a server
 * it cannot use. The commands that copy SQLite files refuse, pointing at pg_dump.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJdz } from '../helpers/cli';
import { startPostgres, type TestPostgres } from '../helpers/postgres';

let postgres: TestPostgres;
let dataDir: string;

const jdz = (url: string, args: string[]) => runJdz(url, args, { env: { DATA_DIR: dataDir } as unknown as NodeJS.ProcessEnv });

async function query<T>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows as T[];
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  postgres = await startPostgres();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jdz-cli-pg-'));
});

afterAll(async () => {
  await postgres?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('the operator CLI on PostgreSQL', () => {
  it('migrates an empty database once, then creates a department and its official, each in the audit log', async () => {
    const migrated = await jdz(postgres.url, ['db', 'migrate']);
    expect(migrated.stderr).toBe('');
    expect(migrated.code).toBe(0);
    expect(migrated.stdout).toMatch(/^Migrations applied to PostgreSQL at 127\.0\.0\.1:\d+\/jindianzi\.$/m);
    expect((await jdz(postgres.url, ['db', 'migrate'])).code).toBe(0);

    const department = await jdz(postgres.url, ['department', 'create', '--slug', 'transport', '--name', '交通运输局']);
    expect(department.code).toBe(0);
    const official = await jdz(postgres.url, ['user', 'create', '--email', 'Clerk@County.gov.cn', '--name', '数据专员', '--role', 'official', '--department', 'transport', '--password', 'county clerk passphrase']);
    expect(official.stderr).toBe('');
    expect(official.code).toBe(0);

    const [user] = await query<{ email: string; role: string; verified: boolean }>(postgres.url, 'select email, role, email_verified_at is not null as verified from users');
    expect(user).toEqual({ email: 'clerk@county.gov.cn', role: 'official', verified: true });
    const actions = (await query<{ action: string }>(postgres.url, 'select action from audit_log order by id')).map((r) => r.action);
    expect(actions).toEqual(['db.migrate', 'db.migrate', 'department.create', 'user.create']);
  });

  it('seeds the demo data, imported tables included, into an empty database only', async () => {
    const url = await postgres.createDatabase('demo');
    const seeded = await jdz(url, ['db', 'seed']);
    expect(seeded.stderr).toBe('');
    expect(seeded.code).toBe(0);
    const tables = await query<{ name: string; rows: number }>(url, "select table_name as name, row_count as rows from dataset_resources where import_status = 'ready' order by id");
    expect(tables.length).toBeGreaterThanOrEqual(6);
    const [first] = tables;
    const [count] = await query<{ n: string }>(url, `select count(*) as n from "${first?.name ?? ''}"`);
    expect(Number(count?.n)).toBe(first?.rows);
    const again = await jdz(url, ['db', 'seed']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('only goes into an empty database');
    // Six imports, each reading its file twice: half a minute on a busy 2-core machine.
  }, 120_000);

  it('refuses the SQLite backup commands, pointing at pg_dump', async () => {
    for (const args of [['backup', 'create'], ['backup', 'restore', dataDir]]) {
      const result = await jdz(postgres.url, args);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('pg_dump plus a copy of DATA_DIR');
      expect(result.stderr).toContain('docs/deploy-postgres.md#backups');
    }
  });

  it('says in one line that a database is missing, and exits non-zero', async () => {
    const missing = new URL(postgres.url);
    missing.pathname = '/no_such_county';
    const result = await jdz(missing.toString(), ['db', 'migrate']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^Error: The database "no_such_county" does not exist on PostgreSQL at 127\.0\.0\.1:\d+; create it first/)]);
  });

  it('refuses PostgreSQL without DATA_DIR, naming the variable', async () => {
    const result = await runJdz(postgres.url, ['db', 'migrate'], { env: { DATA_DIR: '' } as unknown as NodeJS.ProcessEnv });
    expect(result.code).not.toBe(0);
    expect(result.out).toContain('DATA_DIR: a directory for uploads and generated secrets, required with a PostgreSQL DATABASE_URL');
  });
});
