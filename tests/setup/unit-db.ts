/**
 * Unit tests that touch models get their own SQLite file per test file, in a temp directory,
 * migrated before the first test. Pure tests never open it (the connection is lazy).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
// Server code translates (mail, notifications, exports): it has both catalogues, as in the app.
import '../../app/locales/all.server';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jdz-unit-'));
process.env.DATABASE_URL = path.join(dir, 'test.db');

afterAll(async () => {
  const { closeDb } = await import('../../db/client');
  closeDb();
  fs.rmSync(dir, { recursive: true, force: true });
});
