/**
 * What an operator sees: structured logs with request ids, liveness and readiness, and metrics
 * that only the right people can read.
 */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../helpers/demo';
import { HttpClient, visibleText } from '../helpers/http';
import { startServer, type TestServer } from '../helpers/server';

const METRICS_TOKEN = 'metrics-token-for-tests-0123456789';
let server: TestServer;

beforeAll(async () => {
  server = await startServer({ env: { METRICS_TOKEN } });
});

afterAll(async () => {
  await server.stop();
});

/** The server's output as JSON records (every line it writes is one). */
function records(): Record<string, unknown>[] {
  return server
    .output()
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      try {
        return JSON.parse(line) as Record<string, unknown>;
      } catch {
        throw new Error(`a log line that is not JSON: ${line}`);
      }
    });
}

async function until<T>(find: () => T | undefined): Promise<T> {
  for (let i = 0; i < 50; i += 1) {
    const found = find();
    if (found !== undefined) return found;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('not logged in time');
}

describe('logs', () => {
  it('are JSON lines with a time, and one access record per request carrying its id, status, duration and user', async () => {
    const response = await fetch(`${server.url}/challenges?page=2&token=secret-in-query`, { headers: { 'X-Request-Id': 'test-request-0001' } });
    expect(response.headers.get('x-request-id')).toBe('test-request-0001');
    const access = await until(() => records().find((r) => r.reqId === 'test-request-0001' && r.msg === 'request'));
    expect(access).toMatchObject({ level: 'info', method: 'GET', path: '/challenges', status: 200 });
    expect(typeof access.time).toBe('string');
    expect(typeof access.ms).toBe('number');
    expect(JSON.stringify(records())).not.toContain('secret-in-query');

    // A made-up id that does not look like one is replaced.
    const other = await fetch(`${server.url}/`, { headers: { 'X-Request-Id': 'bad id with spaces' } });
    expect(other.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);

    const client = new HttpClient(server.url);
    await client.signIn('citizen@jindianzi.example', DEMO_PASSWORD);
    const me = await client.get('/me');
    expect(me.status).toBe(200);
    const signedIn = await until(() => records().find((r) => r.msg === 'request' && r.path === '/me' && typeof r.userId === 'number'));
    expect(signedIn.userId).toBeGreaterThan(0);
    // Never a password.
    expect(server.output()).not.toContain(DEMO_PASSWORD);
  });

  it('print no error for HEAD requests or visitors who leave before the page is sent', async () => {
    const errorsBefore = records().filter((r) => r.level === 'error' || r.level === 'fatal').length;
    for (const path of ['/', '/challenges', '/datasets']) {
      const head = await fetch(`${server.url}${path}`, { method: 'HEAD' });
      expect(head.status).toBe(200);
    }
    const { hostname, port } = new URL(server.url);
    await Promise.all(
      ['/', '/datasets', '/requests'].map(
        (path) =>
          new Promise<void>((resolve) => {
            const request = http.get({ hostname, port: Number(port), path }, (response) => {
              response.once('data', () => {
                request.destroy();
                resolve();
              });
            });
            request.on('error', () => resolve());
          }),
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    const errors = records().filter((r) => r.level === 'error' || r.level === 'fatal');
    expect(errors.slice(errorsBefore)).toEqual([]);
    expect(server.output()).not.toContain('ERR_INVALID_STATE');
  });
});

describe('health', () => {
  it('reports liveness with free disk space, and readiness with every check passing', async () => {
    const health = (await (await fetch(`${server.url}/healthz`)).json()) as { ok: boolean; diskFreeBytes: number; diskLow: boolean };
    expect(health.ok).toBe(true);
    expect(health.diskFreeBytes).toBeGreaterThan(0);
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true, checks: { database: 'ok', migrations: 'ok', files: 'ok', disk: 'ok', workers: 'ok' } });
  });

  it('is not ready when the disk is below its minimum, and says so', async () => {
    const tight = await startServer({ env: { DISK_MIN_FREE_MB: String(1024 * 1024 * 1024) } });
    try {
      const ready = await fetch(`${tight.url}/readyz`);
      expect(ready.status).toBe(503);
      const body = (await ready.json()) as { checks: Record<string, string> };
      expect(body.checks.disk).toMatch(/^low: \d+ MB free$/);
      expect(body.checks.database).toBe('ok');
      expect(((await (await fetch(`${tight.url}/healthz`)).json()) as { diskLow: boolean }).diskLow).toBe(true);
      // Admins see it, with the backups' state, on the system page.
      const admin = new HttpClient(tight.url);
      await admin.signIn('admin@jindianzi.example', DEMO_PASSWORD);
      const page = visibleText((await admin.get('/admin/system')).body);
      expect(page).toContain('可用空间低于警戒值');
      expect(page).toContain('没有设置定时备份');
    } finally {
      await tight.stop();
    }
  });
});

describe('metrics', () => {
  it('are served with the token only, with request durations by route template and the queues', async () => {
    expect((await fetch(`${server.url}/metrics`)).status).toBe(404);
    expect((await fetch(`${server.url}/metrics`, { headers: { Authorization: 'Bearer wrong' } })).status).toBe(404);
    const page = await fetch(`${server.url}/challenges/relief-payment-accuracy`);
    expect(page.status).toBe(200);
    await page.text();
    const response = await fetch(`${server.url}/metrics`, { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toMatch(/jindianzi_http_request_duration_seconds_count\{method="GET",route="\/challenges\/:slug",status="2xx"\} \d+/);
    expect(text).not.toContain('relief-payment-accuracy');
    for (const name of ['jindianzi_nodejs_eventloop_lag_seconds', 'jindianzi_imports_queued', 'jindianzi_mail_outbox_queued', 'jindianzi_database_bytes', 'jindianzi_disk_free_bytes']) {
      expect(text).toContain(`\n${name} `);
    }
  });
});

// DATABASE_MAX_MB is SQLite's quota; PostgreSQL's disk is its operator's (docs/deploy-postgres.md).
describe.skipIf(process.env.JDZ_TEST_ENGINE === 'postgres')('a full disk', () => {
  it('answers a translated 503 that says nothing was lost, and keeps what was saved', async () => {
    const { tempDataDir } = await import('../helpers/server');
    const dataDir = tempDataDir('jdz-full-');
    const first = await startServer({ dataDir });
    await first.stop();
    // The database may not grow any more: every write that needs a new page fails as on a full disk.
    const full = await startServer({ dataDir, env: { DATABASE_MAX_MB: '0.001' } });
    try {
      const citizen = new HttpClient(full.url);
      await citizen.signIn('citizen@jindianzi.example', DEMO_PASSWORD);
      let answer: Awaited<ReturnType<HttpClient['post']>> | undefined;
      for (let i = 0; i < 40 && answer?.status !== 503; i += 1) {
        answer = await citizen.post('/requests/new', { title: `需要更多公交数据 ${i}`, description: '详细说明'.repeat(1200), purpose: '研究', departmentId: '' });
      }
      expect(answer?.status).toBe(503);
      expect(answer?.headers.get('retry-after')).toBe('300');
      expect(answer?.body).toContain('服务器的存储空间已满');
      expect(answer?.body).toContain('已经保存的内容都没有丢失');
      // Reading still works.
      expect((await citizen.get('/requests')).status).toBe(200);
      expect(records().length).toBeGreaterThan(0);
      expect(full.output()).toContain('out of storage: a write failed');
    } finally {
      await full.stop();
    }
  });
});
