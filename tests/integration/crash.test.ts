/**
 * The server killed with SIGKILL in the middle of everything at once: an import in its worker
 * thread, people registering and autosaving, a visitor downloading a table. After a restart the
 * database is intact, no acknowledged write is missing, files are where their rows say, and the
 * import is marked as interrupted.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, TRANSPORT_OFFICIAL } from '../helpers/demo';
import { HttpClient, inputValue } from '../helpers/http';
import { openServerDatabase, type ServerDatabase } from '../helpers/server-db';
import { startServer, tempDataDir, testDatabaseUrl, type TestServer } from '../helpers/server';

const VOLUNTEER = 'volunteer@jindianzi.example';
const dataDir = tempDataDir('jdz-crash-');
let server: TestServer | undefined;
// Closed before the crash and opened again after the restart: on SQLite, the restarted server is
// the first to open the file the killed one left behind.
let db: ServerDatabase | undefined;

afterAll(async () => {
  await db?.close();
  await server?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const cookieOf = (client: HttpClient) => [...client.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
const sha256 = (bytes: Uint8Array) => crypto.createHash('sha256').update(bytes).digest('hex');

describe('a crash in the middle of everything', () => {
  it('loses no acknowledged write, keeps files, and marks the import interrupted', async () => {
    // Made before any connection is open: building it blocks this process for a while, and a
    // keep-alive connection the server closed meanwhile would be reused and fail.
    let csv = '编号,站点,客流量\n';
    for (let i = 0; i < 400_000; i += 1) csv += `${i},第${i % 500}号站,${i % 9973}\n`;
    // Both servers, before and after the crash, on this database.
    const databaseUrl = await testDatabaseUrl(dataDir);
    server = await startServer({ dataDir, env: { DATABASE_URL: databaseUrl } });
    const live = server;
    const before = await openServerDatabase(live);
    db = before;
    const citizen = new HttpClient(live.url);
    await citizen.signIn(VOLUNTEER, DEMO_PASSWORD);
    // A new entry in a challenge open for entries, so that it can be saved.
    const now = Date.now();
    const open = (await before.get<{ slug: string }>("select slug from challenges where status = 'published' and opens_at < ? and closes_at > ? and id not in (select challenge_id from submission_members where email = ?) order by id limit 1", new Date(now), new Date(now), VOLUNTEER))?.slug;
    const started = await citizen.post(`/challenges/${open}`, {});
    const entryId = Number(/\/entries\/(\d+)/.exec(started.location ?? '')?.[1]);
    expect(entryId, `${open}: ${started.status} ${started.location} ${started.body.slice(0, 300)}`).toBeGreaterThan(0);
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), crypto.randomBytes(100_000), Buffer.from('\n%%EOF\n')]);
    const form = new FormData();
    form.set('file', new Blob([pdf]), '崩溃测试.pdf');
    expect((await citizen.request(`/entries/${entryId}/attachments`, { method: 'POST', body: form, headers: { Origin: live.url } })).status).toBe(303);
    const attachment = /href="(\/entries\/\d+\/attachments\/\d+)"/.exec((await citizen.get(`/entries/${entryId}`)).body)?.[1] ?? '';
    expect(attachment).not.toBe('');

    // An import big enough to be running when the server dies.
    const official = new HttpClient(live.url);
    await official.signIn(TRANSPORT_OFFICIAL, DEMO_PASSWORD);
    const slug = (await before.get<{ slug: string }>('select d.slug from datasets d join users u on u.department_id = d.department_id where u.email = ? order by d.id limit 1', TRANSPORT_OFFICIAL))?.slug ?? '';
    const upload = new FormData();
    upload.set('file', new Blob([csv], { type: 'text/csv' }), '客流.csv');
    const queued = (await (await fetch(`${live.url}/manage/datasets/${slug}/upload`, { method: 'POST', body: upload, headers: { Cookie: cookieOf(official), Origin: live.url, Accept: 'application/json' } })).json()) as { ok: boolean; jobId: number };
    expect(queued.ok).toBe(true);

    // Writers: registrations (each acknowledged by its redirect) and saves of the entry.
    const registered: string[] = [];
    let savedTitle = '';
    let writing = true;
    // Four at a time: each registration hashes a password with scrypt (128 MiB, in libuv's four
    // threads), and more would only queue there.
    const registrations = Array.from({ length: 4 }, async (_, w) => {
      for (let i = 0; writing; i += 1) {
        const email = `crash-${w}-${i}@example.com`;
        const response = await new HttpClient(live.url).post('/register', { consent: 'on', name: `写入者${w}`, email, password: 'a long enough passphrase 2026' }).catch(() => null);
        if (response && response.status === 302 && writing) registered.push(email);
      }
    });
    const autosaves = (async () => {
      for (let i = 0; writing; i += 1) {
        // A keep-alive connection the server closed just then is retried once, as a browser would.
        const page = await citizen.get(`/entries/${entryId}`).catch(() => citizen.get(`/entries/${entryId}`)).catch(() => null);
        if (!page || page.status !== 200) break;
        const fields = { intent: 'save', version: inputValue(page.body, 'version') ?? '', kind: 'idea', title: `自动保存 ${i}`, teamName: '崩溃测试队', summary: '一句话简介，说明这个想法解决什么问题。', body: '方案正文。'.repeat(40), repository: '', demo: '', video: '' };
        const response = await citizen.post(`/entries/${entryId}`, fields).catch(() => null);
        // A save is acknowledged by its redirect to the saved entry.
        if (response?.status === 302 && response.location?.includes('saved=1') && writing) savedTitle = fields.title;
      }
    })();

    // A download in flight.
    const resource = await before.get<{ id: number; slug: string }>("select r.id, d.slug from dataset_resources r join datasets d on d.id = r.dataset_id where d.status = 'published' and r.table_name is not null order by r.row_count desc limit 1");
    expect(resource).toBeDefined();
    const { hostname, port } = new URL(live.url);
    http.get({ hostname, port: Number(port), path: `/datasets/${resource?.slug}/resources/${resource?.id}/download/csv` }, (response) => response.resume()).on('error', () => undefined);

    // Kill once the import is running and writes have been acknowledged.
    for (let i = 0; i < 200; i += 1) {
      const status = await before.get<{ status: string }>('select status from resource_imports where id = ?', queued.jobId);
      if (status?.status === 'running' && registered.length >= 5 && savedTitle) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const acknowledged = [...registered];
    const lastSaved = savedTitle;
    await before.close();
    db = undefined;
    const pid = Number(fs.readFileSync(path.join(dataDir, 'server.pid'), 'utf8'));
    process.kill(pid, 'SIGKILL');
    writing = false;
    await Promise.all([...registrations, autosaves]);
    await live.stop();
    expect(acknowledged.length).toBeGreaterThan(0);
    expect(lastSaved).not.toBe('');

    server = await startServer({ dataDir, env: { DATABASE_URL: databaseUrl } });
    const after = server;
    const reopened = await openServerDatabase(after);
    db = reopened;
    // SQLite's file went down with the process; PostgreSQL's server kept its database.
    if (reopened.engine === 'sqlite') expect((await reopened.get<{ integrity_check: string }>('pragma integrity_check'))?.integrity_check).toBe('ok');
    const emails = new Set((await reopened.all<{ email: string }>('select email from users')).map((row) => row.email));
    for (const email of acknowledged) expect(emails.has(email), email).toBe(true);
    const titles = (await reopened.all<{ title: string }>('select title from submission_revisions where submission_id = ?', entryId)).map((row) => row.title);
    const current = (await reopened.get<{ title: string }>('select title from submissions where id = ?', entryId))?.title ?? '';
    // The last acknowledged save is there (or a later one that was written but not yet answered).
    const saveNumber = (title: string) => Number(/(\d+)$/.exec(title)?.[1] ?? -1);
    expect(saveNumber(current)).toBeGreaterThanOrEqual(saveNumber(lastSaved));
    expect(titles.length).toBeGreaterThan(0);
    const job = await reopened.get<{ status: string; error_code: string | null }>('select status, error_code from resource_imports where id = ?', queued.jobId);
    expect(job?.status === 'failed' ? job.error_code : job?.status).toMatch(/interrupted|succeeded/);
    // Every file a row refers to is on disk; the attachment is byte for byte what was sent.
    const keys = [
      ...(await reopened.all<{ storage_key: string }>('select storage_key from attachments')),
      ...(await reopened.all<{ storage_key: string }>('select storage_key from dataset_resources where storage_key is not null')),
    ].map((row) => row.storage_key);
    for (const key of keys) expect(fs.existsSync(path.join(dataDir, 'uploads', key)), key).toBe(true);
    const again = new HttpClient(after.url);
    await again.signIn(VOLUNTEER, DEMO_PASSWORD);
    const file = await fetch(`${after.url}${attachment}`, { headers: { Cookie: cookieOf(again) } });
    expect(file.status).toBe(200);
    expect(sha256(new Uint8Array(await file.arrayBuffer()))).toBe(sha256(pdf));
  }, 120_000);
});
