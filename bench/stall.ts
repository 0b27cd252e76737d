/**
 * Stall benchmark (issue 15): does heavy work stall everyone else? A cheap page (the bare in-app
 * route, uncached) is loaded by a few connections on the idle server, then during each heavy
 * operation: a 1,000,000-row CSV import, four concurrent uncompressed downloads of the
 * million-row table, and a 100 MB JSON import, then idle again. Each phase's p99 is reported as a
 * ratio against the quieter idle p99 of the same run (target: under 3×), with the operation's own
 * duration and the server's peak RSS.
 *
 * The server is not pinned to a core here: heavy work runs in worker threads precisely so that it
 * can use the other core, and pinning would measure the sharing of one core instead.
 *
 *   npm run bench -- stall [--duration 15] [--connections 5] [--db <dir>]
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { HttpClient } from '../tests/helpers/http';
import { runLoad, type LoadResult } from './load';
import { copyDataDir, ensureScaleDb, resolveDbDir } from './pages-db';
import { RssMonitor, startServer } from './pages';

const root = path.resolve(import.meta.dirname, '..');
const OFFICIAL = 'transport@jindianzi.example';
const PASSWORD = 'Demo-2026-jindianzi';
const CHEAP_PAGE = '/bench/bare';
const MILLION = 1_000_000;

const log = (line: string) => console.log(line);

/** A million-row CSV (about 70 MB), made once and kept in .cache/bench. */
function millionRowCsv(): string {
  const file = path.join(root, '.cache/bench/stall-1m.csv');
  if (fs.existsSync(file)) return file;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const out = fs.openSync(`${file}.tmp`, 'w');
  const districts = ['城关镇', '经开区', '高新区', '东城街道', '西湖乡'];
  fs.writeSync(out, '编号,区县,站点名称,客流量,日期,备注\n');
  let chunk = '';
  for (let i = 0; i < MILLION; i += 1) {
    chunk += `${i + 1},${districts[i % 5]},第${(i % 997) + 1}号站,${(i * 7919) % 10_000},2025-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')},正常运营\n`;
    if (chunk.length > 1 << 20) {
      fs.writeSync(out, chunk);
      chunk = '';
    }
  }
  fs.writeSync(out, chunk);
  fs.closeSync(out);
  fs.renameSync(`${file}.tmp`, file);
  return file;
}

/** A 100 MB JSON array of records, made once. */
function hundredMegabyteJson(): string {
  const file = path.join(root, '.cache/bench/stall-100mb.json');
  if (fs.existsSync(file)) return file;
  const out = fs.openSync(`${file}.tmp`, 'w');
  fs.writeSync(out, '[');
  let written = 1;
  let chunk = '';
  for (let i = 0; written < 100 * 1024 * 1024; i += 1) {
    chunk += `${i === 0 ? '' : ','}{"编号":${i + 1},"名称":"记录${i}","说明":"${'公共数据开放利用'.repeat(20)}","数值":${i % 1000}}`;
    if (chunk.length > 1 << 20) {
      written += Buffer.byteLength(chunk);
      fs.writeSync(out, chunk);
      chunk = '';
    }
  }
  fs.writeSync(out, `${chunk}]`);
  fs.closeSync(out);
  fs.renameSync(`${file}.tmp`, file);
  return file;
}

async function upload(client: HttpClient, baseUrl: string, slug: string, file: string, type: string): Promise<number> {
  const form = new FormData();
  form.set('file', new Blob([fs.readFileSync(file)], { type }), path.basename(file));
  const cookie = [...client.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  const response = await fetch(`${baseUrl}/manage/datasets/${slug}/upload`, { method: 'POST', body: form, headers: { Cookie: cookie, Origin: baseUrl, Accept: 'application/json' } });
  const answer = (await response.json()) as { ok: boolean; jobId?: number; code?: string };
  if (!answer.ok || !answer.jobId) throw new Error(`upload of ${path.basename(file)} refused: ${answer.code ?? response.status}`);
  return answer.jobId;
}

async function importFinished(databaseFile: string, jobId: number): Promise<string> {
  const db = new Database(databaseFile, { readonly: true });
  try {
    for (;;) {
      const status = db.prepare('select status from resource_imports where id = ?').pluck().get(jobId) as string;
      if (status === 'succeeded' || status === 'failed') return status;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  } finally {
    db.close();
  }
}

/** Downloads a URL to nowhere, uncompressed; resolves with its size. */
function download(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { 'Accept-Encoding': 'identity' } }, (response) => {
        let bytes = 0;
        response.on('data', (chunk: Buffer) => (bytes += chunk.length));
        response.on('end', () => resolve(bytes));
        response.on('error', reject);
      })
      .on('error', reject);
  });
}

interface Phase {
  name: string;
  load: LoadResult;
  operationSeconds: number | null;
  outcome: string;
}

/** Loads the cheap page while `operation` runs (or for `duration` seconds alone). */
async function phase(name: string, baseUrl: string, options: { duration: number; connections: number }, operation?: () => Promise<string>): Promise<Phase> {
  const started = Date.now();
  const op = operation?.().then((outcome) => ({ outcome, seconds: (Date.now() - started) / 1000 }));
  const load = await runLoad({ url: `${baseUrl}${CHEAP_PAGE}`, connections: options.connections, duration: options.duration, timeout: 30 });
  const done = op ? await op : null;
  const result = { name, load, operationSeconds: done?.seconds ?? null, outcome: done?.outcome ?? '' };
  log(`  ${name.padEnd(34)} ${load.reqPerSec.toFixed(0).padStart(6)} req/s  p50 ${load.p50?.toFixed(1) ?? '–'} ms  p99 ${load.p99?.toFixed(1) ?? '–'} ms${done ? `  (operation ${done.seconds.toFixed(1)} s, ${done.outcome})` : ''}`);
  return result;
}

export async function runStallBenchmark(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { duration: { type: 'string', default: '15' }, connections: { type: 'string', default: '5' }, db: { type: 'string' } }, strict: true });
  const options = { duration: Number(values.duration), connections: Number(values.connections) };
  const source = values.db ? resolveDbDir(values.db) : ensureScaleDb(root, 1, log);
  log('Preparing the files (once) and a copy of the database…');
  const csv = millionRowCsv();
  const json = hundredMegabyteJson();
  const data = copyDataDir(source);
  const server = await startServer(
    'server/index.ts',
    { NODE_ENV: 'production', SKIP_BUILD_CHECK: '1', BENCH_ROUTES: '1', SEED_DEMO_DATA: 'false', PAGE_CACHE_SECONDS: '0', DATABASE_URL: data.databaseFile },
    { pinned: false },
  );
  const rss = new RssMonitor(server.pid);
  try {
    const facts = new Database(data.databaseFile, { readonly: true });
    const dataset = facts.prepare("select d.slug from datasets d join departments p on p.id = d.department_id join users u on u.department_id = p.id where u.email = ? order by d.id limit 1").pluck().get(OFFICIAL) as string;
    const table = facts.prepare("select d.slug as slug, r.id as id from dataset_resources r join datasets d on d.id = r.dataset_id where r.row_count >= ? and d.status = 'published' order by r.row_count desc limit 1").get(MILLION) as { slug: string; id: number };
    facts.close();
    const official = new HttpClient(server.url);
    await official.signIn(OFFICIAL, PASSWORD);
    const downloadUrl = `${server.url}/datasets/${table.slug}/resources/${table.id}/download/csv`;

    // Warm the route and the JIT before measuring.
    await runLoad({ url: `${server.url}${CHEAP_PAGE}`, connections: options.connections, duration: 3 });
    log(`\nCheap page ${CHEAP_PAGE}, ${options.connections} connections, ${options.duration} s per phase:`);
    const phases: Phase[] = [];
    phases.push(await phase('idle (start)', server.url, options));
    phases.push(
      await phase('1,000,000-row CSV import', server.url, options, async () => {
        const jobId = await upload(official, server.url, dataset, csv, 'text/csv');
        return importFinished(data.databaseFile, jobId);
      }),
    );
    phases.push(
      await phase('4 downloads of the 1M-row table', server.url, options, async () => {
        const sizes = await Promise.all([1, 2, 3, 4].map(() => download(downloadUrl)));
        return `${(sizes.reduce((a, b) => a + b, 0) / 1048576).toFixed(0)} MB sent`;
      }),
    );
    phases.push(
      await phase('100 MB JSON import', server.url, options, async () => {
        const jobId = await upload(official, server.url, dataset, json, 'application/json');
        return importFinished(data.databaseFile, jobId);
      }),
    );

    // Idle again at the end: a freshly started server on this database still has background work
    // of its own (search index, join overlaps), so the quieter of the two idle phases is the baseline.
    phases.push(await phase('idle (end)', server.url, options));
    const idlePhases = phases.filter((p) => p.name.startsWith('idle'));
    const idle = Math.min(...idlePhases.map((p) => p.load.p99 ?? Infinity));
    log(`\n## Stall benchmark — ${new Date().toISOString()}\n`);
    log('| phase | req/s | p50 ms | p99 ms | p99 × idle | operation | target |');
    log('|---|---:|---:|---:|---:|---|---|');
    for (const p of phases) {
      const ratio = (p.load.p99 ?? Infinity) / idle;
      const isIdle = p.name.startsWith('idle');
      const target = isIdle ? '' : ratio < 3 ? '✅ < 3× idle p99' : '❌ < 3× idle p99';
      log(`| ${p.name} | ${p.load.reqPerSec.toFixed(0)} | ${p.load.p50?.toFixed(1) ?? '–'} | ${p.load.p99?.toFixed(1) ?? '–'} | ${ratio.toFixed(2)}× | ${p.operationSeconds === null ? '' : `${p.operationSeconds.toFixed(1)} s, ${p.outcome}`} | ${target} |`);
    }
    log(`\nServer peak RSS ${rss.stop().toFixed(0)} MB.`);
  } finally {
    await server.stop();
    fs.rmSync(data.dir, { recursive: true, force: true });
  }
}
