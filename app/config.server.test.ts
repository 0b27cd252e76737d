import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSource, sourceFiles } from '../tests/helpers/source-files';
import { ConfigError, ENVIRONMENT_VARIABLES, parseConfig } from './config.server';

const root = path.resolve(import.meta.dirname, '..');

function problemsOf(env: Record<string, string>): string[] {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => `${p.variable}: ${p.expected}`);
    throw error;
  }
  return [];
}

describe('configuration', () => {
  it('needs nothing set: every variable has a working default', () => {
    const config = parseConfig({});
    expect(config.port).toBe(3000);
    expect(config.host).toBe('0.0.0.0');
    expect(config.databaseFile).toBe(path.resolve('data/jindianzi.db'));
    expect(config.timeZone).toBe('Asia/Shanghai');
    expect(config.maxUploadBytes).toBe(200 * 1024 * 1024);
    expect(config.seedDemoData).toBe(true);
    expect(config.pageCacheSeconds).toBe(5);
    expect(config.publicUrl).toBeNull();
    expect(config.backup).toEqual({ dir: null, intervalMs: 24 * 3_600_000, keep: 7 });
  });

  it('reads what is set, blank meaning unset', () => {
    const config = parseConfig({
      PORT: '8080',
      DATABASE_URL: 'file:/srv/jdz/site.db',
      PUBLIC_URL: 'https://data.county.gov.cn',
      TRUST_PROXY: '1',
      SEED_DEMO_DATA: 'false',
      SMTP_PORT: '465',
      LOG_LEVEL: 'debug',
      TIME_ZONE: ' ',
    });
    expect(config.port).toBe(8080);
    expect(config.databaseFile).toBe('/srv/jdz/site.db');
    expect(config.dataDir).toBe('/srv/jdz');
    expect(config.publicUrl?.origin).toBe('https://data.county.gov.cn');
    expect(config.trustProxy).toBe(1);
    expect(config.seedDemoData).toBe(false);
    expect(config.mail.smtpSecure).toBe(true);
    expect(config.logLevel).toBe('debug');
    expect(config.timeZone).toBe('Asia/Shanghai');
  });

  it('names every bad variable and what it expects, instead of quietly using the default', () => {
    expect(
      problemsOf({ PORT: '70000', PUBLIC_URL: 'data.county.gov.cn', TIME_ZONE: 'Mars/Olympus', SEED_DEMO_DATA: 'no', WORKER_THREADS: '1.5', LOG_LEVEL: 'loud', DATABASE_MAX_MB: '0' }),
    ).toEqual([
      'PORT: expected a port number between 0 and 65535, got "70000"',
      'PUBLIC_URL: expected a URL starting with http:// or https://, got "data.county.gov.cn"',
      'TIME_ZONE: expected an IANA time zone such as "Asia/Shanghai", got "Mars/Olympus"',
      'SEED_DEMO_DATA: expected "true" or "false" or "1" or "0", got "no"',
      'WORKER_THREADS: expected a whole number from 1 to 16, got "1.5"',
      'LOG_LEVEL: expected one of fatal, error, warn, info, debug, trace, silent',
      'DATABASE_MAX_MB: expected a positive number of megabytes, got "0"',
    ]);
  });

  it('keeps uploads and secrets in DATA_DIR when it is set', () => {
    const config = parseConfig({ DATABASE_URL: '/srv/db/site.db', DATA_DIR: '/srv/files' });
    expect(config.databaseFile).toBe('/srv/db/site.db');
    expect(config.postgres).toBeNull();
    expect(config.dataDir).toBe('/srv/files');
    expect(parseConfig({ DATABASE_URL: 'file:/srv/db/site.db' }).dataDir).toBe('/srv/db');
  });

  it('takes a postgres:// URL for PostgreSQL, with its pool settings, and requires DATA_DIR with it without repeating the URL', () => {
    const url = 'postgres://jdz:s3cret@db.internal:5432/jindianzi?sslmode=require';
    const config = parseConfig({ DATABASE_URL: url, DATA_DIR: '/srv/files', DATABASE_POOL_MAX: '20' });
    expect(config.databaseFile).toBeNull();
    expect(config.postgres).toEqual({ url, poolMax: 20, poolWaitMs: 5000 });
    expect(parseConfig({ DATABASE_URL: 'postgresql://db.internal/jdz', DATA_DIR: '/srv/files' }).postgres?.poolMax).toBe(10);
    const problems = problemsOf({ DATABASE_URL: url });
    expect(problems).toEqual(['DATA_DIR: a directory for uploads and generated secrets, required with a PostgreSQL DATABASE_URL']);
    expect(problemsOf({ DATABASE_URL: 'postgres://jdz:s3cret@', DATA_DIR: '/srv' })[0]).toMatch(/^DATABASE_URL: expected a PostgreSQL URL/);
    expect(problemsOf({ DATABASE_URL: 'postgres://jdz:s3cret@', DATA_DIR: '/srv' }).join()).not.toContain('s3cret');
    expect(problemsOf({ DATABASE_URL: url, DATA_DIR: '/srv', DATABASE_POOL_MAX: '0', DATABASE_POOL_WAIT_MS: 'soon' })).toEqual([
      'DATABASE_POOL_MAX: expected a whole number of connections from 1 to 1000, got "0"',
      'DATABASE_POOL_WAIT_MS: expected a number of milliseconds, 1 or more, got "soon"',
    ]);
    expect(problemsOf({ DATABASE_URL: 'mysql://root@localhost/jdz' })[0]).toMatch(/^DATABASE_URL: expected a file path/);
  });

  it("is the README's table: every variable read is documented, and nothing documented is unread", () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('\n## ', readme.indexOf('## Configuration') + 5));
    const documented = new Set<string>();
    for (const line of section.split('\n').filter((l) => l.startsWith('| `'))) {
      const firstCell = line.split('|')[1] ?? '';
      for (const match of firstCell.matchAll(/`([A-Z][A-Z0-9_]+)`/g)) documented.add(match[1]!);
    }
    expect([...documented].sort()).toEqual([...ENVIRONMENT_VARIABLES].sort());
  });

  it('is the only reader of process.env in the app, the server, the scripts and the database layer', () => {
    const readers = sourceFiles('app', 'server', 'scripts', 'db').filter((file) => /process\.env\b(?!\.NODE_ENV \?\?=)/.test(readSource(file)));
    // Child processes get theirs through childEnvironment().
    expect(readers.sort()).toEqual(['app/config.server.ts']);
  });
});
