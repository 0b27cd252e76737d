import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { copyDataDir, resolveDbDir, scaleDbKey } from './pages-db';

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jdz-pages-db-test-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the page benchmark database', () => {
  it('keys the cached scale database by scale, migrations and seeder', () => {
    const root = tempDir();
    fs.mkdirSync(path.join(root, 'db/migrations'), { recursive: true });
    fs.writeFileSync(path.join(root, 'db/migrations/0000_init.sql'), 'create table a (id integer);');
    fs.writeFileSync(path.join(root, 'db/seed-scale.ts'), 'export {};');
    const key = scaleDbKey(root, 1);
    expect(scaleDbKey(root, 1)).toBe(key);
    expect(scaleDbKey(root, 2)).not.toBe(key);
    fs.writeFileSync(path.join(root, 'db/seed-scale.ts'), 'export const changed = 1;');
    const afterSeeder = scaleDbKey(root, 1);
    expect(afterSeeder).not.toBe(key);
    fs.writeFileSync(path.join(root, 'db/migrations/0001_more.sql'), 'create table b (id integer);');
    expect(scaleDbKey(root, 1)).not.toBe(afterSeeder);
  });

  it('copies a data directory (database, secrets, uploads) and leaves the original alone', () => {
    const source = tempDir();
    fs.writeFileSync(path.join(source, 'jindianzi.db'), 'db');
    fs.writeFileSync(path.join(source, 'secrets.json'), '{}');
    fs.mkdirSync(path.join(source, 'uploads/ab'), { recursive: true });
    fs.writeFileSync(path.join(source, 'uploads/ab/file'), 'x');
    expect(resolveDbDir(path.join(source, 'jindianzi.db'))).toBe(source);
    expect(resolveDbDir(source)).toBe(source);
    expect(() => resolveDbDir(tempDir())).toThrow(/No jindianzi.db/);

    const copy = copyDataDir(source);
    dirs.push(copy.dir);
    expect(copy.databaseFile).toBe(path.join(copy.dir, 'jindianzi.db'));
    expect(fs.readFileSync(path.join(copy.dir, 'uploads/ab/file'), 'utf8')).toBe('x');
    fs.writeFileSync(copy.databaseFile, 'changed');
    expect(fs.readFileSync(path.join(source, 'jindianzi.db'), 'utf8')).toBe('db');
    expect(fs.existsSync(path.join(copy.dir, 'secrets.json'))).toBe(true);
  });
});
