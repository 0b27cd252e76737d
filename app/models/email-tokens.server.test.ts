import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import { applyMigrations } from '../../db/migrate';
import { consumeEmailToken, issueEmailToken, peekEmailToken, TOKEN_LIFETIME_MS } from './email-tokens.server';
import { insertUserWithHash } from './users.server';

let userId: number;

beforeAll(async () => {
  await applyMigrations(getDb());
  userId = (await insertUserWithHash({ email: 'a@example.cn', name: '甲', passwordHash: 'x' })).id;
});

describe('email tokens', () => {
  it('are single use and bound to their purpose', async () => {
    const token = await issueEmailToken(userId, 'reset');
    expect(await consumeEmailToken(token, 'verify')).toBeNull();
    expect(await peekEmailToken(token, 'reset')).toBe(userId);
    expect(await consumeEmailToken(token, 'reset')).toBe(userId);
    expect(await consumeEmailToken(token, 'reset')).toBeNull();
  });

  it('expire', async () => {
    const now = new Date('2026-11-28T00:00:00Z');
    const token = await issueEmailToken(userId, 'reset', now);
    expect(await consumeEmailToken(token, 'reset', new Date(now.getTime() + TOKEN_LIFETIME_MS.reset + 1))).toBeNull();
  });

  it('stop working when a newer one is sent', async () => {
    const first = await issueEmailToken(userId, 'verify');
    const second = await issueEmailToken(userId, 'verify');
    expect(await consumeEmailToken(first, 'verify')).toBeNull();
    expect(await consumeEmailToken(second, 'verify')).toBe(userId);
  });

  it('reject garbage', async () => {
    expect(await consumeEmailToken('not-a-token', 'verify')).toBeNull();
  });
});
