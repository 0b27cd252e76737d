/**
 * A throwaway PostgreSQL server for tests (docs/decisions/012-postgresql.md): Debian's binaries
 * (the newest /usr/lib/postgresql/<version>/bin; `.ci/run` installs the `postgresql` package when
 * they are missing), a new cluster in a temporary directory, listening on a free port of
 * 127.0.0.1 with trust authentication, tuned for speed rather than durability. PostgreSQL refuses
 * to run as root, so under root (as in CI) it runs as the `postgres` system user.
 *
 *   const pg = await startPostgres();
 *   // pg.url: postgres://postgres@127.0.0.1:<port>/jindianzi (a fresh database)
 *   await pg.stop(); // stops the server and removes its directory
 */
import { execFileSync, spawnSync, type SpawnSyncOptions } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export interface TestPostgres {
  /** The fresh database's URL. */
  url: string;
  /** Another empty database on the same server; returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** Stops the server as an operator's restart would (open connections are cut) and starts it again. */
  restart(): Promise<void>;
  /** Stops the server (an outage) without removing anything; `up()` starts it again on the same port. */
  down(): Promise<void>;
  up(): Promise<void>;
  /** Stops the server (fast) and removes its directory. Safe to call twice. */
  stop(): Promise<void>;
}

const ROOT = '/usr/lib/postgresql';

/** The bin directory of the newest installed PostgreSQL version. */
export function postgresBinDir(): string {
  const versions = fs.existsSync(ROOT)
    ? fs
        .readdirSync(ROOT)
        .filter((version) => fs.existsSync(path.join(ROOT, version, 'bin', 'initdb')))
        .sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a))
    : [];
  const [newest] = versions;
  if (!newest) {
    throw new Error(
      `PostgreSQL is not installed: no ${ROOT}/<version>/bin/initdb. The tests use Debian's server binaries, ` +
        "which .ci/run installs (apt-get install --no-install-recommends postgresql).",
    );
  }
  return path.join(ROOT, newest, 'bin');
}

/** uid and gid of the `postgres` system user, when this process must not run the server itself. */
function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  let entry: string;
  try {
    entry = execFileSync('getent', ['passwd', 'postgres'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error(
      "Running as root, PostgreSQL needs the 'postgres' system user, which does not exist. Debian's postgresql package creates it (.ci/run installs it).",
    );
  }
  const [, , uid, gid] = entry.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function run(bin: string, args: string[], options: SpawnSyncOptions, logFile?: string): void {
  const result = spawnSync(bin, args, { encoding: 'utf8', timeout: 120_000, ...options });
  if (result.status === 0) return;
  const log = logFile && fs.existsSync(logFile) ? `\n--- server log ---\n${fs.readFileSync(logFile, 'utf8').slice(-4000)}` : '';
  throw new Error(
    `${path.basename(bin)} ${args.join(' ')} failed (${result.error?.message ?? `exit ${result.status}`}):\n${String(result.stdout ?? '')}${String(result.stderr ?? '')}${log}`,
  );
}

const SETTINGS = [
  'listen_addresses=127.0.0.1',
  'fsync=off',
  'synchronous_commit=off',
  'full_page_writes=off',
  'max_connections=40',
  'shared_buffers=32MB',
  'max_wal_size=1GB',
  'checkpoint_timeout=30min',
  'log_min_messages=warning',
];

export async function startPostgres(options: { database?: string; password?: string } = {}): Promise<TestPostgres> {
  const bin = postgresBinDir();
  const user = serverUser();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jdz-pg-'));
  const dataDir = path.join(dir, 'data');
  const logFile = path.join(dir, 'server.log');
  if (user) fs.chownSync(dir, user.uid, user.gid);
  // No HOME or PG* settings of the caller's leak into the server (PGDATA, PGPORT…).
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: dir, LC_ALL: 'C' };
  for (const name of Object.keys(env)) if (name.startsWith('PG')) delete env[name];
  const spawnOptions: SpawnSyncOptions = { env, cwd: dir, ...(user ?? {}) };

  let stopped = false;
  let started = false;
  const stopNow = () => {
    if (stopped) return;
    stopped = true;
    if (started) {
      spawnSync(path.join(bin, 'pg_ctl'), ['stop', '-D', dataDir, '-m', 'immediate', '-w', '-t', '30'], { ...spawnOptions, stdio: 'ignore' });
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  // If the test process ends without calling stop(), the server must not outlive it.
  process.once('exit', stopNow);

  try {
    // C collation sorts text bytewise, as SQLite's BINARY collation does. With a password, every
    // login must give it (as on a real server); without, the cluster trusts local logins.
    const auth = ['--auth=trust'];
    if (options.password !== undefined) {
      const pwfile = path.join(dir, 'pwfile');
      fs.writeFileSync(pwfile, `${options.password}\n`, { mode: 0o600 });
      if (user) fs.chownSync(pwfile, user.uid, user.gid);
      auth.splice(0, 1, '--auth=scram-sha-256', `--pwfile=${pwfile}`);
    }
    run(path.join(bin, 'initdb'), ['-D', dataDir, '-U', 'postgres', ...auth, '--encoding=UTF8', '--locale=C', '--no-sync', '--no-instructions'], spawnOptions);
    let port = 0;
    let settings = '';
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      settings = [...SETTINGS, `port=${port}`, `unix_socket_directories=${dir}`].map((s) => `-c ${s}`).join(' ');
      try {
        started = true;
        run(path.join(bin, 'pg_ctl'), ['start', '-D', dataDir, '-l', logFile, '-w', '-t', '60', '-o', settings], spawnOptions, logFile);
        break;
      } catch (error) {
        started = false;
        // Another process may have taken the port between the probe and the start.
        if (attempt >= 3) throw error;
      }
    }
    const database = options.database ?? 'jindianzi';
    const login = options.password === undefined ? 'postgres' : `postgres:${encodeURIComponent(options.password)}`;
    const base = `postgres://${login}@127.0.0.1:${port}`;
    const createDatabase = async (name: string) => {
      const admin = new pg.Client({ connectionString: `${base}/postgres` });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
      } finally {
        await admin.end();
      }
      return `${base}/${encodeURIComponent(name)}`;
    };
    const url = await createDatabase(database);
    return {
      url,
      createDatabase,
      restart: async () => {
        run(path.join(bin, 'pg_ctl'), ['restart', '-D', dataDir, '-l', logFile, '-m', 'fast', '-w', '-t', '60', '-o', settings], spawnOptions, logFile);
      },
      down: async () => {
        run(path.join(bin, 'pg_ctl'), ['stop', '-D', dataDir, '-m', 'fast', '-w', '-t', '60'], spawnOptions, logFile);
      },
      up: async () => {
        run(path.join(bin, 'pg_ctl'), ['start', '-D', dataDir, '-l', logFile, '-w', '-t', '60', '-o', settings], spawnOptions, logFile);
      },
      stop: async () => {
        process.removeListener('exit', stopNow);
        stopNow();
      },
    };
  } catch (error) {
    process.removeListener('exit', stopNow);
    stopNow();
    throw error;
  }
}
