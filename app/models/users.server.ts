/** Accounts: creation, credentials, roles. Password hashes never leave this module. */
import { eq, sql } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { departments, users, type Role } from '../../db/schema';

/** What the rest of the app knows about a signed-in user. */
export interface SessionUser {
  id: number;
  email: string;
  name: string;
  role: Role;
  departmentId: number | null;
  departmentName: string | null;
  /** Voting, submitting and asking for data need a verified address. */
  emailVerified: boolean;
  /** Whether a second factor (TOTP) is set up. */
  twoFactorEnabled: boolean;
  /** Account age matters to the spam defences (links from new accounts). */
  createdAt: Date;
  /** Set when read through a session: its stored id, and when it last proved the second factor. */
  sessionId?: string;
  sessionTwoFactorAt?: Date | null;
}

const sessionUserColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  departmentId: users.departmentId,
  departmentName: departments.name,
  emailVerified: sql<boolean>`${users.emailVerifiedAt} is not null`.mapWith((v: unknown) => Boolean(v)),
  twoFactorEnabled: sql<boolean>`${users.totpEnabledAt} is not null`.mapWith((v: unknown) => Boolean(v)),
  createdAt: users.createdAt,
};

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function getSessionUserById(id: number): SessionUser | undefined {
  return getDb()
    .select(sessionUserColumns)
    .from(users)
    .leftJoin(departments, eq(users.departmentId, departments.id))
    .where(sql`${users.id} = ${id} and ${users.disabledAt} is null`)
    .get();
}

export function getUserByEmail(email: string) {
  return getDb()
    .select({ id: users.id, email: users.email, name: users.name, role: users.role, disabledAt: users.disabledAt })
    .from(users)
    .where(eq(users.email, normaliseEmail(email)))
    .get();
}

/** An account by id whether or not it is disabled: who acts through a mailed link, or whose role an operator changes. */
export function getAccountById(id: number) {
  return getDb()
    .select({ id: users.id, email: users.email, name: users.name, role: users.role, departmentId: users.departmentId, disabledAt: users.disabledAt })
    .from(users)
    .where(eq(users.id, id))
    .get();
}

export class EmailTakenError extends Error {
  constructor() {
    super('email already registered');
  }
}

export interface NewUser {
  email: string;
  name: string;
  role?: Role;
  departmentId?: number | null;
  /** Accounts an operator creates (CLI, seed) count as verified. */
  emailVerified?: boolean;
}

/** Inserts with a hash made by the caller (the account actions and services/accounts.server.ts hash; the seed hashes its shared demo password once). */
export function insertUserWithHash(input: NewUser & { passwordHash: string }): SessionUser {
  const role = input.role ?? 'participant';
  try {
    const row = getDb()
      .insert(users)
      .values({
        email: normaliseEmail(input.email),
        name: input.name.trim(),
        passwordHash: input.passwordHash,
        role,
        departmentId: role === 'official' ? (input.departmentId ?? null) : null,
        emailVerifiedAt: input.emailVerified ? new Date() : null,
      })
      .returning({ id: users.id })
      .get();
    const user = getSessionUserById(row.id);
    if (!user) throw new Error('user vanished after insert');
    return user;
  } catch (error) {
    if (isUniqueViolation(error)) throw new EmailTakenError();
    throw error;
  }
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** What sign-in checks a password against; null for an unknown address. */
export function getLoginCredentials(email: string): { id: number; passwordHash: string; disabled: boolean } | null {
  const row = getDb()
    .select({ id: users.id, passwordHash: users.passwordHash, disabledAt: users.disabledAt })
    .from(users)
    .where(eq(users.email, normaliseEmail(email)))
    .get();
  return row ? { id: row.id, passwordHash: row.passwordHash, disabled: row.disabledAt !== null } : null;
}

export function setPasswordHash(userId: number, passwordHash: string): void {
  getDb().update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, userId)).run();
}

export function setUserRole(userId: number, role: Role, departmentId: number | null): SessionUser {
  getDb()
    .update(users)
    .set({ role, departmentId: role === 'official' ? departmentId : null, updatedAt: new Date() })
    .where(eq(users.id, userId))
    .run();
  const user = getSessionUserById(userId);
  if (!user) throw new Error(`user ${userId} not found`);
  return user;
}

export function countUsers(): number {
  return getDb().select({ n: sql<number>`count(*)` }).from(users).get()?.n ?? 0;
}

export function markEmailVerified(userId: number, now = new Date()): void {
  getDb().update(users).set({ emailVerifiedAt: now, updatedAt: now }).where(sql`${users.id} = ${userId} and ${users.emailVerifiedAt} is null`).run();
}

/** The language e-mail is written in for this person (their last choice on the site). */
export function setUserLocale(userId: number, locale: string): void {
  getDb().update(users).set({ locale }).where(eq(users.id, userId)).run();
}
