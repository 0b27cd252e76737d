/** Accounts: creation, credentials, roles. Password hashes never leave this module. */
import { eq, sql } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { departments, users, type Role } from '../../db/schema';
import { hashPassword, needsRehash, verifyAgainstDummy, verifyPassword } from '~/services/password.server';

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

export class EmailTakenError extends Error {
  constructor() {
    super('email already registered');
  }
}

export interface NewUser {
  email: string;
  name: string;
  password: string;
  role?: Role;
  departmentId?: number | null;
  /** Accounts an operator creates (CLI, seed) count as verified. */
  emailVerified?: boolean;
}

export async function createUser(input: NewUser): Promise<SessionUser> {
  const passwordHash = await hashPassword(input.password);
  return insertUserWithHash({ ...input, passwordHash });
}

/** Inserts with an existing hash; the seed uses it to hash a shared demo password only once. */
export function insertUserWithHash(input: Omit<NewUser, 'password'> & { passwordHash: string }): SessionUser {
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

/**
 * Checks credentials. Unknown e-mail and wrong password take the same time and give the same
 * answer (null), so sign-in cannot be used to find out who has an account.
 */
export async function verifyLogin(email: string, password: string): Promise<SessionUser | null> {
  const row = getDb()
    .select({ id: users.id, passwordHash: users.passwordHash, disabledAt: users.disabledAt })
    .from(users)
    .where(eq(users.email, normaliseEmail(email)))
    .get();
  if (!row) return verifyAgainstDummy(password).then(() => null);
  if (!(await verifyPassword(password, row.passwordHash))) return null;
  if (row.disabledAt) return null;
  if (needsRehash(row.passwordHash)) {
    const passwordHash = await hashPassword(password);
    getDb().update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, row.id)).run();
  }
  return getSessionUserById(row.id) ?? null;
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

export async function setPassword(userId: number, password: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  getDb().update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, userId)).run();
}

/** The language e-mail is written in for this person (their last choice on the site). */
export function setUserLocale(userId: number, locale: string): void {
  getDb().update(users).set({ locale }).where(eq(users.id, userId)).run();
}
