import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { totpCode } from '../helpers/demo';
import { runJdz } from '../helpers/cli';
import { HttpClient, visibleText } from '../helpers/http';
import { startServer, tempDataDir } from '../helpers/server';

const dataDir = tempDataDir('jdz-cli-');
const databaseFile = path.join(dataDir, 'jindianzi.db');

const jdz = (args: string[], input?: string) => runJdz(databaseFile, args, { input });

function auditActions(): string[] {
  const db = new Database(databaseFile, { readonly: true });
  try {
    return (db.prepare('select action from audit_log order by id').all() as { action: string }[]).map((r) => r.action);
  } finally {
    db.close();
  }
}

afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('operator CLI on an empty database', () => {
  it('creates the first admin, who can sign in at once and sets up a second factor first', async () => {
    const created = await jdz(['user', 'create', '--email', 'Root@County.gov.cn', '--name', '系统管理员', '--role', 'admin', '--password', 'county admin passphrase']);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(created.stdout).toContain('Created admin root@county.gov.cn');

    const server = await startServer({ dataDir });
    try {
      const http = new HttpClient(server.url);
      await http.signIn('root@county.gov.cn', 'county admin passphrase');
      const enrol = await http.get('/manage');
      expect(enrol.location).toBe('/account/two-factor?required=1&redirectTo=%2Fmanage');
      const secret = /<code[^>]*>([A-Z2-7]{32})<\/code>/.exec((await http.get(enrol.location ?? '')).body)?.[1] ?? '';
      const code = totpCode(secret);
      expect((await http.post('/account/two-factor', { intent: 'enable', code })).status).toBe(200);
      const page = await http.get('/manage');
      expect(page.status).toBe(200);
      expect(visibleText(page.body)).toContain('系统管理员');
      // A real deployment with an operator-created account gets no demo data.
      expect(visibleText((await http.get('/challenges')).body)).not.toContain('用公交刷卡数据优化公交线路');
    } finally {
      await server.stop();
    }
    expect(auditActions()).toContain('user.create');
  });

  it('reads the password from standard input when it is not given', async () => {
    const result = await jdz(['user', 'create', '--email', 'piped@county.gov.cn', '--name', 'Piped'], 'piped in passphrase\n');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Created participant piped@county.gov.cn');
  });

  it('creates departments and officials in them, and changes roles', async () => {
    expect((await jdz(['department', 'create', '--slug', 'water', '--name', '水务局'])).code).toBe(0);
    const official = await jdz(['user', 'create', '--email', 'w@county.gov.cn', '--name', '水务员', '--role', 'official', '--department', 'water', '--password', 'water bureau passphrase']);
    expect(official.code).toBe(0);
    expect(official.stdout).toContain('in 水务局');

    const demoted = await jdz(['user', 'role', '--email', 'w@county.gov.cn', '--role', 'participant']);
    expect(demoted.code).toBe(0);
    expect(demoted.stdout).toContain('now participant');
    expect(auditActions()).toEqual(expect.arrayContaining(['department.create', 'user.role_change']));
  });

  it('refuses bad input with a clear message and a non-zero exit', async () => {
    const cases: [string[], RegExp][] = [
      [['user', 'create', '--email', 'weak@county.gov.cn', '--name', 'W', '--password', 'password1'], /weak password/],
      [['user', 'create', '--email', 'short@county.gov.cn', '--name', 'S', '--password', 'short'], /shorter than 8/],
      [['user', 'create', '--email', 'not-an-email', '--name', 'N', '--password', 'fine long passphrase'], /not a valid e-mail/],
      [['user', 'create', '--email', 'root@county.gov.cn', '--name', 'Again', '--password', 'fine long passphrase'], /already exists/],
      [['user', 'create', '--email', 'o@county.gov.cn', '--name', 'O', '--role', 'official', '--password', 'fine long passphrase'], /--department/],
      [['user', 'create', '--email', 'o@county.gov.cn', '--name', 'O', '--role', 'official', '--department', 'nope', '--password', 'fine long passphrase'], /No department/],
      [['user', 'create', '--email', 'r@county.gov.cn', '--name', 'R', '--role', 'king', '--password', 'fine long passphrase'], /--role must be one of/],
      [['user', 'role', '--email', 'ghost@county.gov.cn', '--role', 'admin'], /No user/],
      [['department', 'create', '--slug', 'Bad Slug', '--name', 'X'], /--slug must be/],
      [['department', 'create', '--slug', 'water', '--name', 'Again'], /already exists/],
      [['user', 'create', '--unknown'], /Unknown option|unknown/i],
      [['frobnicate'], /Unknown command/],
    ];
    // Every case is refused before it writes, so they can run side by side.
    const results = await Promise.all(cases.map(([args]) => jdz(args)));
    cases.forEach(([args, message], i) => {
      expect(results[i]?.code, args.join(' ')).not.toBe(0);
      expect(results[i]?.stderr, args.join(' ')).toMatch(message);
    });
    // Twelve CLI processes starting at once on two cores take about 20 s.
  }, 90_000);

  it('refuses to put demo data into a database that is in use', async () => {
    const result = await jdz(['db', 'seed']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/only goes into an empty database/);
  });
});

describe('operator CLI database commands', () => {
  it('migrates and seeds a fresh file', async () => {
    const dir = tempDataDir('jdz-cli-seed-');
    try {
      const fresh = path.join(dir, 'fresh.db');
      expect((await runJdz(fresh, ['db', 'migrate'])).code).toBe(0);
      const seeded = await runJdz(fresh, ['db', 'seed']);
      expect(seeded.code).toBe(0);
      expect(seeded.stdout).toContain('Seeded the demo data');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
