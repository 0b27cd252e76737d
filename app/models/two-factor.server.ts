/** Stored second factors: the (encrypted) TOTP secret on the user, and hashed recovery codes. */
import { and, eq, isNull, sql } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { transaction } from './transaction.server';
import { recoveryCodes, users } from '../../db/schema';

export async function getSealedTotpSecret(userId: number): Promise<string | null> {
  return getDb().select({ secret: users.totpSecret }).from(users).where(and(eq(users.id, userId), sql`${users.totpEnabledAt} is not null`)).get()?.secret ?? null;
}

/** Turns the second factor on (or replaces it) with new recovery codes, in one transaction. */
export async function enableTotp(userId: number, sealedSecret: string, recoveryHashes: readonly string[], now = new Date()): Promise<void> {
  await transaction((tx) => {
    tx.update(users).set({ totpSecret: sealedSecret, totpEnabledAt: now, updatedAt: now }).where(eq(users.id, userId)).run();
    tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId)).run();
    for (const codeHash of recoveryHashes) tx.insert(recoveryCodes).values({ userId, codeHash, createdAt: now }).run();
  });
}

export async function disableTotp(userId: number): Promise<void> {
  await transaction((tx) => {
    tx.update(users).set({ totpSecret: null, totpEnabledAt: null, updatedAt: new Date() }).where(eq(users.id, userId)).run();
    tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId)).run();
  });
}

export async function replaceRecoveryCodes(userId: number, hashes: readonly string[], now = new Date()): Promise<void> {
  await transaction((tx) => {
    tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId)).run();
    for (const codeHash of hashes) tx.insert(recoveryCodes).values({ userId, codeHash, createdAt: now }).run();
  });
}

/** Uses up a recovery code; true when it was valid and unused. */
export async function consumeRecoveryCode(userId: number, codeHash: string, now = new Date()): Promise<boolean> {
  const row = getDb()
    .update(recoveryCodes)
    .set({ usedAt: now })
    .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, codeHash), isNull(recoveryCodes.usedAt)))
    .returning({ id: recoveryCodes.id })
    .get();
  return row !== undefined;
}

export async function countUnusedRecoveryCodes(userId: number): Promise<number> {
  return getDb().select({ n: sql<number>`count(*)` }).from(recoveryCodes).where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt))).get()?.n ?? 0;
}
