/**
 * Single-use tokens sent by e-mail. The link carries 256 random bits; the table keeps only the
 * SHA-256, so a copy of the database cannot be used to verify addresses or reset passwords.
 */
import crypto from 'node:crypto';
import { and, eq, gt, isNull } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { transaction } from './transaction.server';
import { emailTokens, type EmailTokenPurpose } from '../../db/tables';

export const TOKEN_LIFETIME_MS: Record<EmailTokenPurpose, number> = {
  verify: 3 * 24 * 60 * 60 * 1000,
  reset: 60 * 60 * 1000,
  // Handed over by an admin, perhaps in person days later; single use, and the admin can issue a new one.
  invite: 7 * 24 * 60 * 60 * 1000,
  email_change: 24 * 60 * 60 * 1000,
};

function hash(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

/** A new token; earlier unused ones of the same purpose stop working (only the latest mail counts). */
export async function issueEmailToken(userId: number, purpose: EmailTokenPurpose, now = new Date(), newEmail: string | null = null): Promise<string> {
  const token = crypto.randomBytes(32).toString('base64url');
  await transaction(async (tx) => {
    await tx.update(emailTokens)
      .set({ usedAt: now })
      .where(and(eq(emailTokens.userId, userId), eq(emailTokens.purpose, purpose), isNull(emailTokens.usedAt)));
    await tx.insert(emailTokens)
      .values({ userId, purpose, tokenHash: hash(token), newEmail, expiresAt: new Date(now.getTime() + TOKEN_LIFETIME_MS[purpose]), createdAt: now });
  });
  return token;
}

/** The user a live token belongs to, without using it up (to show the reset form). */
export async function peekEmailToken(token: string, purpose: EmailTokenPurpose, now = new Date()): Promise<number | null> {
  const row = (await getDb()
    .select({ userId: emailTokens.userId })
    .from(emailTokens)
    .where(and(eq(emailTokens.tokenHash, hash(token)), eq(emailTokens.purpose, purpose), isNull(emailTokens.usedAt), gt(emailTokens.expiresAt, now))).limit(1))[0];
  return row?.userId ?? null;
}

/** Uses a token up; returns its user, or null when unknown, used, expired or for another purpose. */
export async function consumeEmailToken(token: string, purpose: EmailTokenPurpose, now = new Date()): Promise<number | null> {
  const row = (await getDb()
    .update(emailTokens)
    .set({ usedAt: now })
    .where(and(eq(emailTokens.tokenHash, hash(token)), eq(emailTokens.purpose, purpose), isNull(emailTokens.usedAt), gt(emailTokens.expiresAt, now)))
    .returning({ userId: emailTokens.userId }))[0];
  return row?.userId ?? null;
}

/** The user of a verification link that was already used (a mail scanner may have opened it first). */
export async function usedTokenOwner(token: string, purpose: EmailTokenPurpose): Promise<number | null> {
  const row = (await getDb()
    .select({ userId: emailTokens.userId, usedAt: emailTokens.usedAt })
    .from(emailTokens)
    .where(and(eq(emailTokens.tokenHash, hash(token)), eq(emailTokens.purpose, purpose))).limit(1))[0];
  return row?.usedAt ? row.userId : null;
}


/** A live address-change link: whose, and the address it changes to (without using it up). */
export async function peekEmailChange(token: string, now = new Date()): Promise<{ userId: number; newEmail: string } | null> {
  const row = (await getDb()
    .select({ userId: emailTokens.userId, newEmail: emailTokens.newEmail })
    .from(emailTokens)
    .where(and(eq(emailTokens.tokenHash, hash(token)), eq(emailTokens.purpose, 'email_change'), isNull(emailTokens.usedAt), gt(emailTokens.expiresAt, now))).limit(1))[0];
  return row?.newEmail ? { userId: row.userId, newEmail: row.newEmail } : null;
}

/** Uses up an address-change link; null when it is unknown, used or expired. */
export async function consumeEmailChange(token: string, now = new Date()): Promise<{ userId: number; newEmail: string } | null> {
  const row = (await getDb()
    .update(emailTokens)
    .set({ usedAt: now })
    .where(and(eq(emailTokens.tokenHash, hash(token)), eq(emailTokens.purpose, 'email_change'), isNull(emailTokens.usedAt), gt(emailTokens.expiresAt, now)))
    .returning({ userId: emailTokens.userId, newEmail: emailTokens.newEmail }))[0];
  return row?.newEmail ? { userId: row.userId, newEmail: row.newEmail } : null;
}
