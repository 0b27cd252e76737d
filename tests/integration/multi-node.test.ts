/**
 * Several app processes on one database and one DATA_DIR, as a province runs them behind a load
 * balancer (issue 23), with real processes. On either engine: started at the same moment on an
 * empty database they migrate and seed once; a session, a second factor and a published table work
 * whichever process is asked; the sign-in ceiling per address holds across them. On PostgreSQL
 * (a server of the test's own): a node killed with SIGKILL under write load loses no acknowledged
 * write; a PostgreSQL restart is answered 503 by both nodes, which recover without a restart; a
 * node whose DATA_DIR fails says it is not ready.
 */
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, PARTICIPANT, TRANSPORT_OFFICIAL } from '../helpers/demo';
import { HttpClient, visibleText } from '../helpers/http';
import { startPostgres, type TestPostgres } from '../helpers/postgres';
import { startServer, tempDataDir, testDatabaseUrl, type TestServer } from '../helpers/server';

const onPostgres = process.env.JDZ_TEST_ENGINE === 'postgres';

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Two (or more) app processes on one database and one DATA_DIR, started at the same moment. */
async function startNodes(count: number, databaseUrl?: string, ownProcessGroup = false): Promise<{ nodes: TestServer[]; dataDir: string }> {
  const dataDir = tempDataDir('jdz-nodes-');
  const url = databaseUrl ?? (await testDatabaseUrl(dataDir));
  const nodes = await Promise.all(Array.from({ length: count }, () => startServer({ dataDir, env: { DATABASE_URL: url }, ownProcessGroup })));
  return { nodes, dataDir };
}

const CSV = ['站点,线路,日均客流', '城关站,1路,1200', '河口站,2路,860', '南山站,3路,431'].join('\r\n');

describe('app processes started together on one database', () => {
  let nodes: TestServer[] = [];
  let dataDir = '';
  /** Signed in on the first process (once: a second factor's code is good for one sign-in). */
  let official: HttpClient;

  beforeAll(async () => {
    ({ nodes, dataDir } = await startNodes(3));
  }, 120_000);

  afterAll(async () => {
    await Promise.all(nodes.map((node) => node.stop()));
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('seed the demo once, share one set of secrets, and all serve it', async () => {
    const seeded = nodes.filter((node) => node.output().includes('Seeded an empty database'));
    expect(seeded).toHaveLength(1);
    const secrets = JSON.parse(fs.readFileSync(path.join(dataDir, 'secrets.json'), 'utf8')) as Record<string, string>;
    expect(Object.keys(secrets).sort()).toEqual(['pseudonym', 'session', 'totp', 'unsubscribe']);
    for (const node of nodes) {
      const datasets = await new HttpClient(node.url).get('/api/3/action/package_list');
      expect(datasets.status).toBe(200);
      expect((JSON.parse(datasets.body) as { result: string[] }).result.length).toBeGreaterThan(3);
      // One department each, not one per process.
      const organisations = JSON.parse((await new HttpClient(node.url).get('/api/3/action/organization_list')).body) as { result: string[] };
      expect(new Set(organisations.result).size).toBe(organisations.result.length);
    }
  });

  it('keep a session, and a second factor, valid on every process', async () => {
    const [a, b] = nodes as [TestServer, TestServer];
    official = new HttpClient(a.url, { 'Accept-Language': 'zh-CN' });
    // The demo officials' authenticator secret is sealed with the shared TOTP key.
    await official.signIn(TRANSPORT_OFFICIAL, DEMO_PASSWORD);
    const elsewhere = new HttpClient(b.url, { 'Accept-Language': 'zh-CN' });
    for (const [name, value] of official.cookies) elsewhere.cookies.set(name, value);
    const page = await elsewhere.get('/manage');
    expect(page.status).toBe(200);
    expect(visibleText(page.body)).toContain('交通');
  });

  it('refuses the 31st sign-in attempt from one address within 15 minutes, whichever process receives it', async () => {
    const address = { 'X-Forwarded-For': '198.51.100.31' };
    const clients = nodes.map((node) => new HttpClient(node.url, address));
    const statuses: number[] = [];
    for (let i = 0; i < 31; i += 1) {
      // A different unknown account each time: the per-account delays do not come into it.
      const response = await clients[i % clients.length]!.post('/login', { email: `nobody-${i}@example.cn`, password: 'wrong password 2026' });
      statuses.push(response.status);
    }
    expect(statuses.slice(0, 30).every((status) => status === 200)).toBe(true);
    expect(statuses[30]).toBe(429);
    // Another address is unaffected.
    expect((await new HttpClient(nodes[1]!.url).post('/login', { email: 'nobody@example.cn', password: 'wrong password 2026' })).status).toBe(200);
  }, 120_000);

  it('serves a table imported and published through one process from every other', async () => {
    const [a, b, c] = nodes as [TestServer, TestServer, TestServer];
    const onB = new HttpClient(b.url);
    const created = await official.post('/manage/datasets/new', { title: '公交站点客流', slug: 'bus-stop-flow', licence: 'cc-by-4.0', updateFrequency: 'monthly', tags: '公交' });
    expect(created.status).toBe(302);
    const slug = (created.location ?? '').replace('/manage/datasets/', '');
    const form = new FormData();
    form.set('file', new Blob([Buffer.from(CSV, 'utf8')]), '客流.csv');
    const upload = await official.request(`/manage/datasets/${slug}/upload`, { method: 'POST', body: form, headers: { Accept: 'application/json', Origin: a.url } });
    const { jobId } = JSON.parse(upload.body) as { jobId: number };
    await waitFor(async () => (JSON.parse((await official.get(`/manage/imports/${jobId}`)).body) as { status: string }).status === 'succeeded', 60_000);
    expect((await official.post(`/manage/datasets/${slug}`, { intent: 'publish' })).status).toBe(302);

    const page = await onB.get(`/datasets/${slug}`);
    expect(page.status).toBe(200);
    const resourceId = Number(/\/resources\/(\d+)/.exec(page.body)?.[1]);
    const download = await new HttpClient(c.url).get(`/datasets/${slug}/resources/${resourceId}/download/csv`);
    expect(download.status).toBe(200);
    expect(download.body).toContain('河口站,2路,860');
  }, 120_000);
});

describe.runIf(onPostgres)('app processes on a PostgreSQL that fails', () => {
  let postgres: TestPostgres;
  let nodes: TestServer[] = [];
  let dataDir = '';

  beforeAll(async () => {
    postgres = await startPostgres({ database: 'jdz_nodes' });
    ({ nodes, dataDir } = await startNodes(2, postgres.url, true));
  }, 120_000);

  afterAll(async () => {
    if (process.env.JDZ_TEST_DEBUG) for (const node of nodes) console.log(node.output());
    await Promise.all(nodes.map((node) => node.stop()));
    await postgres?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('lose no acknowledged write when one node is killed under write load', async () => {
    const [doomed, survivor] = nodes as [TestServer, TestServer];
    const acknowledged: string[] = [];
    let writing = true;
    // Registrations, each acknowledged by its redirect, spread over both nodes.
    const writers = Array.from({ length: 4 }, async (_, w) => {
      for (let i = 0; writing; i += 1) {
        const email = `node-${w}-${i}@example.com`;
        const node = i % 2 === 0 ? doomed : survivor;
        const response = await new HttpClient(node.url).post('/register', { consent: 'on', name: `写入者${w}`, email, password: 'a long enough passphrase 2026' }).catch(() => null);
        if (response?.status === 302) acknowledged.push(email);
      }
    });
    await waitFor(async () => acknowledged.length >= 8, 60_000);
    await doomed.kill();
    await new Promise((resolve) => setTimeout(resolve, 500));
    writing = false;
    await Promise.all(writers);

    const client = new pg.Client({ connectionString: postgres.url });
    await client.connect();
    try {
      const found = await client.query<{ email: string }>('select email from users where email = any($1)', [acknowledged]);
      expect(found.rows.map((row) => row.email).sort()).toEqual([...acknowledged].sort());
    } finally {
      await client.end();
    }
    // The survivor goes on serving; the killed node comes back on the same data.
    expect((await new HttpClient(survivor.url).get('/datasets')).status).toBe(200);
    nodes[0] = await startServer({ dataDir, env: { DATABASE_URL: postgres.url }, ownProcessGroup: true });
    expect((await new HttpClient(nodes[0].url).get('/readyz')).status).toBe(200);
  }, 180_000);

  it('answer 503 on every node while PostgreSQL is down, and recover without a restart', async () => {
    await postgres.down();
    for (const node of nodes) {
      const page = await new HttpClient(node.url, { 'Accept-Language': 'zh-CN' }).get('/datasets');
      expect(page.status).toBe(503);
      expect((await new HttpClient(node.url).get('/readyz')).status).toBe(503);
    }
    await postgres.up();
    for (const node of nodes) await waitFor(async () => (await new HttpClient(node.url).get('/datasets')).status === 200, 60_000);
    const citizen = new HttpClient(nodes[1]!.url);
    await citizen.signIn(PARTICIPANT, DEMO_PASSWORD);
    expect((await citizen.get('/account/notifications')).status).toBe(200);
  }, 180_000);

  it('is not ready while its DATA_DIR takes no writes', async () => {
    const aside = `${dataDir}.unmounted`;
    fs.renameSync(dataDir, aside);
    try {
      const ready = await new HttpClient(nodes[1]!.url).get('/readyz');
      expect(ready.status).toBe(503);
      expect((JSON.parse(ready.body) as { checks: Record<string, string> }).checks.files).toMatch(/^DATA_DIR not writable/);
    } finally {
      fs.renameSync(aside, dataDir);
    }
    await waitFor(async () => (await new HttpClient(nodes[1]!.url).get('/readyz')).status === 200, 30_000);
  });
});
