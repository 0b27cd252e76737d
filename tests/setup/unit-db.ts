/**
 * Unit tests that touch models get a database of their own per test file, migrated by the test
 * before its first case. Pure tests never open it (the connection is lazy).
 * - `npm test`: a SQLite file in a temporary directory.
 * - `npm run test:pg`: a new database on the run's PostgreSQL server (tests/setup/postgres-server.ts),
 *   with DATA_DIR in a temporary directory.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, inject } from 'vitest';
// Server code translates (mail, notifications, exports): it has both catalogues, as in the app.
import '../../app/locales/all.server';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jdz-unit-'));
const postgresUrl = process.env.JDZ_TEST_ENGINE === 'postgres' ? inject('postgresUrl') : undefined;

if (postgresUrl) {
  const database = `jdz_${randomUUID().replaceAll('-', '')}`;
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${database}`);
  } finally {
    await admin.end();
  }
  const url = new URL(postgresUrl);
  url.pathname = `/${database}`;
  process.env.DATABASE_URL = url.toString();
  process.env.DATA_DIR = dir;
} else {
  process.env.DATABASE_URL = path.join(dir, 'test.db');
}

afterAll(async () => {
  const { closeDb } = await import('../../db/client');
  await closeDb();
  fs.rmSync(dir, { recursive: true, force: true });
});
