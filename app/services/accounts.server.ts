/**
 * Accounts where a password is involved: hashing (scrypt, in services/password.server.ts) happens
 * here and in the account actions, so the users model stores and reads hashes and never computes one.
 * Registering, resetting a password and the operator's accounts go through app/actions/accounts.server.ts,
 * which writes their audit entries.
 */
import { getLoginCredentials, getSessionUserById, insertUserWithHash, setPasswordHash, type NewUser, type SessionUser } from '~/models/users.server';
import { hashPassword, needsRehash, verifyAgainstDummy, verifyPassword } from './password.server';

/** An account without an audit entry, for tests and fixtures; people and operators get theirs through the actions. */
export async function createUser(input: NewUser & { password: string }): Promise<SessionUser> {
  const { password, ...rest } = input;
  return await insertUserWithHash({ ...rest, passwordHash: await hashPassword(password) });
}

/**
 * Checks credentials. Unknown e-mail and wrong password take the same time and give the same
 * answer (null), so sign-in cannot be used to find out who has an account.
 */
export async function verifyLogin(email: string, password: string): Promise<SessionUser | null> {
  const credentials = await getLoginCredentials(email);
  if (!credentials) return verifyAgainstDummy(password).then(() => null);
  if (!(await verifyPassword(password, credentials.passwordHash))) return null;
  if (credentials.disabled) return null;
  // Hashes made with older parameters are upgraded while the password is at hand.
  if (needsRehash(credentials.passwordHash)) await setPasswordHash(credentials.id, await hashPassword(password));
  return await getSessionUserById(credentials.id) ?? null;
}
