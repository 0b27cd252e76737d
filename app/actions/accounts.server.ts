/**
 * Accounts and their security: registration, e-mail verification, password reset, the sign-in and
 * sign-out records, sessions ended, the second factor, step-up confirmation, and the operator's
 * account commands. Password hashing is slow, so it runs before the transaction; mail goes out
 * once the change has committed. Account events name the account as their target.
 */
import type { Locale } from '~/lib/i18n';
import { fail, forbidden, notFound, ok, type ActingUser, type Actor, type Result } from '~/lib/result';
import { getDepartmentById } from '~/models/departments.server';
import * as emailTokens from '~/models/email-tokens.server';
import * as legal from '~/models/legal.server';
import { erasePerson } from '~/models/personal-data.server';
import type { LegalDocumentKind } from '~/lib/vocabulary';
import { attachPendingInvitations } from '~/models/invitations.server';
import * as sessions from '~/models/sessions.server';
import { transaction } from '~/models/transaction.server';
import * as twoFactor from '~/models/two-factor.server';
import * as users from '~/models/users.server';
import { sendEmailChangeMail, sendPasswordResetMail, sendVerificationMail } from '~/services/account-mail.server';
import { hashPassword, verifyPassword } from '~/services/password.server';
import { STEP_UP_MS } from '~/services/session.server';
import { encryptTotpSecret, enrolmentSecret, hashRecoveryCode, newRecoveryCodes, verifySecondFactor, verifyTotp } from '~/services/two-factor.server';
import { audit } from './audit.server';
import { isOperator } from './operators.server';

type SessionUser = users.SessionUser;
type Role = ActingUser['role'];

/** A signed-in person acting through a session: the session is theirs, never one passed in. */
type SessionActor = Actor<ActingUser & { sessionId?: string }>;
/** What the second-factor pages need to know about the person: enrolled or not, and proved when. */
type TwoFactorActor = Actor<ActingUser & { twoFactorEnabled: boolean; sessionId?: string; sessionTwoFactorAt?: Date | null }>;

async function auditAccount(actor: Actor, action: string, userId: number, details?: Record<string, unknown>): Promise<void> {
  await audit(actor, { action, targetType: 'user', targetId: userId, details });
}

const emailTaken = () => fail('conflict', 'emailTaken', 'errors.email.taken', { field: 'email' });
const wrongCode = () => fail('invalid', 'wrongCode', 'errors.twoFactor.wrong', { field: 'code' });
/** The account is not in the state the request assumed (a second tab, a stale page): nothing to do. */
const unchanged = (code: string) => fail('conflict', code, 'errors.badRequest.title');

// Sign-in and sign-out --------------------------------------------------------------------------

/** A sign-in refused before the password was checked (too many attempts). Nobody is proved yet, so the actor is anonymous. */
export async function recordSignInThrottled(actor: Actor<null>, email: string): Promise<Result<void>> {
  return await transaction(async () => {
    await audit(actor, { action: 'auth.login_throttled', details: { email } });
    return ok();
  });
}

/** A wrong e-mail or password; anonymous, and the same record for both, as the answer is. */
export async function recordSignInFailure(actor: Actor<null>, email: string): Promise<Result<void>> {
  return await transaction(async () => {
    await audit(actor, { action: 'auth.login_failed', details: { email } });
    return ok();
  });
}

/** The password was right: signed in, or, for an account with a second factor, half-way there. */
export async function recordPasswordSignIn(actor: Actor<ActingUser & { twoFactorEnabled: boolean }>): Promise<Result<void>> {
  return await transaction(async () => {
    await auditAccount(actor, actor.user.twoFactorEnabled ? 'auth.password_ok' : 'auth.login', actor.user.id);
    return ok();
  });
}

/**
 * The second step of signing in: a code from the authenticator app, or a recovery code (used up
 * with its record). A wrong code is refused but recorded all the same, so guessing shows in the log.
 */
export async function completeTwoFactorSignIn(actor: Actor<ActingUser>, code: string): Promise<Result<{ matched: 'totp' | 'recovery' }>> {
  return await transaction(async () => {
    const matched = await verifySecondFactor(actor.user.id, code, true);
    if (!matched) {
      await auditAccount(actor, 'auth.two_factor_failed', actor.user.id);
      return wrongCode();
    }
    await auditAccount(actor, 'auth.login', actor.user.id, { secondFactor: matched });
    return ok({ matched });
  });
}

/** Signing out: the actor's session ends with its record. The door clears the cookie. */
export async function signOutSession(actor: SessionActor): Promise<Result<void>> {
  return await transaction(async () => {
    if (actor.user.sessionId) await sessions.deleteUserSession(actor.user.id, actor.user.sessionId);
    await auditAccount(actor, 'auth.logout', actor.user.id);
    return ok();
  });
}

/** Ends one of the actor's own sessions (by its stored id); any other id is not found. */
export async function endSession(actor: Actor<ActingUser>, sessionId: string): Promise<Result<void>> {
  return await transaction(async () => {
    if (!(await sessions.deleteUserSession(actor.user.id, sessionId))) return notFound();
    await auditAccount(actor, 'auth.session_ended', actor.user.id);
    return ok();
  });
}

/** Ends every signed-in session of the actor but the one they are using. */
export async function endOtherSessions(actor: SessionActor): Promise<Result<void>> {
  return await transaction(async () => {
    for (const session of await sessions.listUserSessions(actor.user.id)) if (session.id !== actor.user.sessionId) await sessions.deleteUserSession(actor.user.id, session.id);
    await auditAccount(actor, 'auth.sessions_ended', actor.user.id);
    return ok();
  });
}

/**
 * Step-up before a sensitive action: a code from the authenticator (recovery codes are for getting
 * back in, not for routine confirmation) marks the actor's session as just proved. A wrong code is
 * refused and recorded.
 */
export async function confirmSecondFactor(actor: SessionActor, code: string): Promise<Result<void>> {
  const { sessionId } = actor.user;
  if (!sessionId) return forbidden();
  return await transaction(async () => {
    if (!(await verifySecondFactor(actor.user.id, code, false))) {
      await auditAccount(actor, 'auth.step_up_failed', actor.user.id);
      return wrongCode();
    }
    await sessions.markSessionTwoFactor(sessionId);
    return ok();
  });
}

// Registration, verification, password reset ----------------------------------------------------

/**
 * A new participant account, with the team and judging invitations waiting for its address, and
 * the verification mail once it exists. The person registering is anonymous until the account is
 * made; its record names the new account as the actor.
 */
export async function register(
  actor: Actor<null>,
  input: { name: string; email: string; password: string; consented: Partial<Record<LegalDocumentKind, number>> },
  locale: Locale,
): Promise<Result<SessionUser>> {
  const passwordHash = await hashPassword(input.password);
  const result = await transaction(async () => {
    // Consent is to the versions in force, as shown on the form: one replaced meanwhile is shown again.
    const versions = await legal.currentVersions();
    const kinds = Object.keys(versions) as LegalDocumentKind[];
    if (kinds.some((kind) => input.consented[kind] !== versions[kind])) return fail('invalid', 'consentRequired', 'consent.required', { field: 'consent' });
    let user: SessionUser;
    try {
      user = await users.insertUserWithHash({ name: input.name, email: input.email, passwordHash });
    } catch (error) {
      if (error instanceof users.EmailTakenError) return emailTaken();
      throw error;
    }
    await auditAccount({ ...actor, user }, 'user.register', user.id, { consented: versions });
    for (const kind of kinds) await legal.recordConsent(user.id, kind, versions[kind] as number);
    await attachPendingInvitations(user.id, user.email);
    await users.setUserLocale(user.id, locale);
    return ok(user);
  });
  if (result.ok) await sendVerificationMail(result.value, locale);
  return result;
}

/**
 * The link in the verification mail: confirms the address (single use). Whoever opens it acts for
 * the account the link was sent to. An unknown, used or expired link changes nothing.
 */
export async function verifyEmail(actor: Actor<null>, token: string): Promise<Result<{ userId: number }>> {
  return await transaction(async () => {
    const userId = await emailTokens.consumeEmailToken(token, 'verify');
    if (userId === null) return fail('invalid', 'invalidToken', 'verify.failed.title');
    const owner = await users.getAccountById(userId);
    // A token belongs to an account that exists (the foreign key): anything else rolls back.
    if (!owner) throw new Error(`verification token of missing user ${userId}`);
    await users.markEmailVerified(userId);
    await auditAccount({ ...actor, user: owner }, 'user.email_verified', userId);
    return ok({ userId });
  });
}

/**
 * Asks for a reset link. The answer is the same whether or not the address has an active account,
 * so nothing here tells who is registered; the mail goes out after the record is committed.
 */
export async function requestPasswordReset(actor: Actor<null>, email: string, locale: Locale): Promise<Result<void>> {
  const user = await users.getUserByEmail(email);
  if (!user || user.disabledAt) return ok();
  await transaction(async () => await audit(actor, { action: 'auth.reset_requested', targetType: 'user', targetId: user.id }));
  await sendPasswordResetMail(user, locale);
  return ok();
}

const invalidResetLink = () => fail('invalid', 'invalidToken', 'reset.invalid');

/**
 * The link in the reset mail: a new password for its (active) account. The link is used up only
 * here, with the change, and atomically: two tabs cannot both reset with one link. Every session of
 * the account ends (perhaps the reason for the reset), and receiving the mail proves the address.
 * The password policy is the door's to check, beside its field; this answers the account as it now is.
 */
export async function resetPassword(actor: Actor<null>, token: string, password: string): Promise<Result<{ user: SessionUser }>> {
  const userId = await emailTokens.peekEmailToken(token, 'reset');
  if (userId === null) return invalidResetLink();
  const passwordHash = await hashPassword(password);
  return await transaction(async () => {
    const user = await users.getSessionUserById(userId);
    if (!user || await emailTokens.consumeEmailToken(token, 'reset') !== user.id) return invalidResetLink();
    await users.setPasswordHash(user.id, passwordHash);
    await sessions.deleteUserSessions(user.id);
    await users.markEmailVerified(user.id);
    await auditAccount({ ...actor, user }, 'auth.password_reset', user.id);
    return ok({ user: await users.getSessionUserById(user.id) ?? user });
  });
}

/**
 * A signed-in person's new password, given the current one. Every other session ends (the reason
 * may be a session they do not recognise); this one stays. The password policy is the door's to check.
 */
export async function changePassword(actor: SessionActor & { user: { email: string } }, current: string, next: string): Promise<Result<void>> {
  const credentials = await users.getLoginCredentials(actor.user.email);
  if (!credentials || credentials.id !== actor.user.id || !(await verifyPassword(current, credentials.passwordHash))) {
    await transaction(async () => await auditAccount(actor, 'auth.password_change_failed', actor.user.id));
    return fail('invalid', 'wrongPassword', 'account.password.wrong', { field: 'current' });
  }
  const passwordHash = await hashPassword(next);
  return await transaction(async () => {
    await users.setPasswordHash(actor.user.id, passwordHash);
    if (actor.user.sessionId) await sessions.deleteOtherSessions(actor.user.id, actor.user.sessionId);
    else await sessions.deleteUserSessions(actor.user.id);
    await auditAccount(actor, 'auth.password_changed', actor.user.id);
    return ok();
  });
}

/**
 * A person deletes their own account, confirming with their password (and, for accounts with a
 * second factor, a recent proof of it, checked by the door). Personal data is erased at once (see
 * erasePerson); what they wrote stays under 已注销用户. The last admin cannot leave this way.
 */
export async function deleteOwnAccount(actor: SessionActor & { user: { email: string } }, password: string): Promise<Result<{ withdrawnEntries: number[]; passedEntries: number[] }>> {
  const credentials = await users.getLoginCredentials(actor.user.email);
  if (!credentials || credentials.id !== actor.user.id || !(await verifyPassword(password, credentials.passwordHash))) {
    return fail('invalid', 'wrongPassword', 'account.password.wrong', { field: 'password' });
  }
  return await transaction(async () => {
    if (actor.user.role === 'admin' && await users.countActiveAdmins() <= 1) return lastAdmin();
    const erased = await erasePerson(actor.user.id);
    await auditAccount(actor, 'user.delete', actor.user.id, { withdrawnEntries: erased.withdrawnEntries, passedEntries: erased.passedEntries });
    return ok(erased);
  });
}

/**
 * Asks to change the address, given the password: nothing changes until the link sent to the new
 * address is used (confirmEmailChange). An address someone already has is refused beside the field.
 */
export async function requestEmailChange(actor: SessionActor & { user: { email: string; name: string } }, newEmail: string, password: string, locale: Locale): Promise<Result<void>> {
  const credentials = await users.getLoginCredentials(actor.user.email);
  if (!credentials || credentials.id !== actor.user.id || !(await verifyPassword(password, credentials.passwordHash))) {
    return fail('invalid', 'wrongPassword', 'account.password.wrong', { field: 'password' });
  }
  if (users.normaliseEmail(newEmail) === actor.user.email) return fail('invalid', 'sameEmail', 'account.email.same', { field: 'email' });
  if (await users.getUserByEmail(newEmail)) return emailTaken();
  await transaction(async () => await auditAccount(actor, 'user.email_change_requested', actor.user.id));
  await sendEmailChangeMail({ id: actor.user.id, email: actor.user.email, name: actor.user.name }, users.normaliseEmail(newEmail), locale);
  return ok();
}

/** The link sent to the new address: the address changes, proved; other sessions end. */
export async function confirmEmailChange(actor: Actor<null>, token: string): Promise<Result<{ userId: number }>> {
  return await transaction(async () => {
    const change = await emailTokens.consumeEmailChange(token);
    if (!change) return fail('invalid', 'invalidToken', 'account.email.invalidLink');
    const owner = await users.getAccountById(change.userId);
    if (!owner || owner.disabledAt) return fail('invalid', 'invalidToken', 'account.email.invalidLink');
    try {
      await users.setEmail(change.userId, change.newEmail);
    } catch (error) {
      if (error instanceof users.EmailTakenError) return fail('conflict', 'emailTaken', 'errors.email.taken');
      throw error;
    }
    await sessions.deleteUserSessions(change.userId);
    await auditAccount({ ...actor, user: { id: owner.id, role: owner.role, departmentId: owner.departmentId } }, 'user.email_changed', change.userId);
    return ok({ userId: change.userId });
  });
}

/** A person downloaded everything held about them: recorded, like every copy of personal data. */
export async function recordDataExport(actor: Actor<ActingUser>): Promise<Result<void>> {
  return await transaction(async () => {
    await auditAccount(actor, 'user.data_export', actor.user.id);
    return ok();
  });
}

// The second factor ----------------------------------------------------------------------------

/**
 * Enrols the authenticator offered in this session (its secret is derived from the session, so
 * nothing was stored until now), once a code proves the app has it. Other sessions end: one
 * opened before, perhaps with a stolen password, must not survive. Answers the recovery codes, to
 * be shown once.
 */
export async function enableTwoFactor(actor: TwoFactorActor, code: string): Promise<Result<{ codes: string[] }>> {
  const { sessionId } = actor.user;
  if (actor.user.twoFactorEnabled || !sessionId) return unchanged('alreadyEnabled');
  const secret = enrolmentSecret(sessionId);
  if (!verifyTotp(secret, code)) return wrongCode();
  const codes = newRecoveryCodes();
  const sealed = encryptTotpSecret(secret);
  return await transaction(async () => {
    await twoFactor.enableTotp(actor.user.id, sealed, codes.map(hashRecoveryCode));
    await sessions.markSessionTwoFactor(sessionId);
    await sessions.deleteOtherSessions(actor.user.id, sessionId);
    await auditAccount(actor, 'auth.two_factor_enabled', actor.user.id);
    return ok({ codes });
  });
}

/** New recovery codes for old ones (used up or lost), given a code from the authenticator. */
export async function regenerateRecoveryCodes(actor: TwoFactorActor, code: string): Promise<Result<{ codes: string[] }>> {
  if (!actor.user.twoFactorEnabled) return unchanged('notEnabled');
  const codes = newRecoveryCodes();
  return await transaction(async () => {
    if (await verifySecondFactor(actor.user.id, code, false) !== 'totp') return wrongCode();
    await twoFactor.replaceRecoveryCodes(actor.user.id, codes.map(hashRecoveryCode));
    await auditAccount(actor, 'auth.recovery_codes_replaced', actor.user.id);
    return ok({ codes });
  });
}

/**
 * A lost phone: removes the authenticator so a new one can be enrolled, but only right after the
 * session proved a factor (a recovery code at sign-in, or a code), since there is no code to ask for.
 */
export async function resetTwoFactor(actor: TwoFactorActor, now = new Date()): Promise<Result<void>> {
  if (!actor.user.twoFactorEnabled) return unchanged('notEnabled');
  if (now.getTime() - (actor.user.sessionTwoFactorAt?.getTime() ?? 0) > STEP_UP_MS) return fail('forbidden', 'stale', 'errors.twoFactor.stale');
  return await transaction(async () => {
    await twoFactor.disableTotp(actor.user.id);
    await auditAccount(actor, 'auth.two_factor_replaced', actor.user.id);
    return ok();
  });
}

/** Turns the second factor off, given a code. Participants only: staff cannot work without it, and can only replace the device. */
export async function disableTwoFactor(actor: TwoFactorActor, code: string): Promise<Result<void>> {
  if (!actor.user.twoFactorEnabled) return unchanged('notEnabled');
  if (actor.user.role === 'official' || actor.user.role === 'admin') return unchanged('requiredForStaff');
  return await transaction(async () => {
    if (await verifySecondFactor(actor.user.id, code, false) !== 'totp') return wrongCode();
    await twoFactor.disableTotp(actor.user.id);
    await auditAccount(actor, 'auth.two_factor_disabled', actor.user.id);
    return ok();
  });
}

// The operator's account commands ---------------------------------------------------------------

/**
 * An account made by an operator (the command line, or an admin): its address counts as verified,
 * and invitations waiting for it attach. The password policy is the door's to check.
 */
export async function createAccount(
  actor: Actor,
  input: { email: string; name: string; password: string; role: Role; departmentId: number | null },
): Promise<Result<SessionUser>> {
  if (!isOperator(actor)) return forbidden();
  const { password, ...account } = input;
  const passwordHash = await hashPassword(password);
  return await transaction(async () => {
    let user: SessionUser;
    try {
      user = await users.insertUserWithHash({ ...account, passwordHash, emailVerified: true });
    } catch (error) {
      if (error instanceof users.EmailTakenError) return emailTaken();
      throw error;
    }
    await attachPendingInvitations(user.id, user.email);
    await audit(actor, { action: 'user.create', targetType: 'user', targetId: user.id, details: { email: input.email, role: input.role, departmentId: input.departmentId } });
    return ok(user);
  });
}

/** The last admin who can sign in cannot lose the role or the account: nobody could run the site from the browser. */
export const lastAdmin = () => fail('conflict', 'lastAdmin', 'admin.people.lastAdmin');

/**
 * Changes an account's role; officials need an active department. Its sessions end: none may ride
 * on a role it no longer has.
 */
export async function changeRole(actor: Actor, userId: number, role: Role, departmentId: number | null): Promise<Result<{ user: NonNullable<Awaited<ReturnType<typeof users.getPerson>>>; from: Role }>> {
  if (!isOperator(actor)) return forbidden();
  if (role === 'official' && departmentId === null) return fail('invalid', 'departmentRequired', 'admin.people.departmentRequired', { field: 'departmentId' });
  return await transaction(async () => {
    const existing = await users.getAccountById(userId);
    if (!existing) return notFound();
    if (role === 'official' && departmentId !== null) {
      const department = await getDepartmentById(departmentId);
      if (!department) return fail('invalid', 'departmentUnknown', 'admin.people.departmentRequired', { field: 'departmentId' });
      if (department.deactivatedAt) return fail('invalid', 'departmentInactive', 'admin.people.departmentInactive', { field: 'departmentId' });
    }
    if (existing.role === 'admin' && role !== 'admin' && !existing.disabledAt && await users.countActiveAdmins() <= 1) return lastAdmin();
    await users.setUserRole(userId, role, departmentId);
    await sessions.deleteUserSessions(userId);
    await audit(actor, { action: 'user.role_change', targetType: 'user', targetId: userId, details: { from: existing.role, to: role, departmentId: role === 'official' ? departmentId : null } });
    const user = await users.getPerson(userId);
    if (!user) throw new Error(`user ${userId} vanished`);
    return ok({ user, from: existing.role });
  });
}
