/**
 * Starts the real production server (server/index.ts on the built app) on a free port with its
 * own SQLite file in a temp directory, exactly as `npm start` would. Under `npm run test:pg`
 * (JDZ_TEST_ENGINE=postgres) it gets a new database of its own on the run's PostgreSQL instead.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

export interface TestServer {
  url: string;
  dataDir: string;
  /** The SQLite file (meaningful only when `databaseUrl` is that file). */
  databaseFile: string;
  /** The server's DATABASE_URL: the SQLite file, or a database on the test run's PostgreSQL. */
  databaseUrl: string;
  output: () => string;
  stop: () => Promise<number | null>;
  /** kill -9 of the server (and the tsx launcher before it); needs `ownProcessGroup`. */
  kill: () => Promise<void>;
}

const root = path.resolve(import.meta.dirname, '../..');
const tsx = path.join(root, 'node_modules/.bin/tsx');

export function tempDataDir(prefix = 'jdz-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** DATABASE_URL for a new, empty database of the engine under test: a file in `dataDir`, or a database on the test run's PostgreSQL. */
export async function testDatabaseUrl(dataDir: string): Promise<string> {
  return process.env.JDZ_TEST_ENGINE === 'postgres' ? await newPostgresDatabase() : path.join(dataDir, 'jindianzi.db');
}

/** A new, empty database on the test run's PostgreSQL, as a URL. */
async function newPostgresDatabase(): Promise<string> {
  const server = inject('postgresUrl');
  const database = `jdz_${randomUUID().replaceAll('-', '')}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${database}`);
  } finally {
    await admin.end();
  }
  const url = new URL(server);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function startServer(options: { env?: Record<string, string>; dataDir?: string; ownProcessGroup?: boolean } = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? tempDataDir();
  const databaseFile = path.join(dataDir, 'jindianzi.db');
  const database = { DATABASE_URL: options.env?.DATABASE_URL ?? (await testDatabaseUrl(dataDir)) };
  const child: ChildProcess = spawn(tsx, ['server/index.ts'], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      ...database,
      // SQLite's default; required with PostgreSQL.
      DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      SKIP_BUILD_CHECK: '1',
      // As behind nginx: each test client says who it is in X-Forwarded-For (see HttpClient), so
      // per-IP rate limits apply per client as they would per visitor.
      TRUST_PROXY: 'loopback',
      // Tests change the database behind the server's back (moving timelines, say) and read the
      // page at once; the page cache has a test of its own.
      PAGE_CACHE_SECONDS: '0',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: options.ownProcessGroup ?? false,
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += String(chunk)));
  child.stderr?.on('data', (chunk) => (output += String(chunk)));

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in time:\n${output}`)), 45_000);
    const onData = () => {
      const match = /listening on (http:\/\/localhost:\d+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1].replace('localhost', '127.0.0.1'));
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening:\n${output}`));
    });
  });

  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    url,
    dataDir,
    databaseFile,
    databaseUrl: database.DATABASE_URL,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      const code = await exited;
      if (!options.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
      return code;
    },
    kill: async () => {
      if (!options.ownProcessGroup || child.pid === undefined) throw new Error('kill() needs ownProcessGroup');
      if (child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
      await exited;
    },
  };
}
