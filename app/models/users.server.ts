/** Accounts: creation, credentials, roles. Password hashes never leave this module. */
import { eq, sql } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { inserted, isUniqueViolation } from './rows.server';
import { transaction } from './transaction.server';
import { departments, emailTokens, users, type Role } from '../../db/tables';

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

export async function getSessionUserById(id: number): Promise<SessionUser | undefined> {
  return (await getDb()
    .select(sessionUserColumns)
    .from(users)
    .leftJoin(departments, eq(users.departmentId, departments.id))
    // Nobody signs in as the official of a deactivated department until an admin reassigns them.
    .where(sql`${users.id} = ${id} and ${users.disabledAt} is null and not (${users.role} = 'official' and ${departments.deactivatedAt} is not null)`).limit(1))[0];
}

export async function getUserByEmail(email: string) {
  return (await getDb()
    .select({ id: users.id, email: users.email, name: users.name, role: users.role, disabledAt: users.disabledAt })
    .from(users)
    .where(eq(users.email, normaliseEmail(email))).limit(1))[0];
}

/** An account by id whether or not it is disabled: who acts through a mailed link, or whose role an operator changes. */
export async function getAccountById(id: number) {
  return (await getDb()
    .select({ id: users.id, email: users.email, name: users.name, role: users.role, departmentId: users.departmentId, disabledAt: users.disabledAt })
    .from(users)
    .where(eq(users.id, id)).limit(1))[0];
}

export async function isEmailVerified(id: number): Promise<boolean> {
  return Boolean((await getDb().select({ at: users.emailVerifiedAt }).from(users).where(eq(users.id, id)).limit(1))[0]?.at);
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
export async function insertUserWithHash(input: NewUser & { passwordHash: string }): Promise<SessionUser> {
  const role = input.role ?? 'participant';
  try {
    // Its own transaction (a savepoint inside the caller's), so a taken address leaves the caller's intact.
    const row = inserted(
      await transaction(() =>
        getDb()
          .insert(users)
          .values({
            email: normaliseEmail(input.email),
            name: input.name.trim(),
            passwordHash: input.passwordHash,
            role,
            departmentId: role === 'official' ? (input.departmentId ?? null) : null,
            emailVerifiedAt: input.emailVerified ? new Date() : null,
          })
          .returning({ id: users.id }),
      ),
    );
    const user = await getSessionUserById(row.id);
    if (!user) throw new Error('user vanished after insert');
    return user;
  } catch (error) {
    if (isUniqueViolation(error)) throw new EmailTakenError();
    throw error;
  }
}

/** What sign-in checks a password against; null for an unknown address. */
export async function getLoginCredentials(email: string): Promise<{ id: number; passwordHash: string; disabled: boolean } | null> {
  const row = (await getDb()
    .select({ id: users.id, passwordHash: users.passwordHash, disabledAt: users.disabledAt })
    .from(users)
    .where(eq(users.email, normaliseEmail(email))).limit(1))[0];
  return row ? { id: row.id, passwordHash: row.passwordHash, disabled: row.disabledAt !== null } : null;
}

export async function setPasswordHash(userId: number, passwordHash: string): Promise<void> {
  await getDb().update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, userId));
}

export async function setUserRole(userId: number, role: Role, departmentId: number | null): Promise<void> {
  await getDb()
    .update(users)
    .set({ role, departmentId: role === 'official' ? departmentId : null, updatedAt: new Date() })
    .where(eq(users.id, userId));
}

/** Deactivated accounts cannot sign in; everything they wrote stays. */
export async function setUserDisabled(userId: number, disabled: boolean, now = new Date()): Promise<void> {
  await getDb().update(users).set({ disabledAt: disabled ? now : null, updatedAt: now }).where(eq(users.id, userId));
}

/** Admins who can still sign in, for the rule that the last one cannot be removed. */
export async function countActiveAdmins(): Promise<number> {
  return (await getDb().select({ n: sql<number>`count(*)` }).from(users).where(sql`${users.role} = 'admin' and ${users.disabledAt} is null`).limit(1))[0]?.n ?? 0;
}

/** An account as the admin sees it: what a session knows of it, and whether it can sign in. */
export interface PersonRow extends Omit<SessionUser, 'sessionId' | 'sessionTwoFactorAt'> {
  disabledAt: Date | null;
  /** Invited by an admin and not yet taken up: the account has no password of its owner's yet. */
  invitationPending: boolean;
}

const personColumns = {
  ...sessionUserColumns,
  disabledAt: users.disabledAt,
  // Taking up an invitation proves the address, so an invited account with an unverified address is still waiting.
  invitationPending: sql<boolean>`(${users.emailVerifiedAt} is null and exists (select 1 from ${emailTokens} where ${emailTokens.userId} = ${users.id} and ${emailTokens.purpose} = 'invite'))`.mapWith(
    (v: unknown) => Boolean(v),
  ),
};

/** Everything that starts with `prefix`, as a range an index can read (no LIKE, no scan). */
function startsWith(column: typeof users.email | typeof users.name, prefix: string) {
  return sql`(${column} >= ${prefix} and ${column} < ${`${prefix}\u{10FFFF}`})`;
}

/**
 * The admin's people list, newest first: by the start of the name or e-mail address, role and
 * department. A search reads the e-mail and name indexes (a contains-search would read all of a
 * national site's accounts); the role and department filters use theirs.
 */
export async function listPeople(args: { q?: string; role?: Role; departmentId?: number; limit: number; offset: number }): Promise<{ rows: PersonRow[]; total: number }> {
  const conditions = [sql`1 = 1`];
  if (args.q) conditions.push(sql`(${startsWith(users.email, args.q.toLowerCase())} or ${startsWith(users.name, args.q)})`);
  if (args.role) conditions.push(sql`${users.role} = ${args.role}`);
  if (args.departmentId) conditions.push(sql`${users.departmentId} = ${args.departmentId}`);
  const where = sql.join(conditions, sql` and `);
  const db = getDb();
  const rows = await db
    .select(personColumns)
    .from(users)
    .leftJoin(departments, eq(users.departmentId, departments.id))
    .where(where)
    .orderBy(sql`${users.id} desc`)
    .limit(args.limit)
    .offset(args.offset);
  const total = (await db.select({ n: sql<number>`count(*)` }).from(users).where(where).limit(1))[0]?.n ?? 0;
  return { rows, total };
}

/** One person as the admin sees them, whether or not they can sign in. */
export async function getPerson(id: number): Promise<PersonRow | undefined> {
  return (await getDb().select(personColumns).from(users).leftJoin(departments, eq(users.departmentId, departments.id)).where(eq(users.id, id)).limit(1))[0];
}

export async function countUsers(): Promise<number> {
  return (await getDb().select({ n: sql<number>`count(*)` }).from(users).limit(1))[0]?.n ?? 0;
}

export async function markEmailVerified(userId: number, now = new Date()): Promise<void> {
  await getDb().update(users).set({ emailVerifiedAt: now, updatedAt: now }).where(sql`${users.id} = ${userId} and ${users.emailVerifiedAt} is null`);
}

/** The language e-mail is written in for this person (their last choice on the site). */
export async function setUserLocale(userId: number, locale: string): Promise<void> {
  await getDb().update(users).set({ locale }).where(eq(users.id, userId));
}

/** A new, proved address (the link sent to it was used). Throws EmailTakenError when someone has it by now. */
export async function setEmail(userId: number, email: string, now = new Date()): Promise<void> {
  try {
    await getDb().update(users).set({ email: normaliseEmail(email), emailVerifiedAt: now, updatedAt: now }).where(eq(users.id, userId));
  } catch (error) {
    if (isUniqueViolation(error)) throw new EmailTakenError();
    throw error;
  }
}
