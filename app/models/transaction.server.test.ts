/**
 * The transaction helper once work may await: nested transactions are savepoints, concurrent ones
 * take turns instead of writing into each other, and work that waits on real I/O inside a
 * transaction is refused (on SQLite another request could have written into it meanwhile).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { applyMigrations } from '../../db/migrate';
import { siteSettings } from '../../db/schema';
import { inTransaction, transaction } from './transaction.server';

const KEY = 'transaction-test';

async function setValue(value: string): Promise<void> {
  getDb().insert(siteSettings).values({ key: KEY, value }).onConflictDoUpdate({ target: siteSettings.key, set: { value } }).run();
}

function readValue(): string | undefined {
  return getDb().select({ value: siteSettings.value }).from(siteSettings).where(eq(siteSettings.key, KEY)).get()?.value;
}

describe('transaction()', () => {
  beforeAll(() => applyMigrations(getDb()));

  it('commits awaited work together and rolls all of it back on an error', async () => {
    await transaction(async () => {
      await setValue('one');
      expect(inTransaction()).toBe(true);
    });
    expect(readValue()).toBe('one');
    expect(inTransaction()).toBe(false);

    await expect(
      transaction(async () => {
        await setValue('two');
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(readValue()).toBe('one');
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
      expect(readValue()).toBe('outer');
      await transaction(async () => setValue('inner kept'));
    });
    expect(readValue()).toBe('inner kept');
  });

  it('runs nested transactions opened side by side one after another, each kept or undone on its own', async () => {
    const put = (key: string, value: string) => getDb().insert(siteSettings).values({ key, value }).onConflictDoUpdate({ target: siteSettings.key, set: { value } }).run();
    const read = (key: string) => getDb().select({ value: siteSettings.value }).from(siteSettings).where(eq(siteSettings.key, key)).get()?.value;
    await transaction(async () => {
      const outcomes = await Promise.allSettled([
        transaction(async () => {
          put(`${KEY}-first`, 'kept');
          await Promise.resolve();
        }),
        transaction(async () => {
          put(`${KEY}-second`, 'undone');
          await Promise.resolve();
          throw new Error('sibling failed');
        }),
        transaction(async () => {
          put(`${KEY}-third`, 'kept');
          await Promise.resolve();
        }),
      ]);
      expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    });
    expect([read(`${KEY}-first`), read(`${KEY}-second`), read(`${KEY}-third`)]).toEqual(['kept', undefined, 'kept']);
  });

  it('does not count work left running after its transaction ended as inside it', async () => {
    let leftOver: Promise<boolean> | undefined;
    await transaction(async () => {
      leftOver = new Promise((resolve) => setImmediate(() => resolve(inTransaction())));
    }).catch(() => undefined);
    expect(await leftOver).toBe(false);
  });

  it('lets concurrent transactions take turns, each seeing the others committed', async () => {
    await setValue('0');
    const increment = () =>
      transaction(async () => {
        const current = Number(readValue());
        await Promise.resolve(); // a model call's await: another transaction may be waiting now
        await setValue(String(current + 1));
      });
    await Promise.all(Array.from({ length: 20 }, increment));
    expect(readValue()).toBe('20');
  });

  it('is closed after a write fails on a full database, so the next transaction can begin', async () => {
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
    expect(readValue()).toBe('room again');
  });

  it('refuses work that waits on I/O while the transaction is open, and writes nothing', async () => {

    await setValue('before');
    await expect(
      transaction(async () => {
        await setValue('during');
        await sleep(5);
      }),
    ).rejects.toThrow(/open across I\/O/);
    expect(readValue()).toBe('before');
    // The lock was released: the next transaction runs.
    await transaction(async () => setValue('after'));
    expect(readValue()).toBe('after');
  });
});
