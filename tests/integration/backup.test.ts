/**
 * Backups as an operator uses them: made with the CLI while people keep writing, verified,
 * restored into an empty directory, and the restored site works: a two-factor official signs in
 * and an attachment downloads byte for byte. Restores that would do harm are refused.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { runJdz } from '../helpers/cli';
import { DEMO_PASSWORD, PARTICIPANT, TRANSPORT_OFFICIAL, demoTotpCode } from '../helpers/demo';
import { HttpClient } from '../helpers/http';
import { startServer, tempDataDir, type TestServer } from '../helpers/server';

const dirs: string[] = [];
const servers: TestServer[] = [];

afterAll(async () => {
  for (const server of servers) await server.stop();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

function newDir(prefix: string): string {
  const dir = tempDataDir(prefix);
  dirs.push(dir);
  return dir;
}

const jdz = (databaseFile: string, args: string[]) => runJdz(databaseFile, args);

const sha256 = (bytes: Buffer | Uint8Array) => crypto.createHash('sha256').update(bytes).digest('hex');
const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), crypto.randomBytes(200_000), Buffer.from('\n%%EOF\n')]);

describe('backups', () => {
  it('are made while writes go on, verify, restore into an empty directory and serve the restored site', async () => {
    const dataDir = newDir('jdz-backup-live-');
    const live = await startServer({ dataDir });
    servers.push(live);
    const citizen = new HttpClient(live.url);
    await citizen.signIn(PARTICIPANT, DEMO_PASSWORD);
    const entryId = Number(/href="\/entries\/(\d+)"/.exec((await citizen.get('/me')).body)?.[1]);
    const form = new FormData();
    form.set('file', new Blob([pdf]), '备份测试.pdf');
    const uploaded = await citizen.request(`/entries/${entryId}/attachments`, { method: 'POST', body: form, headers: { Origin: live.url } });
    expect(uploaded.status).toBe(303);
    const attachment = /href="(\/entries\/\d+\/attachments\/\d+)"/.exec((await citizen.get(`/entries/${entryId}`)).body)?.[1];
    expect(attachment).toBeDefined();

    // Writers keep registering accounts while the backup runs; every one acknowledged before the
    // backup started must be in it.
    const acknowledged: string[] = [];
    let writing = true;
    const writers = Array.from({ length: 4 }, async (_, w) => {
      for (let i = 0; writing; i += 1) {
        const email = `writer-${w}-${i}@example.com`;
        const visitor = new HttpClient(live.url);
        const response = await visitor.post('/register', { consent: 'on', name: `写入者 ${w}-${i}`, email, password: 'a long enough passphrase 2026' });
        if (response.status === 302 || response.status === 303) acknowledged.push(email);
      }
    });
    // A second of writing, and at least a few acknowledged (a busy machine hashes passwords slowly).
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    for (let i = 0; i < 300 && acknowledged.length < 3; i += 1) await new Promise((resolve) => setTimeout(resolve, 100));
    const beforeBackup = [...acknowledged];
    expect(beforeBackup.length).toBeGreaterThan(0);
    const backups = newDir('jdz-backups-');
    const made = await jdz(live.databaseFile, ['backup', 'create', '--to', backups]);
    writing = false;
    await Promise.all(writers);
    expect(made.code, made.out).toBe(0);
    const backupDir = /Backup made: (\S+)/.exec(made.out)?.[1] ?? '';
    expect(fs.existsSync(path.join(backupDir, 'manifest.json'))).toBe(true);

    const verified = await jdz(live.databaseFile, ['backup', 'verify', backupDir]);
    expect(verified.code, verified.out).toBe(0);
    const copy = new Database(path.join(backupDir, 'jindianzi.db'), { readonly: true });
    const inBackup = new Set(copy.prepare('select email from users').pluck().all() as string[]);
    copy.close();
    for (const email of beforeBackup) expect(inBackup.has(email), email).toBe(true);

    // A restore over the running site is refused.
    const overLive = await jdz(live.databaseFile, ['backup', 'restore', backupDir, '--force']);
    expect(overLive.code).toBe(1);
    expect(overLive.out).toContain('Stop it first');

    const restoredDir = newDir('jdz-restored-');
    const restoredDb = path.join(restoredDir, 'jindianzi.db');
    const restored = await jdz(restoredDb, ['backup', 'restore', backupDir]);
    expect(restored.code, restored.out).toBe(0);
    // Again into the now-filled directory: refused without --force, so nothing is overwritten.
    expect((await jdz(restoredDb, ['backup', 'restore', backupDir])).out).toContain('--force');

    const site = await startServer({ dataDir: restoredDir });
    servers.push(site);
    const official = new HttpClient(site.url);
    const first = await official.post('/login', { email: TRANSPORT_OFFICIAL, password: DEMO_PASSWORD, redirectTo: '/manage' });
    expect(first.location).toBe('/login/two-factor?redirectTo=%2Fmanage');
    const second = await official.post(first.location ?? '', { code: demoTotpCode() });
    expect(second.location).toBe('/manage');
    expect((await official.get('/manage')).status).toBe(200);

    const reader = new HttpClient(site.url);
    await reader.signIn(PARTICIPANT, DEMO_PASSWORD);
    const cookie = [...reader.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const file = await fetch(`${site.url}${attachment}`, { headers: { Cookie: cookie } });
    expect(file.status).toBe(200);
    expect(sha256(new Uint8Array(await file.arrayBuffer()))).toBe(sha256(pdf));
    // Its CLI runs (each a tsx start-up) and servers take more than the default 30 s on a busy 2-core machine.
  }, 120_000);

  it('are made on schedule by the server when BACKUP_DIR is set, and admins see the newest', async () => {
    const backups = newDir('jdz-scheduled-');
    const scheduled = await startServer({ env: { BACKUP_DIR: backups, BACKUP_INTERVAL_HOURS: '0.001' } });
    try {
      let made: string[] = [];
      for (let i = 0; i < 400 && made.length === 0; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        made = fs.readdirSync(backups).filter((name) => fs.existsSync(path.join(backups, name, 'manifest.json')));
      }
      expect(made.length).toBeGreaterThan(0);
      const verified = await jdz(scheduled.databaseFile, ['backup', 'verify', path.join(backups, made[0] ?? '')]);
      expect(verified.code, verified.out).toBe(0);
      const admin = new HttpClient(scheduled.url);
      await admin.signIn('admin@jindianzi.example', DEMO_PASSWORD);
      expect((await admin.get('/admin/system')).body).toContain('最近一次备份');
    } finally {
      await scheduled.stop();
    }
  }, 90_000);

  it('refuses a damaged backup and one without its secrets', async () => {
    const dataDir = newDir('jdz-backup-small-');
    const databaseFile = path.join(dataDir, 'jindianzi.db');
    expect((await jdz(databaseFile, ['db', 'seed'])).code).toBe(0);
    const backups = newDir('jdz-backups-small-');
    const made = await jdz(databaseFile, ['backup', 'create', '--to', backups]);
    expect(made.code, made.out).toBe(0);
    const backupDir = /Backup made: (\S+)/.exec(made.out)?.[1] ?? '';

    const damaged = newDir('jdz-damaged-');
    fs.cpSync(backupDir, damaged, { recursive: true });
    const upload = fs.readdirSync(path.join(damaged, 'uploads'))[0] ?? '';
    fs.appendFileSync(path.join(damaged, 'uploads', upload), 'x');
    const check = await jdz(databaseFile, ['backup', 'verify', damaged]);
    expect(check.code).toBe(1);
    expect(check.out).toContain(`uploads/${upload}: changed since the backup was made`);
    const refused = await jdz(path.join(newDir('jdz-target-'), 'jindianzi.db'), ['backup', 'restore', damaged]);
    expect(refused.code).toBe(1);

    const keyless = newDir('jdz-keyless-');
    fs.cpSync(backupDir, keyless, { recursive: true });
    fs.rmSync(path.join(keyless, 'secrets.json'));
    const target = newDir('jdz-target-');
    const noSecrets = await jdz(path.join(target, 'jindianzi.db'), ['backup', 'restore', keyless]);
    expect(noSecrets.code).toBe(1);
    expect(noSecrets.out).toContain('secrets.json');
    expect(fs.existsSync(path.join(target, 'jindianzi.db'))).toBe(false);
    // Five command-line runs (each starts tsx) and a demo seed: well past the default 30 s on a busy 2-core machine.
  }, 120_000);
});
