import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import { applyMigrations } from '../../db/migrate';
import { consumeEmailToken, issueEmailToken, peekEmailToken, TOKEN_LIFETIME_MS } from './email-tokens.server';
import { insertUserWithHash } from './users.server';

let userId: number;

beforeAll(() => {
  applyMigrations(getDb());
  userId = insertUserWithHash({ email: 'a@example.cn', name: '甲', passwordHash: 'x' }).id;
});

describe('email tokens', () => {
  it('are single use and bound to their purpose', () => {
    const token = issueEmailToken(userId, 'reset');
    expect(consumeEmailToken(token, 'verify')).toBeNull();
    expect(peekEmailToken(token, 'reset')).toBe(userId);
    expect(consumeEmailToken(token, 'reset')).toBe(userId);
    expect(consumeEmailToken(token, 'reset')).toBeNull();
  });

  it('expire', () => {
    const now = new Date('2026-11-28T00:00:00Z');
    const token = issueEmailToken(userId, 'reset', now);
    expect(consumeEmailToken(token, 'reset', new Date(now.getTime() + TOKEN_LIFETIME_MS.reset + 1))).toBeNull();
  });

  it('stop working when a newer one is sent', () => {
    const first = issueEmailToken(userId, 'verify');
    const second = issueEmailToken(userId, 'verify');
    expect(consumeEmailToken(first, 'verify')).toBeNull();
    expect(consumeEmailToken(second, 'verify')).toBe(userId);
  });

  it('reject garbage', () => {
    expect(consumeEmailToken('not-a-token', 'verify')).toBeNull();
  });
});
