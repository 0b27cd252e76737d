/**
 * Page benchmark (issue 14): req/s, p50, p99, errors and gzip-accepted body size of the site's
 * heaviest pages and APIs on a national-scale database, each as a ratio against a bare in-app route
 * (a constant loader under the same root layout, app/routes/bench.bare.tsx) measured in the same
 * run, which is itself compared with a bare Remix app (bench/bare-remix). Also the full CSV download
 * of the million-row table against a bare better-sqlite3 loop over it, and the server's peak RSS.
 *
 * The server under test is the production server on the built app, pinned to core 0; the load generator
 * (bench/load.ts) runs in this process, pinned to core 1. Output: a Markdown table on stdout and JSON in
 * .cache/bench/pages-<timestamp>.json.
 *
 *   npm run bench -- pages [--duration 10] [--connections 50] [--only search,preview] [--db <dir>]
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import zlib from 'node:zlib';
import { runLoad } from './load';
import Database from 'better-sqlite3';
import { buildIsStale } from '../server/build';
import { HttpClient } from '../tests/helpers/http';
import { startPostgres, type TestPostgres } from '../tests/helpers/postgres';
import {
  BARE_IN_APP,
  BARE_IN_APP_PAGE,
  BARE_REMIX_PAGE,
  chooseDatastoreQuery,
  CSV_DOWNLOAD,
  DATASTORE_ROWS,
  isSelected,
  pageList,
  parsePagesOptions,
  USAGE,
  type DatastoreQuery,
  type PagesOptions,
  type PageSpec,
  type Session,
  type TableField,
} from './pages-config';
import { copyDataDir, ensureScaleDb, inspectDatabase, resolveDbDir, servedTable, type DatabaseFacts } from './pages-db';
import { formatCsvTable, formatPagesTable, formatRss, type CsvResult, type LoadResult } from './pages-report';

const root = path.resolve(import.meta.dirname, '..');
const bareRemixDir = path.join(root, 'bench/bare-remix');
const SERVER_CORE = '0';
const CLIENT_CORE = '1';

const log = (line: string) => console.log(line);

// --- processes ---------------------------------------------------------------------------------

/** Servers this run started, so an interrupted run leaves none behind. */
const running = new Set<ChildProcess>();

export interface Server {
  url: string;
  pid: number;
  output: () => string;
  stop: () => Promise<void>;
}

/**
 * Starts `node --import tsx <script>` pinned to the server core (tsx's loader without its CLI
 * wrapper, so the pid is the server itself and its RSS is the server's) and waits for its
 * "listening on http://localhost:<port>" line.
 */
export async function startServer(script: string, env: Record<string, string>, options: { pinned?: boolean } = {}): Promise<Server> {
  const command = options.pinned === false ? [process.execPath, '--import', 'tsx', script] : ['taskset', '-c', SERVER_CORE, process.execPath, '--import', 'tsx', script];
  const child: ChildProcess = spawn(command[0] as string, command.slice(1), {
    cwd: root,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  // Only the last part of what the server prints is kept: it writes a line per request, and the
  // whole of it would grow this process (which is also the load generator) by hundreds of megabytes.
  const KEEP_OUTPUT = 256 * 1024;
  let output = '';
  const keep = (chunk: unknown) => {
    output += String(chunk);
    if (output.length > 2 * KEEP_OUTPUT) output = output.slice(-KEEP_OUTPUT);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    // Generous: on a new national-scale database the first start may run migrations and scans.
    const timer = setTimeout(() => reject(new Error(`${script} did not start in 10 minutes:\n${output}`)), 600_000);
    const onData = () => {
      const match = /listening on http:\/\/localhost:(\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        resolve(`http://127.0.0.1:${match[1]}`);
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with ${code} before listening:\n${output}`));
    });
  });
  return {
    url,
    pid: child.pid as number,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(force);
    },
  };
}

/** Pins every thread of this process (the load generator, zlib, SQLite) to the client core. */
function pinSelf(): boolean {
  if (os.availableParallelism() < 2) return false;
  const result = spawnSync('taskset', ['-a', '-p', '-c', CLIENT_CORE, String(process.pid)], { encoding: 'utf8' });
  return result.status === 0;
}

/** Samples VmHWM (the kernel's peak resident set) and VmRSS of a process; keeps the highest. */
export class RssMonitor {
  peakKb = 0;
  /** The peak when monitoring began (the server's start-up). */
  readonly startKb: number;
  private timer: NodeJS.Timeout;

  constructor(private readonly pid: number) {
    this.sample();
    this.startKb = this.peakKb;
    this.timer = setInterval(() => this.sample(), 250);
    this.timer.unref();
  }

  sample(): void {
    try {
      const status = fs.readFileSync(`/proc/${this.pid}/status`, 'utf8');
      for (const field of ['VmHWM', 'VmRSS']) {
        const kb = Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
        this.peakKb = Math.max(this.peakKb, kb);
      }
    } catch {
      // The process has exited; the last sample stands.
    }
  }

  stop(): number {
    this.sample();
    clearInterval(this.timer);
    return this.peakKb / 1024;
  }
}

// --- builds ------------------------------------------------------------------------------------

function run(command: string, args: string[], cwd: string): void {
  const env = { ...process.env };
  for (const name of Object.keys(env)) if (name.startsWith('VITEST')) delete env[name];
  const result = spawnSync(command, args, { cwd, stdio: 'inherit', env });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed in ${cwd}`);
}

function newestMtime(target: string): number {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...fs.readdirSync(target).map((entry) => newestMtime(path.join(target, entry))));
}

function ensureBuilds(): void {
  if (buildIsStale(root)) {
    log('Building the app (missing or older than its sources)…');
    run('npm', ['run', 'build'], root);
  }
  const built = path.join(bareRemixDir, 'build/server/index.js');
  const sources = ['app', 'vite.config.ts', 'package.json'].map((s) => newestMtime(path.join(bareRemixDir, s)));
  if (!fs.existsSync(built) || Math.max(...sources) > fs.statSync(built).mtimeMs) {
    log('Building the bare Remix app (bench/bare-remix)…');
    run(path.join(root, 'node_modules/.bin/remix'), ['vite:build'], bareRemixDir);
  }
}

// --- HTTP --------------------------------------------------------------------------------------

/** One GET with `Accept-Encoding: gzip`; the body's bytes as sent (not decoded). */
function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number; bytes: number; encoding: string | null; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers: { 'Accept-Encoding': 'gzip', ...headers } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve({ status: response.statusCode ?? 0, bytes: body.length, encoding: response.headers['content-encoding'] ?? null, body });
      });
      response.on('error', (error) => reject(new Error(`GET ${url}: ${error.message}`)));
    });
    request.setTimeout(60_000, () => request.destroy(new Error('no answer in 60 s')));
    request.on('error', (error) => reject(new Error(`GET ${url}: ${error.message}`)));
  });
}

interface Probe {
  /** 0 when the request failed (e.g. the server aborted a render that ran past its deadline). */
  status: number;
  bytes: number | null;
  ms: number;
  error: string | null;
}

/** rawGet that reports a failure instead of throwing: a page that breaks is a result, not the end of the run. */
async function probe(url: string, headers: Record<string, string>): Promise<Probe> {
  const started = performance.now();
  try {
    const response = await rawGet(url, headers);
    return { status: response.status, bytes: response.bytes, ms: performance.now() - started, error: null };
  } catch (error) {
    return { status: 0, bytes: null, ms: performance.now() - started, error: (error as Error).message };
  }
}

const SETTLE_SECONDS = 20;

/**
 * Whether the server answers its health check quickly again within SETTLE_SECONDS. After a page
 * that takes seconds per request, the server keeps working off what the load generator sent (it cannot
 * drop a request whose client left) for minutes; that must not land on the next page.
 */
async function settle(baseUrl: string, healthPath: string): Promise<boolean> {
  const deadline = Date.now() + SETTLE_SECONDS * 1000;
  while (Date.now() < deadline) {
    const check = await probe(new URL(healthPath, baseUrl).href, {});
    if (check.status === 200 && check.ms < 100) return true;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url}: ${response.status} ${(await response.text()).slice(0, 300)}`);
  return (await response.json()) as T;
}

async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const client = new HttpClient(baseUrl);
  await client.signIn(email, password);
  return [...client.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
}

// --- measurements ------------------------------------------------------------------------------

/**
 * One row: a request on the idle server (its time, status and gzip body size), the unmeasured
 * warm-up, the measured load; then whether the server settled afterwards.
 */
async function measure(spec: PageSpec, baseUrl: string, headers: Record<string, string>, options: PagesOptions): Promise<{ result: LoadResult; settled: boolean }> {
  const url = new URL(spec.path, baseUrl).href;
  // The bare Remix app has one page and no /healthz.
  const healthPath = spec.bareRemix ? '/' : '/healthz';
  const alone = await probe(url, headers);
  if (alone.status !== 200) log(`  ! ${spec.name}: GET ${spec.path} answered ${alone.error ?? alone.status} on the idle server`);
  const load = { url, connections: options.connections, headers: { 'Accept-Encoding': 'gzip', ...headers } };
  if (options.warmup > 0) await runLoad({ ...load, duration: options.warmup });
  const result = await runLoad({ ...load, duration: options.duration });
  const settled = await settle(baseUrl, healthPath);
  // The body size from a complete answer: the idle one, or one after the run if that failed.
  const sized = alone.bytes !== null || !settled ? alone : await probe(url, headers);
  return { settled, result: {
    name: spec.name,
    label: spec.label,
    path: spec.path,
    kind: spec.kind,
    signedIn: spec.session !== 'anonymous',
    reqPerSec: result.reqPerSec,
    requests: result.requests,
    p50: result.p50,
    p95: result.p95,
    p97_5: result.p97_5,
    p99: result.p99,
    errors: result.non2xx + result.errors + result.timeouts,
    non2xx: result.non2xx,
    timeouts: result.timeouts,
    gzipBytes: sized.bytes,
    status: sized.status,
    aloneMs: alone.status === 200 ? alone.ms : null,
  } };
}

/**
 * A freshly started server is far from warm after one page's warm-up (its first seconds under load
 * ran ~20% slower than the same route at the end of a run), so before any measurement every page is
 * requested a few times (JIT and caches) and then the first page is loaded for a while, unmeasured.
 */
async function warmServer(baseUrl: string, specs: readonly PageSpec[], sessions: Record<Session, Record<string, string>>, options: PagesOptions): Promise<void> {
  if (options.serverWarmup <= 0 || !specs[0]) return;
  for (const spec of specs) {
    // Five times, or as many as fit in five seconds for a slow page.
    const started = Date.now();
    for (let i = 0; i < 5 && Date.now() - started < 5_000; i += 1) await probe(new URL(spec.path, baseUrl).href, sessions[spec.session]);
  }
  await runLoad({ url: new URL(specs[0].path, baseUrl).href, connections: options.connections, duration: options.serverWarmup, headers: { 'Accept-Encoding': 'gzip' } });
}

function printRow(r: LoadResult): void {
  const ms = (value: number | null) => (value === null ? 'timeout' : `${value.toFixed(1)} ms`);
  log(`  ${r.name.padEnd(18)} ${Math.round(r.reqPerSec).toString().padStart(6)} req/s  p50 ${ms(r.p50)}  p99 ${ms(r.p99)}  errors ${r.errors}  body ${r.gzipBytes ?? '–'} B  alone ${r.aloneMs?.toFixed(0) ?? '–'} ms`);
}

/** Counts bytes and CRLF-terminated lines of a stream without keeping it. */
function counter(): Writable & { bytes: number; lines: number } {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      sink.bytes += chunk.length;
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) sink.lines += 1;
      callback();
    },
  }) as Writable & { bytes: number; lines: number };
  sink.bytes = 0;
  sink.lines = 0;
  return sink;
}

/** One full download, timed from the request to the last byte. */
async function download(url: string, gzip: boolean): Promise<CsvResult> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers: gzip ? { 'Accept-Encoding': 'gzip' } : {} }, (response) => {
      if (response.statusCode !== 200) {
        reject(new Error(`GET ${url}: ${response.statusCode}`));
        response.resume();
        return;
      }
      let wire = 0;
      response.on('data', (chunk: Buffer) => (wire += chunk.length));
      const csv = counter();
      const encoded = response.headers['content-encoding'] === 'gzip';
      const done = encoded ? pipeline(response, zlib.createGunzip(), csv) : pipeline(response, csv);
      const label = gzip ? `server download, gzip accepted${encoded ? '' : ' (sent uncompressed)'}` : 'server download, no compression';
      done.then(() => resolve({ label, ms: performance.now() - started, bytes: wire, csvBytes: csv.bytes, lines: csv.lines }), reject);
    });
    request.on('error', reject);
  });
}

/** The bare loop: every row of the table, joined with commas, encoded as the server would. */
function bareLoop(databaseFile: string, table: string): CsvResult {
  const db = new Database(databaseFile, { readonly: true, fileMustExist: true });
  const encoder = new TextEncoder();
  const started = performance.now();
  let bytes = 0;
  let rows = 0;
  let chunk = '';
  for (const row of db.prepare(`SELECT * FROM "${table.replaceAll('"', '""')}"`).raw().iterate() as IterableIterator<unknown[]>) {
    chunk += `${row.map((v) => (v === null ? '' : String(v))).join(',')}\r\n`;
    rows += 1;
    if (rows % 2000 === 0) {
      bytes += encoder.encode(chunk).length;
      chunk = '';
    }
  }
  bytes += encoder.encode(chunk).length;
  const ms = performance.now() - started;
  db.close();
  return { label: 'bare better-sqlite3 loop (SELECT *, naive CSV)', ms, bytes, csvBytes: bytes, lines: rows };
}

// --- the run -----------------------------------------------------------------------------------

interface DatasetDetail {
  resources: { id: number; name: string; rowCount: number; fields: TableField[] }[];
}

/** The dataset's largest served table and the query to run on it, or null (with a warning) when there is none. */
async function resolveTable(baseUrl: string, options: PagesOptions): Promise<{ resource: { id: number; name: string; rowCount: number }; query: DatastoreQuery } | null> {
  const datasetUrl = `${baseUrl}/api/v1/datasets/${encodeURIComponent(options.dataset)}`;
  const dataset = await getJson<DatasetDetail>(datasetUrl).catch((error: Error) => {
    log(`  ! ${error.message}`);
    return { resources: [] };
  });
  const resource = [...dataset.resources].sort((a, b) => b.rowCount - a.rowCount)[0];
  if (!resource) {
    log(`  ! no served table in the dataset ${options.dataset} (--dataset): the rows that read it are left out`);
    return null;
  }
  const first = await getJson<{ records: Record<string, unknown>[] }>(`${datasetUrl}/resources/${resource.id}/rows?limit=1`);
  return {
    resource: { id: resource.id, name: resource.name, rowCount: resource.rowCount },
    query: { resourceId: resource.id, ...chooseDatastoreQuery(resource.fields, first.records[0] ?? {}, options) },
  };
}

export async function runPagesBenchmark(argv: string[]): Promise<void> {
  if (argv.includes('--help') || argv.includes('-h')) {
    log(USAGE);
    return;
  }
  const options = parsePagesOptions(argv);
  const startedAt = new Date();
  ensureBuilds();

  const source = options.db ? resolveDbDir(options.db) : ensureScaleDb(root, options.scale, log);
  log(`Copying the database from ${source}…`);
  const data = copyDataDir(source);
  let postgres: TestPostgres | null = null;
  const cleanUp = () => {
    // A server busy in a long synchronous render would not act on SIGTERM before we are gone.
    for (const child of running) child.kill('SIGKILL');
    void postgres?.stop();
    if (!options.keep) fs.rmSync(data.dir, { recursive: true, force: true });
  };
  const onSignal = () => {
    cleanUp();
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    let databaseUrl = data.databaseFile;
    if (options.engine === 'postgres') {
      postgres = await startPostgres({ database: 'bench' });
      log('Copying it into a throwaway PostgreSQL with `jdz db copy` (not timed)…');
      const copied = spawnSync(path.join(root, 'node_modules/.bin/tsx'), ['scripts/jdz.ts', 'db', 'copy', '--to', postgres.url], {
        cwd: root,
        stdio: ['ignore', 'ignore', 'inherit'],
        env: { ...process.env, DATABASE_URL: data.databaseFile, DATA_DIR: data.dir },
      });
      if (copied.status !== 0) throw new Error(`jdz db copy failed (exit ${copied.status ?? copied.signal})`);
      databaseUrl = postgres.url;
    }
    const facts: DatabaseFacts = inspectDatabase(data.databaseFile, options.bigChallenge, options.discussionPath);
    log(`  ${facts.sizeMb.toFixed(0)} MB, ${facts.users.toLocaleString('en')} users; ${options.bigChallenge}: ${facts.bigChallengeEntries ?? 0} entries; discussion ${options.discussionPath}: ${facts.discussionComments ?? '?'} comments`);

    const pinned = pinSelf();
    log(pinned ? `Server on core ${SERVER_CORE}, the load generator on core ${CLIENT_CORE}.` : 'Could not pin to two cores (fewer than 2?); numbers will be noisier.');
    log(`${options.connections} connections, ${options.warmup} s warm-up, ${options.duration} s measured per page.\n`);

    const results: LoadResult[] = [];

    // The bare Remix app first, alone on the server core.
    const bare = await startServer('bench/bare-remix/server.ts', { NODE_ENV: 'production' });
    try {
      await warmServer(bare.url, [BARE_REMIX_PAGE], { anonymous: {}, participant: {}, organiser: {}, judge: {} }, options);
      results.push((await measure(BARE_REMIX_PAGE, bare.url, {}, options)).result);
      printRow(results[0] as LoadResult);
    } finally {
      await bare.stop();
    }

    const startApp = () =>
      startServer('server/index.ts', {
        NODE_ENV: 'production',
        SKIP_BUILD_CHECK: '1',
        TRUST_PROXY: 'loopback',
        BENCH_ROUTES: '1',
        SEED_DEMO_DATA: 'false',
        DATABASE_URL: databaseUrl,
        DATA_DIR: data.dir,
      });
    let server = await startApp();
    // One monitor per server process; the peak is the highest of them.
    const monitors = [new RssMonitor(server.pid)];
    const startRssMb = (monitors[0] as RssMonitor).startKb / 1024;
    const peakRss = () => Math.max(...monitors.map((m) => m.stop()));
    let peakRssMb = 0;
    const restarts: string[] = [];
    let csv: { baseline: CsvResult; downloads: CsvResult[]; table: string; url: string } | null = null;
    let drift: LoadResult | null = null;
    const resolved: Record<string, unknown> = {};
    try {
      // The million-row table, when a selected row reads it: its resource, fields and a realistic query.
      const table = [...DATASTORE_ROWS, CSV_DOWNLOAD].some((name) => isSelected(name, options.only)) ? await resolveTable(server.url, options) : null;
      const query = table?.query ?? null;
      if (table) {
        Object.assign(resolved, table);
        log(`  table: resource ${table.resource.id} (${table.resource.rowCount.toLocaleString('en')} rows); filter ${table.query.filter.column} = ${table.query.filter.value}; sort -${table.query.sort}; q ${table.query.q}`);
      }

      // Sessions, once per account before the run.
      const sessions: Record<Session, Record<string, string>> = { anonymous: {}, participant: {}, organiser: {}, judge: {} };
      const organiser = options.organiser ?? facts.organiser;
      if (!organiser && isSelected('organiser-results', options.only)) log(`  ! no official of the department of ${options.bigChallenge} found (--organiser): its results page is left out`);
      const specs = pageList(options, query).filter((s) => !s.bareRemix && isSelected(s.name, options.only) && (s.session !== 'organiser' || organiser));
      if (specs.some((s) => s.session === 'participant')) sessions.participant = { Cookie: await signIn(server.url, options.participant, options.password) };
      if (specs.some((s) => s.session === 'judge')) sessions.judge = { Cookie: await signIn(server.url, options.judge, options.password) };
      if (organiser && specs.some((s) => s.session === 'organiser')) {
        sessions.organiser = { Cookie: await signIn(server.url, organiser, options.password) };
        resolved.organiser = organiser;
        log(`  organiser: ${organiser}`);
      }
      log(`  warming the server up (${options.serverWarmup} s)…\n`);
      await warmServer(server.url, specs, sessions, options);

      for (const spec of specs) {
        const { result, settled } = await measure(spec, server.url, sessions[spec.session], options);
        results.push(result);
        printRow(result);
        if (!settled) {
          // Sessions are rows in the database, so the cookies stay valid across the restart.
          log(`  ! still working off ${spec.name}'s load ${SETTLE_SECONDS} s later: restarting the server so the next row starts clean`);
          restarts.push(spec.name);
          monitors.at(-1)?.stop();
          await server.stop();
          server = await startApp();
          monitors.push(new RssMonitor(server.pid));
          await warmServer(server.url, [BARE_IN_APP_PAGE], sessions, { ...options, serverWarmup: 5 });
        }
      }

      if (query && isSelected(CSV_DOWNLOAD, options.only)) {
        const table = servedTable(data.databaseFile, query.resourceId);
        const url = `${server.url}/datasets/${encodeURIComponent(options.dataset)}/resources/${query.resourceId}/download/csv`;
        log(`\n  CSV download of ${table}…`);
        const first = bareLoop(data.databaseFile, table);
        const identity = await download(url, false);
        const gzip = await download(url, true);
        const second = bareLoop(data.databaseFile, table);
        csv = { baseline: first.ms <= second.ms ? first : second, downloads: [identity, gzip], table, url };
        for (const r of [csv.baseline, identity, gzip]) log(`  ${r.label}: ${(r.ms / 1000).toFixed(2)} s, ${r.bytes} B`);
      }

      // The in-app bare route again, to show how far the machine drifted during the run.
      drift = (await measure(BARE_IN_APP_PAGE, server.url, {}, options)).result;
      log(`  ${BARE_IN_APP} again at the end: ${Math.round(drift.reqPerSec)} req/s`);
    } catch (error) {
      // What the server said is usually the explanation (a crash, an error page's cause).
      const tail = server.output().trim().split('\n').slice(-40).join('\n');
      throw new Error(`${error instanceof Error ? error.message : String(error)}\n--- server output (last lines) ---\n${tail}`, { cause: error });
    } finally {
      peakRssMb = peakRss();
      await server.stop();
    }

    const inAppFirst = results.find((r) => r.name === BARE_IN_APP);
    const driftPct = drift && inAppFirst ? ((drift.reqPerSec - inAppFirst.reqPerSec) / inAppFirst.reqPerSec) * 100 : null;
    const report = [
      `## Page benchmark — ${startedAt.toISOString()}`,
      '',
      `Database: ${options.db ? source : `scale ${options.scale} (${source})`}, ${facts.sizeMb.toFixed(0)} MB as SQLite, served from ${options.engine === 'postgres' ? 'a copy in PostgreSQL' : 'SQLite'}. Server pinned to core ${SERVER_CORE}, the load generator to core ${CLIENT_CORE}; ` +
        `${options.connections} connections, ${options.warmup} s warm-up, ${options.duration} s per row. Ratios (×) are against the in-app bare route \`${BARE_IN_APP}\` of this run; ` +
        'errors are non-2xx answers plus failed or timed-out requests (a request counts as timed out after 10 s; "timeout" means none completed); ' +
        '"alone" is one request on the idle server before the load; latency tail for search is p95.',
      '',
      formatPagesTable(results),
      '',
      ...(csv ? [`CSV download of the million-row table (\`${csv.table}\`, one full download each):`, '', formatCsvTable(csv.baseline, csv.downloads), ''] : []),
      `${formatRss(peakRssMb)}; ${startRssMb.toFixed(0)} MB when it started listening.`,
      ...(restarts.length
        ? [`The server was restarted after ${restarts.map((r) => `\`${r}\``).join(', ')}: it was still working off that row's requests ${SETTLE_SECONDS} s after the load stopped.`]
        : []),
      ...(drift && driftPct !== null ? [`In-app bare route at the end of the run: ${Math.round(drift.reqPerSec).toLocaleString('en')} req/s (${driftPct >= 0 ? '+' : ''}${driftPct.toFixed(1)}% against the start).`] : []),
    ].join('\n');
    console.log(`\n${report}\n`);

    const outDir = path.join(root, '.cache/bench');
    fs.mkdirSync(outDir, { recursive: true });
    const outFile = path.join(outDir, `pages-${startedAt.toISOString().replace(/[:.]/g, '-')}.json`);
    const commit = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).stdout.trim();
    fs.writeFileSync(
      outFile,
      `${JSON.stringify(
        {
          startedAt: startedAt.toISOString(),
          finishedAt: new Date().toISOString(),
          commit,
          node: process.version,
          cpus: os.cpus().map((c) => c.model),
          options: { ...options, password: undefined },
          database: { source, ...facts },
          resolved,
          rows: results,
          inAppBareAtEnd: drift,
          csv,
          peakRssMb,
          startRssMb,
          restartsAfter: restarts,
        },
        null,
        2,
      )}\n`,
    );
    log(`JSON: ${path.relative(root, outFile)}`);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    cleanUp();
  }
}
