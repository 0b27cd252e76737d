/**
 * Stored files survive restarts and upgrades (real server processes): an entry's PDF attached,
 * the server stopped and started again on the same data directory with every file older than the
 * sweep's grace period, and the PDF downloaded byte for byte; the same for a data directory
 * written by release 1. A file that vanished from disk answers a translated 410 page.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, PARTICIPANT } from '../helpers/demo';
import { HttpClient, visibleText } from '../helpers/http';
import { openServerDatabase } from '../helpers/server-db';
import { startServer, tempDataDir, testDatabaseUrl, type TestServer } from '../helpers/server';

const fixtures = path.resolve(import.meta.dirname, '../fixtures');
const pdf = fs.readFileSync(path.join(fixtures, 'plan.pdf'));
const sha256 = (bytes: Uint8Array) => crypto.createHash('sha256').update(bytes).digest('hex');
const TWO_DAYS = 2 * 86_400_000;

const dataDirs: string[] = [];
afterAll(() => {
  for (const dir of dataDirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** Makes every stored file look two days old, so only references keep it from the sweep. */
function ageUploads(dataDir: string): string[] {
  const dir = path.join(dataDir, 'uploads');
  const names = fs.readdirSync(dir);
  const when = new Date(Date.now() - TWO_DAYS);
  for (const name of names) fs.utimesSync(path.join(dir, name), when, when);
  return names.sort();
}

async function download(http: HttpClient, href: string): Promise<{ status: number; bytes: Buffer; type: string | null }> {
  const response = await fetch(new URL(href, http.baseUrl), { headers: { Cookie: [...http.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'X-Forwarded-For': http.ip } });
  return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()), type: response.headers.get('content-type') };
}

async function attachmentLinks(http: HttpClient, entryId: number): Promise<string[]> {
  const page = (await http.get(`/entries/${entryId}`)).body;
  return [...page.matchAll(/href="(\/entries\/\d+\/attachments\/\d+)"/g)].map((m) => m[1] ?? '');
}

/**
 * Every value in any column of any table that names a file under uploads/ sits in a column the
 * sweep counts: a feature that stores a file's key under another name fails here.
 */
async function referencesOutsideStorageKeyColumns(server: TestServer): Promise<string[]> {
  const files = new Set(fs.readdirSync(path.join(server.dataDir, 'uploads')));
  const db = await openServerDatabase(server);
  try {
    // The app's tables (not imported tables nor the search index) and their columns, from each
    // engine's catalogue; JSON is text on SQLite and jsonb on PostgreSQL.
    const columns = db.engine === 'sqlite'
      ? await db.all<{ t: string; c: string; type: string }>("select m.name as t, p.name as c, p.type as type from sqlite_master m join pragma_table_info(m.name) p where m.type = 'table' and m.name not like 'sqlite_%' and m.name not like 'ds_%' and m.name not like 'search_%'")
      : await db.all<{ t: string; c: string; type: string }>("select table_name as t, column_name as c, data_type as type from information_schema.columns where table_schema = current_schema() and table_name not like 'ds_%' and table_name not like 'search_%'");
    const stray: string[] = [];
    for (const { t: table, c: column, type } of columns) {
      if (column === 'storage_key' || column.endsWith('_storage_key') || !/text|json/i.test(type)) continue;
      for (const { v } of await db.all<{ v: unknown }>(`select "${column}" as v from "${table}" where "${column}" is not null`)) {
        if (typeof v !== 'string') continue;
        for (const word of v.match(/[a-f0-9]{32}/g) ?? []) if (files.has(word)) stray.push(`${table}.${column}`);
      }
    }
    return [...new Set(stray)];
  } finally {
    await db.close();
  }
}

describe('stored files across restarts', () => {
  let server: TestServer | undefined;
  afterAll(async () => {
    await server?.stop();
  });

  // Three server starts (the first one seeding), each several seconds on a busy machine.
  it('keeps an attachment through a restart and serves it byte for byte; a vanished file is a 410 page', async () => {
    const dataDir = tempDataDir();
    dataDirs.push(dataDir);
    // The same database before and after each restart.
    const env = { DATABASE_URL: await testDatabaseUrl(dataDir) };
    server = await startServer({ dataDir, env });
    const citizen = new HttpClient(server.url, { 'Accept-Language': 'zh-CN' });
    await citizen.signIn(PARTICIPANT, DEMO_PASSWORD);
    const entryId = Number(/href="\/entries\/(\d+)"/.exec((await citizen.get('/me')).body)?.[1]);
    const form = new FormData();
    form.set('file', new Blob([pdf]), '方案说明.pdf');
    const uploaded = await citizen.request(`/entries/${entryId}/attachments`, { method: 'POST', body: form, headers: { Origin: server.url } });
    expect(uploaded.status).toBe(303);
    expect(uploaded.location).not.toContain('Error');
    const [href] = await attachmentLinks(citizen, entryId);
    expect(href).toBeDefined();

    expect(await referencesOutsideStorageKeyColumns(server)).toEqual([]);
    const before = ageUploads(dataDir);
    expect(before.length).toBeGreaterThan(5); // the demo datasets' files and the PDF

    await server.stop();
    server = await startServer({ dataDir, env });
    expect(server.output()).not.toMatch(/Removed unused upload/);
    expect(fs.readdirSync(path.join(dataDir, 'uploads')).sort()).toEqual(before);
    const again = new HttpClient(server.url, { 'Accept-Language': 'zh-CN' });
    await again.signIn(PARTICIPANT, DEMO_PASSWORD);
    const file = await download(again, href ?? '');
    expect(file.status).toBe(200);
    expect(file.type).toBe('application/pdf');
    expect(sha256(file.bytes)).toBe(sha256(pdf));

    // An unreferenced old file does go, and the log names it.
    const stray = crypto.randomBytes(16).toString('hex');
    fs.writeFileSync(path.join(dataDir, 'uploads', stray), 'left by a crash');
    ageUploads(dataDir);
    await server.stop();
    server = await startServer({ dataDir, env });
    expect(server.output()).toContain(`Removed unused upload ${stray}`);
    expect(fs.readdirSync(path.join(dataDir, 'uploads')).sort()).toEqual(before);

    // Lost from disk (a restore without uploads/): a page that says so, and a line in the log.
    const db = await openServerDatabase(server);
    const key = (await db.get<{ k: string }>('select storage_key as k from attachments where submission_id = ?', entryId))?.k ?? '';
    await db.close();
    expect(key).not.toBe('');
    fs.rmSync(path.join(dataDir, 'uploads', key));
    const signedIn = new HttpClient(server.url, { 'Accept-Language': 'zh-CN' });
    await signedIn.signIn(PARTICIPANT, DEMO_PASSWORD);
    const gone = await signedIn.get(href ?? '');
    expect(gone.status).toBe(410);
    expect(gone.headers.get('content-type')).toContain('text/html');
    expect(visibleText(gone.body)).toContain('文件已不在服务器上');
    expect(gone.body).toContain(`href="/entries/${entryId}"`);
    expect(server.output()).toContain(`stored file ${key} is missing`);
    const english = await signedIn.get(href ?? '', { 'Accept-Language': 'en' });
    expect(visibleText(english.body)).toContain('The file is no longer on the server');
  }, 90_000);
});

// Release 1 ran on SQLite only: its data directory holds a SQLite file (db-copy.test.ts moves one
// to PostgreSQL).
describe.skipIf(process.env.JDZ_TEST_ENGINE === 'postgres')('upgrading a release-1 data directory', () => {
  let server: TestServer | undefined;
  afterAll(async () => {
    await server?.stop();
  });

  it('migrates the database and keeps every file, the entry attachment included', async () => {
    const source = path.join(fixtures, 'release-1');
    const dataDir = tempDataDir();
    dataDirs.push(dataDir);
    fs.writeFileSync(path.join(dataDir, 'jindianzi.db'), zlib.gunzipSync(fs.readFileSync(path.join(source, 'jindianzi.db.gz'))));
    fs.copyFileSync(path.join(source, 'secrets.json'), path.join(dataDir, 'secrets.json'));
    fs.cpSync(path.join(source, 'uploads'), path.join(dataDir, 'uploads'), { recursive: true });
    const before = ageUploads(dataDir);

    server = await startServer({ dataDir });
    expect(server.output()).not.toMatch(/Removed unused upload/);
    expect(fs.readdirSync(path.join(dataDir, 'uploads')).sort()).toEqual(before);
    const db = await openServerDatabase(server);
    const applied = (await db.get<{ n: number }>('select count(*) as n from __drizzle_migrations'))?.n;
    await db.close();
    expect(applied).toBe(fs.readdirSync(path.resolve(import.meta.dirname, '../../db/migrations')).filter((f) => f.endsWith('.sql')).length);

    const citizen = new HttpClient(server.url, { 'Accept-Language': 'zh-CN' });
    await citizen.signIn(PARTICIPANT, DEMO_PASSWORD);
    const [href] = await attachmentLinks(citizen, 2);
    const file = await download(citizen, href ?? '');
    expect(file.status).toBe(200);
    expect(sha256(file.bytes)).toBe(sha256(pdf));
  });
});
