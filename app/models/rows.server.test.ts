/**
 * The helpers every model reads results through, so that one engine change covers all of them:
 * the row an insert returned, the rows an update changed, and queries written in SQL.
 */
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import { applyMigrations } from '../../db/migrate';
import { siteSettings } from '../../db/tables';
import { affectedRows, inserted, selectRow, selectRows } from './rows.server';

describe('reading results', () => {
  beforeAll(() => applyMigrations(getDb()));

  it('gives the row an INSERT … RETURNING wrote, and refuses to invent one', async () => {
    const row = inserted(await getDb().insert(siteSettings).values({ key: 'rows-a', value: '1' }).returning());
    expect(row).toMatchObject({ key: 'rows-a', value: '1' });
    expect(() => inserted([])).toThrow(/no row/);
  });

  it('counts the rows an UPDATE or DELETE changed, whichever engine reported them', async () => {
    await getDb().insert(siteSettings).values([{ key: 'rows-b', value: '1' }, { key: 'rows-c', value: '1' }]);
    expect(affectedRows(await getDb().update(siteSettings).set({ value: '2' }).where(sql`${siteSettings.key} in ('rows-b', 'rows-c')`))).toBe(2);
    expect(affectedRows(await getDb().delete(siteSettings).where(eq(siteSettings.key, 'nobody')))).toBe(0);
    expect(affectedRows({ rowCount: 3 })).toBe(3);
  });

  it('runs queries written in SQL: all rows, and the first row or none', async () => {
    await getDb().insert(siteSettings).values({ key: 'rows-d', value: 'x' });
    const rows = await selectRows<{ key: string }>(sql`select key from ${siteSettings} where key like 'rows-%' order by key`);
    expect(rows.map((r) => r.key)).toEqual(['rows-a', 'rows-b', 'rows-c', 'rows-d']);
    expect(await selectRow<{ value: string }>(sql`select value from ${siteSettings} where key = 'rows-d'`)).toEqual({ value: 'x' });
    expect(await selectRow(sql`select 1 from ${siteSettings} where key = 'none'`)).toBeUndefined();
  });
});
