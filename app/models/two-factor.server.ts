/** Stored second factors: the (encrypted) TOTP secret on the user, and hashed recovery codes. */
import { and, eq, isNull, sql } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { transaction } from './transaction.server';
import { recoveryCodes, users } from '../../db/tables';

export async function getSealedTotpSecret(userId: number): Promise<string | null> {
  return (await getDb().select({ secret: users.totpSecret }).from(users).where(and(eq(users.id, userId), sql`${users.totpEnabledAt} is not null`)).limit(1))[0]?.secret ?? null;
}

/** Turns the second factor on (or replaces it) with new recovery codes, in one transaction. */
export async function enableTotp(userId: number, sealedSecret: string, recoveryHashes: readonly string[], now = new Date()): Promise<void> {
  await transaction(async (tx) => {
    await tx.update(users).set({ totpSecret: sealedSecret, totpEnabledAt: now, updatedAt: now }).where(eq(users.id, userId));
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
    for (const codeHash of recoveryHashes) await tx.insert(recoveryCodes).values({ userId, codeHash, createdAt: now });
  });
}

export async function disableTotp(userId: number): Promise<void> {
  await transaction(async (tx) => {
    await tx.update(users).set({ totpSecret: null, totpEnabledAt: null, updatedAt: new Date() }).where(eq(users.id, userId));
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  });
}

export async function replaceRecoveryCodes(userId: number, hashes: readonly string[], now = new Date()): Promise<void> {
  await transaction(async (tx) => {
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
    for (const codeHash of hashes) await tx.insert(recoveryCodes).values({ userId, codeHash, createdAt: now });
  });
}

/** Uses up a recovery code; true when it was valid and unused. */
export async function consumeRecoveryCode(userId: number, codeHash: string, now = new Date()): Promise<boolean> {
  const row = (await getDb()
    .update(recoveryCodes)
    .set({ usedAt: now })
    .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, codeHash), isNull(recoveryCodes.usedAt)))
    .returning({ id: recoveryCodes.id }))[0];
  return row !== undefined;
}

export async function countUnusedRecoveryCodes(userId: number): Promise<number> {
  return (await getDb().select({ n: sql<number>`count(*)` }).from(recoveryCodes).where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt))).limit(1))[0]?.n ?? 0;
}
