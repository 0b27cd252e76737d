/**
 * A county upgrading from before profile charts: its tables' profiles have no charts. After the
 * upgraded server starts, the charts are counted in the background and the table page shows them,
 * while the data dictionary the department wrote is kept.
 */
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/browser';
import { HttpClient } from '../helpers/http';
import { startServer, tempDataDir, type TestServer } from '../helpers/server';
import { openServerDatabase } from '../helpers/server-db';

const dataDir = tempDataDir('jdz-backfill-');
let server: TestServer | undefined;

afterAll(async () => {
  await server?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const chartNames = (html: string) => [...html.matchAll(/<svg role="img" aria-label="([^"]*)"/g)].map((m) => m[1] as string);

describe('profile charts of older tables', () => {
  it('are counted after start-up, keeping the dictionary', async () => {
    // First start: the demo data, imported with charts.
    server = await startServer({ dataDir });
    const http = new HttpClient(server.url, { 'Accept-Language': 'zh-CN' });
    const id = /\/datasets\/bus-ridership-2025-10\/resources\/(\d+)/.exec((await http.get('/datasets/bus-ridership-2025-10')).body)?.[1];
    expect(id).toBeTruthy();
    const page = `/datasets/bus-ridership-2025-10/resources/${id}`;
    const charted = chartNames((await http.get(page)).body);
    expect(charted.length).toBeGreaterThan(1);
    await server.stop();

    // As an older version left it: profiles without charts, and a label the department wrote.
    const db = await openServerDatabase(server);
    const read = async () => (await db.get<{ columns: string }>('SELECT columns FROM dataset_resources WHERE id = ?', Number(id)))?.columns ?? '[]';
    const columns = (JSON.parse(await read()) as { name: string; label?: string; profile?: { chart?: unknown } }[]).map(({ profile, ...column }) => {
      const { chart: _chart, ...older } = profile ?? {};
      return { ...column, ...(column.name === '站点' ? { label: '公交站点' } : {}), ...(profile ? { profile: older } : {}) };
    });
    expect(columns.some((c) => c.name === '站点')).toBe(true);
    await db.run('UPDATE dataset_resources SET columns = ? WHERE id = ?', JSON.stringify(columns), Number(id));
    expect(await read()).not.toContain('"chart"');
    await db.close();

    // The same database again (on PostgreSQL, a new server would otherwise get a new one).
    server = await startServer({ dataDir, env: { DATABASE_URL: server.databaseUrl } });
    const again = new HttpClient(server.url, { 'Accept-Language': 'zh-CN' });
    await eventually(async () => {
      expect(chartNames((await again.get(page)).body)).toHaveLength(charted.length);
    }, 30_000);
    const names = chartNames((await again.get(page)).body);
    // The label written while the charts were missing names the chart.
    expect(names.some((n) => n.includes('公交站点'))).toBe(true);
    // The log says what was done (written a moment after the charts are stored).
    await eventually(() => expect(server?.output()).toContain('Counted profile charts for 1 table(s)'));
  }, 90_000);
});
