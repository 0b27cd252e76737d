/**
 * Moving a county up (issue 23): the demo SQLite database, copied with `jdz db copy --to` into an
 * empty PostgreSQL database, serves the same pages and data there, with the same accounts and the
 * same imported tables; a second copy into the now-used database is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJdz } from '../helpers/cli';
import { DEMO_PASSWORD } from '../helpers/demo';
import { HttpClient } from '../helpers/http';
import { startPostgres, type TestPostgres } from '../helpers/postgres';
import { startServer, tempDataDir, type TestServer } from '../helpers/server';

let postgres: TestPostgres;
let dataDir: string;
let onSqlite: TestServer | undefined;
let onPostgres: TestServer | undefined;

/** What a visitor sees, reduced to what must not change with the engine. */
async function facts(server: TestServer): Promise<Record<string, unknown>> {
  const http = new HttpClient(server.url, { 'Accept-Language': 'zh-CN' });
  const json = async (path: string) => JSON.parse((await http.get(path)).body) as Record<string, unknown>;
  const titles = (html: string) => [...html.matchAll(/<h[23][^>]*>\s*<a [^>]*>([^<]+)<\/a>/g)].map((m) => m[1]);
  const packages = (await json('/api/3/action/package_list')).result as string[];
  const resource = ((await json(`/api/3/action/package_show?id=${packages[0] ?? ''}`)).result as { resources: { id: string }[] }).resources[0];
  const rows = (await json(`/api/3/action/datastore_search?resource_id=${resource?.id ?? ''}&limit=5&sort=_id desc`)).result as { total: number; records: unknown[] };
  return {
    packages,
    datasets: titles((await http.get('/datasets')).body),
    challenges: titles((await http.get('/challenges')).body),
    requests: titles((await http.get('/requests')).body),
    rows: { total: rows.total, records: rows.records },
    search: (await http.get(`/search?${new URLSearchParams({ q: '公交' })}`)).body.match(/<mark>[^<]*<\/mark>/g)?.length ?? 0,
  };
}

beforeAll(async () => {
  postgres = await startPostgres({ database: 'county' });
  dataDir = tempDataDir('jdz-copy-');
});

afterAll(async () => {
  await onSqlite?.stop();
  await onPostgres?.stop();
  await postgres?.stop();
});

describe('db copy', () => {
  it('copies the demo SQLite database into PostgreSQL, which then serves the same site', async () => {
    onSqlite = await startServer({ dataDir });
    const before = await facts(onSqlite);
    await onSqlite.stop();
    onSqlite = undefined;

    const copied = await runJdz(`${dataDir}/jindianzi.db`, ['db', 'copy', '--to', postgres.url], { env: { DATA_DIR: dataDir } as unknown as NodeJS.ProcessEnv });
    expect(copied.stderr).toBe('');
    expect(copied.code).toBe(0);
    expect(copied.stdout).toMatch(/Copied \d+ tables and \d+ imported tables \(\d+ rows, counts checked\) into PostgreSQL at 127\.0\.0\.1:\d+\/county/);

    onPostgres = await startServer({ dataDir, env: { DATABASE_URL: postgres.url } });
    expect(await facts(onPostgres)).toEqual(before);
    // The same accounts, passwords and second factors (the secrets stayed in DATA_DIR).
    const official = new HttpClient(onPostgres.url);
    await official.signIn('transport@jindianzi.example', DEMO_PASSWORD);
    expect((await official.get('/manage')).status).toBe(200);
    // New rows continue after the copied ids.
    const citizen = new HttpClient(onPostgres.url);
    await citizen.signIn('citizen@jindianzi.example', DEMO_PASSWORD);
    const asked = await citizen.post('/requests/new', { title: '希望开放公交站点客流数据', description: '希望按站点、按小时开放公交客流数据，方便研究线路调整。', purpose: '', department: 'transport' });
    expect(asked.status).toBe(302);
    expect((await citizen.get(asked.location ?? '')).body).toContain('希望开放公交站点客流数据');
  }, 120_000);

  it('refuses to copy into a database that is not empty', async () => {
    const again = await runJdz(`${dataDir}/jindianzi.db`, ['db', 'copy', '--to', postgres.url], { env: { DATA_DIR: dataDir } as unknown as NodeJS.ProcessEnv });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/is not empty .*db copy only fills an empty database/);
  });
});
