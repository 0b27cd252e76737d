/**
 * Two app processes against one on the same PostgreSQL (issue 23): the throughput of anonymous
 * pages, rendered every time (PAGE_CACHE_SECONDS=0), through one process and then through two
 * sharing the load. Reported as requests per second and the ratio of two processes to one,
 * measured in the same run. No target: on a 2-core machine the app processes, PostgreSQL and the
 * load generator share the cores, so the ratio says how much a second process gains there, not
 * what a second machine would.
 *
 *   npm run bench -- nodes [--duration 10] [--connections 16]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runLoad } from './load';
import { startServer, type Server } from './pages';
import { startPostgres } from '../tests/helpers/postgres';

const PATHS = ['/', '/datasets', '/challenges', '/requests'];

function flag(argv: string[], name: string, fallback: number): number {
  const index = argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(argv[index + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} takes a positive number`);
  return value;
}

/** Requests per second over every path, the load spread evenly over `servers`. */
async function throughput(servers: readonly Server[], connections: number, duration: number): Promise<{ reqPerSec: number; non2xx: number; p95: number }> {
  let total = 0;
  let non2xx = 0;
  const p95s: number[] = [];
  for (const page of PATHS) {
    const share = Math.max(1, Math.round(connections / servers.length));
    const results = await Promise.all(servers.map((server) => runLoad({ url: `${server.url}${page}`, connections: share, duration, headers: { 'Accept-Encoding': 'gzip' } })));
    total += results.reduce((sum, r) => sum + r.reqPerSec, 0);
    non2xx += results.reduce((sum, r) => sum + r.non2xx + r.errors, 0);
    p95s.push(...results.map((r) => r.p95 ?? 0));
  }
  return { reqPerSec: total / PATHS.length, non2xx, p95: Math.max(...p95s) };
}

export async function runNodesBenchmark(argv: string[]): Promise<void> {
  const duration = flag(argv, 'duration', 10);
  const connections = flag(argv, 'connections', 16);
  const postgres = await startPostgres({ database: 'bench_nodes' });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jdz-bench-nodes-'));
  const env = { DATABASE_URL: postgres.url, DATA_DIR: dataDir, NODE_ENV: 'production', PAGE_CACHE_SECONDS: '0' };
  const servers: Server[] = [];
  try {
    console.log(`PostgreSQL ${postgres.url.replace(/\/\/[^@]*@/, '//')}; demo data; ${connections} connections; ${duration} s per page (${PATHS.join(', ')}); ${os.cpus().length} cores shared by everything.`);
    servers.push(await startServer('server/index.ts', env, { pinned: false }));
    await throughput(servers, connections, 2); // warm-up: first renders, connections opened
    const one = await throughput(servers, connections, duration);
    servers.push(await startServer('server/index.ts', env, { pinned: false }));
    await throughput(servers, connections, 2);
    const two = await throughput(servers, connections, duration);
    console.log('| processes | requests/s (mean over pages) | worst p95 (ms) | failed |');
    console.log('|---|---|---|---|');
    console.log(`| 1 | ${one.reqPerSec.toFixed(1)} | ${one.p95.toFixed(0)} | ${one.non2xx} |`);
    console.log(`| 2 | ${two.reqPerSec.toFixed(1)} | ${two.p95.toFixed(0)} | ${two.non2xx} |`);
    console.log(`Two processes against one: ×${(two.reqPerSec / one.reqPerSec).toFixed(2)}`);
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    await postgres.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
