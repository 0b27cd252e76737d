/**
 * What reaches the log of a failed statement: the statement and the database's own error, never
 * the values bound to it (password hashes, tokens, addresses).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../db/client';
import { applyMigrations } from '../db/migrate';
import { users } from '../db/tables';
import { errorFields } from './log.server';
import { isStorageFull } from './request-context.server';

beforeAll(async () => {
  await applyMigrations(getDb());
});

describe('errorFields', () => {
  it('logs a failed statement without the values bound to it', async () => {
    await getDb().insert(users).values({ email: 'taken@example.cn', name: '甲', passwordHash: 'hash-one' });
    const error = await Promise.resolve(getDb().insert(users).values({ email: 'taken@example.cn', name: '乙', passwordHash: 'secret-hash-value' })).catch((e: unknown) => e);
    const { err } = errorFields(error);
    expect(JSON.stringify(err)).not.toContain('secret-hash-value');
    expect(JSON.stringify(err)).not.toContain('taken@example.cn');
    // PostgreSQL's driver errors come wrapped with the statement; SQLite's arrive as they are.
    if (err.query !== undefined) expect(err.query).toMatch(/^insert into "users"/);
    expect(err.message).toMatch(/unique|UNIQUE|duplicate/);
    expect(err.code).toMatch(/^(SQLITE_CONSTRAINT_UNIQUE|23505)$/);
  });

  it('keeps other errors as they are', () => {
    const plain = Object.assign(new Error('disk gone'), { code: 'EIO' });
    expect(errorFields(plain).err).toMatchObject({ message: 'disk gone', code: 'EIO' });
    expect(errorFields('text').err).toEqual({ message: 'text' });
  });

  it('sees a full disk behind drizzle’s wrapper', () => {
    expect(isStorageFull(new Error('Failed query', { cause: Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }) }))).toBe(true);
    expect(isStorageFull(Object.assign(new Error('could not extend file'), { code: '53100' }))).toBe(true);
    expect(isStorageFull(new Error('other'))).toBe(false);
  });
});
