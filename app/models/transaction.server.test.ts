/**
 * The transaction helper once work may await: nested transactions are savepoints, concurrent ones
 * take turns instead of writing into each other, and work that waits on real I/O inside a
 * transaction is refused (on SQLite another request could have written into it meanwhile).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { engine, getDb } from '../../db/client';
import { applyMigrations } from '../../db/migrate';
import { siteSettings } from '../../db/tables';
import { afterCommit, inTransaction, transaction } from './transaction.server';

const KEY = 'transaction-test';

async function put(key: string, value: string): Promise<void> {
  await getDb().insert(siteSettings).values({ key, value }).onConflictDoUpdate({ target: siteSettings.key, set: { value } });
}

async function read(key: string): Promise<string | undefined> {
  return (await getDb().select({ value: siteSettings.value }).from(siteSettings).where(eq(siteSettings.key, key)))[0]?.value;
}

const setValue = (value: string) => put(KEY, value);
const readValue = () => read(KEY);
const onSqlite = engine() === 'sqlite';

describe('transaction()', () => {
  it('runs work queued with afterCommit only once its transaction committed, and never for one undone', async () => {
    const ran: string[] = [];
    await transaction(async () => {
      await afterCommit(async () => void ran.push('committed'));
      expect(ran).toEqual([]);
      await transaction(async () => {
        await afterCommit(async () => void ran.push('savepoint kept'));
      });
      await transaction(async () => {
        await afterCommit(async () => void ran.push('savepoint undone'));
        throw new Error('undo the savepoint');
      }).catch(() => undefined);
    });
    expect(ran).toEqual(['committed', 'savepoint kept']);
    await expect(
      transaction(async () => {
        await afterCommit(async () => void ran.push('rolled back'));
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    await afterCommit(async () => void ran.push('outside'));
    expect(ran).toEqual(['committed', 'savepoint kept', 'outside']);
  });

  beforeAll(() => applyMigrations(getDb()));

  it('commits awaited work together and rolls all of it back on an error', async () => {
    await transaction(async () => {
      await setValue('one');
      expect(inTransaction()).toBe(true);
    });
    expect(await readValue()).toBe('one');
    expect(inTransaction()).toBe(false);

    await expect(
      transaction(async () => {
        await setValue('two');
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(await readValue()).toBe('one');
  });

  it('makes a nested transaction a savepoint: its failure undoes only its own writes', async () => {
    await transaction(async () => {
      await setValue('outer');
      await expect(
        transaction(async () => {
          await setValue('inner');
          throw new Error('inner failed');
        }),
      ).rejects.toThrow('inner failed');
      expect(await readValue()).toBe('outer');
      await transaction(async () => setValue('inner kept'));
    });
    expect(await readValue()).toBe('inner kept');
  });

  it('runs nested transactions opened side by side one after another, each kept or undone on its own', async () => {
    await transaction(async () => {
      const outcomes = await Promise.allSettled([
        transaction(async () => {
          await put(`${KEY}-first`, 'kept');
          await Promise.resolve();
        }),
        transaction(async () => {
          await put(`${KEY}-second`, 'undone');
          await Promise.resolve();
          throw new Error('sibling failed');
        }),
        transaction(async () => {
          await put(`${KEY}-third`, 'kept');
          await Promise.resolve();
        }),
      ]);
      expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    });
    expect([await read(`${KEY}-first`), await read(`${KEY}-second`), await read(`${KEY}-third`)]).toEqual(['kept', undefined, 'kept']);
  });

  it('does not count work left running after its transaction ended as inside it', async () => {
    let leftOver: Promise<boolean> | undefined;
    await transaction(async () => {
      leftOver = new Promise((resolve) => setImmediate(() => resolve(inTransaction())));
    }).catch(() => undefined);
    expect(await leftOver).toBe(false);
  });

  it('lets concurrent transactions read and write without losing an update (SQLite: turns; PostgreSQL: serializable, retried)', async () => {
    await setValue('0');
    const increment = () =>
      transaction(async () => {
        const current = Number(await readValue());
        await Promise.resolve(); // a model call's await: another transaction may be waiting now
        await setValue(String(current + 1));
      });
    await Promise.all(Array.from({ length: 20 }, increment));
    expect(await readValue()).toBe('20');
  });

  // A full disk and I/O inside a transaction are SQLite's concerns: on PostgreSQL each transaction has a connection of its own.
  it.runIf(onSqlite)('is closed after a write fails on a full database, so the next transaction can begin', async () => {
    const client = getDb().$client;
    const pages = client.pragma('page_count', { simple: true }) as number;
    client.pragma(`max_page_count = ${pages}`);
    try {
      await expect(transaction(async () => setValue('x'.repeat(200_000)))).rejects.toThrow(/full/i);
      // Inside a savepoint SQLite rolls back the whole transaction: the caller still sees "full".
      await expect(transaction(async () => await transaction(async () => setValue('y'.repeat(200_000))))).rejects.toThrow(/full/i);

    } finally {
      client.pragma('max_page_count = 1073741823');
    }
    expect(client.inTransaction).toBe(false);
    await transaction(async () => setValue('room again'));
    expect(await readValue()).toBe('room again');
  });

  it.runIf(onSqlite)('refuses work that waits on I/O while the transaction is open, and writes nothing', async () => {

    await setValue('before');
    await expect(
      transaction(async () => {
        await setValue('during');
        await sleep(5);
      }),
    ).rejects.toThrow(/open across I\/O/);
    expect(await readValue()).toBe('before');
    // The lock was released: the next transaction runs.
    await transaction(async () => setValue('after'));
    expect(await readValue()).toBe('after');
  });
});
