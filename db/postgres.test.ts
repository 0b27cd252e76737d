/**
 * The PostgreSQL pool's faults (docs/decisions/012-postgresql.md): an exhausted pool or an
 * unreachable server is "unavailable" (answered 503), a wrong database is named in one line.
 * The server-backed cases run under `npm run test:pg`.
 */
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { config } from '../app/config.server';
import { isDatabaseUnavailable } from '../app/request-context.server';
import { engine, getPostgres } from './client';
import { checkPostgres, DatabaseConnectionError, openPostgres } from './postgres';

const onPostgres = engine() === 'postgres';

function urlWith(change: (url: URL) => void): string {
  const url = new URL(config().postgres?.url ?? 'postgres://localhost/x');
  change(url);
  return url.toString();
}

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('database faults', () => {
  it('count connection failures and a full pool as unavailable, and nothing else', () => {
    expect(isDatabaseUnavailable(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Failed query: select 1', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) }))).toBe(true);
    expect(isDatabaseUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('connection failure'), { code: '08006' }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('duplicate key value'), { code: '23505' }))).toBe(false);
    expect(isDatabaseUnavailable(Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });

  it.runIf(onPostgres)('answers "unavailable" within the wait when every connection is taken, and serves again once one is free', async () => {
    const db = openPostgres({ url: config().postgres!.url, poolMax: 1, poolWaitMs: 200 });
    try {
      const held = await db.$client.connect();
      const started = Date.now();
      const error = await db.$client.query('select 1').catch((e: unknown) => e);
      expect(isDatabaseUnavailable(error)).toBe(true);
      expect(Date.now() - started).toBeLessThan(5_000);
      held.release();
      expect((await db.$client.query<{ n: number }>('select 1 as n')).rows[0]?.n).toBe(1);
    } finally {
      await db.$client.end();
    }
  });

  it.runIf(onPostgres)('says in one line which database is missing, without the password', async () => {
    const url = urlWith((u) => {
      u.pathname = '/no_such_database';
      u.password = 's3cret';
    });
    const db = openPostgres({ url, poolMax: 1, poolWaitMs: 2_000 });
    try {
      const error = await checkPostgres(db, url).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DatabaseConnectionError);
      expect((error as Error).message).toMatch(/^The database "no_such_database" does not exist on PostgreSQL at 127\.0\.0\.1:\d+; create it first/);
      expect((error as Error).message).not.toContain('s3cret');
    } finally {
      await db.$client.end();
    }
  });

  it.runIf(onPostgres)('says in one line that the server cannot be reached, naming host and port', async () => {
    const port = await closedPort();
    const url = urlWith((u) => (u.port = String(port)));
    const db = openPostgres({ url, poolMax: 1, poolWaitMs: 2_000 });
    try {
      const error = await checkPostgres(db, url).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DatabaseConnectionError);
      expect((error as Error).message).toBe(`Cannot reach PostgreSQL at 127.0.0.1:${port} (ECONNREFUSED).`);
      expect(isDatabaseUnavailable(error)).toBe(true);
    } finally {
      await db.$client.end();
    }
  });

  it.runIf(onPostgres)('accepts the server the tests run (15 or later)', async () => {
    const url = config().postgres!.url;
    const db = openPostgres({ url, poolMax: 1, poolWaitMs: 2_000 });
    try {
      await expect(checkPostgres(db, url)).resolves.toBeUndefined();
    } finally {
      await db.$client.end();
    }
  });
});

describe('a server that asks for a password', () => {
  it.runIf(onPostgres)('says in one line that the password was refused, without repeating it', async () => {
    const { startPostgres } = await import('../tests/helpers/postgres');
    const server = await startPostgres({ database: 'guarded', password: 'right-password' });
    const wrong = new URL(server.url);
    wrong.password = 'wrong-s3cret';
    const db = openPostgres({ url: wrong.toString(), poolMax: 1, poolWaitMs: 5_000 });
    const good = openPostgres({ url: server.url, poolMax: 1, poolWaitMs: 5_000 });
    try {
      const error = await checkPostgres(db, wrong.toString()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DatabaseConnectionError);
      expect((error as Error).message).toMatch(/^PostgreSQL at 127\.0\.0\.1:\d+ refused the user name or password in DATABASE_URL\.$/);
      await expect(checkPostgres(good, server.url)).resolves.toBeUndefined();
    } finally {
      await db.$client.end();
      await good.$client.end();
      await server.stop();
    }
  });
});

describe('a PostgreSQL restart', () => {
  it.runIf(onPostgres)('fails the requests caught in it as "unavailable", and the pool serves again by itself', async () => {
    const { startPostgres } = await import('../tests/helpers/postgres');
    const server = await startPostgres({ database: 'restarting' });
    const db = openPostgres({ url: server.url, poolMax: 2, poolWaitMs: 2_000 });
    try {
      await db.$client.query('create table kept (n integer)');
      await db.$client.query('insert into kept values (1)');
      const held = await db.$client.connect();
      held.on('error', () => undefined);
      await server.restart();
      // A connection in use when the server went down fails its next statement as "unavailable" (a 503).
      const cut = await held.query('select 1').then(
        () => null,
        (error: unknown) => error,
      );
      held.release(true);
      expect(isDatabaseUnavailable(cut)).toBe(true);
      // The idle connections were cut by the restart: the first query may meet one of them.
      const during = await db.$client.query('select 1').then(
        () => null,
        (error: unknown) => error,
      );
      if (during !== null) expect(isDatabaseUnavailable(during)).toBe(true);
      // Nothing acknowledged was lost, and the pool opened fresh connections by itself.
      expect((await db.$client.query<{ n: number }>('select n from kept')).rows).toEqual([{ n: 1 }]);
    } finally {
      await db.$client.end();
      await server.stop();
    }
  });
});

describe('a server that turns read-only (a failover)', () => {
  it.runIf(onPostgres)('answers the write "unavailable" and connects afresh for the next request', async () => {
    const before = getPostgres();
    const client = await before.$client.connect();
    // As a demoted primary answers every connection still open to it.
    await client.query('SET SESSION default_transaction_read_only = on');
    const refused = await client.query('CREATE TABLE failover_probe (x integer)').catch((error: unknown) => error);
    client.release();
    expect(isDatabaseUnavailable(refused)).toBe(true);
    await new Promise((resolve) => setImmediate(resolve));
    const after = getPostgres();
    expect(after).not.toBe(before);
    await after.$client.query('CREATE TABLE failover_probe (x integer)');
    // Nothing changed for a pool that never met a read-only answer.
    expect(getPostgres()).toBe(after);
  });

  it.runIf(onPostgres)('notices it too through pool.query, which drizzle uses outside transactions', async () => {
    const before = getPostgres();
    const client = await before.$client.connect();
    await client.query('SET SESSION default_transaction_read_only = on');
    client.release();
    // The pool hands the idle connection out again (the last one in is the first out).
    const refused = await before.$client.query('CREATE TABLE failover_probe_2 (x integer)').catch((error: unknown) => error);
    expect(isDatabaseUnavailable(refused)).toBe(true);
    const after = getPostgres();
    expect(after).not.toBe(before);
    await after.$client.query('CREATE TABLE failover_probe_2 (x integer)');
  });
});
