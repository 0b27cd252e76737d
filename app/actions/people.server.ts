/**
 * An admin's work on other people's accounts, in the browser: inviting officials and admins,
 * deactivating and reactivating accounts, resetting a lost authenticator, and vouching for an
 * address when no mail server is configured. Role changes are `changeRole` (accounts.server.ts),
 * shared with the command line.
 */
import type { Locale } from '~/lib/i18n';
import { fail, forbidden, notFound, ok, type ActingUser, type Actor, type Result } from '~/lib/result';
import { getDepartmentById } from '~/models/departments.server';
import * as emailTokens from '~/models/email-tokens.server';
import * as sessions from '~/models/sessions.server';
import { getSiteSettings } from '~/models/site-settings.server';
import { transaction } from '~/models/transaction.server';
import * as twoFactor from '~/models/two-factor.server';
import * as users from '~/models/users.server';
import { sendInvitationMail, sendVerificationMail } from '~/services/account-mail.server';
import { createTranslator } from '~/lib/i18n';
import { hashPassword } from '~/services/password.server';
import { randomBytes } from 'node:crypto';
import { audit } from './audit.server';
import { lastAdmin } from './accounts.server';
import { isOperator } from './operators.server';

type StaffRole = 'official' | 'admin';
type Person = users.PersonRow;

async function auditPerson(actor: Actor, action: string, userId: number, details?: Record<string, unknown>): Promise<void> {
  await audit(actor, { action, targetType: 'user', targetId: userId, details });
}

async function siteName(locale: Locale): Promise<string> {
  return (await getSiteSettings()).siteName || createTranslator(locale)('app.name');
}

/** A person the admin may act on: they exist, and the admin is not acting on themselves (their own account page is for that). */
async function otherPerson(actor: Actor, userId: number): Promise<Result<Person>> {
  const person = await users.getPerson(userId);
  if (!person) return notFound();
  if (actor.user?.id === userId) return fail('conflict', 'self', 'admin.people.notYourself');
  return ok(person);
}

/**
 * Invites an official (of an active department) or an admin. The account exists at once, with a
 * random password nobody knows; the link in the mail sets the person's own password and proves the
 * address, and staff enrol their second factor at first sign-in. Answers the link as well: without
 * a mail server the admin hands it over.
 */
export async function inviteStaff(
  actor: Actor<ActingUser>,
  input: { email: string; name: string; role: StaffRole; departmentId: number | null },
  locale: Locale,
): Promise<Result<{ user: Person; link: string }>> {
  if (!isOperator(actor)) return forbidden();
  if (input.role === 'official') {
    const department = input.departmentId === null ? undefined : await getDepartmentById(input.departmentId);
    if (!department) return fail('invalid', 'departmentRequired', 'admin.people.departmentRequired', { field: 'departmentId' });
    if (department.deactivatedAt) return fail('invalid', 'departmentInactive', 'admin.people.departmentInactive', { field: 'departmentId' });
  }
  const passwordHash = await hashPassword(randomBytes(32).toString('base64url'));
  const created = await transaction(async (): Promise<Result<Person>> => {
    let user: users.SessionUser;
    try {
      user = await users.insertUserWithHash({ email: input.email, name: input.name, role: input.role, departmentId: input.departmentId, passwordHash });
    } catch (error) {
      if (error instanceof users.EmailTakenError) return fail('conflict', 'emailTaken', 'admin.people.emailTaken', { field: 'email' });
      throw error;
    }
    await users.setUserLocale(user.id, locale);
    await auditPerson(actor, 'user.invite', user.id, { email: user.email, role: input.role, departmentId: input.role === 'official' ? input.departmentId : null });
    const person = await users.getPerson(user.id);
    if (!person) throw new Error(`user ${user.id} vanished`);
    return ok(person);
  });
  if (!created.ok) return created;
  const link = await sendInvitationMail(created.value, locale, await siteName(locale));
  return ok({ user: created.value, link });
}

/** A new invitation link (the old one stops working), for an invitation not yet taken up. */
export async function reissueInvitation(actor: Actor<ActingUser>, userId: number, locale: Locale): Promise<Result<{ link: string }>> {
  if (!isOperator(actor)) return forbidden();
  const person = await transaction(async (): Promise<Result<Person>> => {
    const found = await users.getPerson(userId);
    if (!found) return notFound();
    if (!found.invitationPending) return fail('conflict', 'notInvited', 'admin.people.notInvited');
    await auditPerson(actor, 'user.invite_reissued', userId);
    return ok(found);
  });
  if (!person.ok) return person;
  return ok({ link: await sendInvitationMail(person.value, locale, await siteName(locale)) });
}

/**
 * The link in the invitation: the person sets their password, which proves the address. Whoever
 * opens the link acts for the invited account. The password policy is the door's to check.
 */
export async function acceptInvitation(actor: Actor<null>, token: string, password: string): Promise<Result<{ user: users.SessionUser }>> {
  const invalid = () => fail('invalid', 'invalidToken', 'invitation.invalid');
  const userId = await emailTokens.peekEmailToken(token, 'invite');
  if (userId === null) return invalid();
  const passwordHash = await hashPassword(password);
  return await transaction(async () => {
    const account = await users.getAccountById(userId);
    if (!account || account.disabledAt || await emailTokens.consumeEmailToken(token, 'invite') !== userId) return invalid();
    await users.setPasswordHash(userId, passwordHash);
    await users.markEmailVerified(userId);
    await sessions.deleteUserSessions(userId);
    await auditPerson({ ...actor, user: { id: account.id, role: account.role, departmentId: account.departmentId } }, 'user.invitation_accepted', userId);
    const user = await users.getSessionUserById(userId);
    // An official whose department was deactivated since the invitation cannot sign in yet.
    if (!user) return fail('conflict', 'cannotSignIn', 'invitation.cannotSignIn');
    return ok({ user });
  });
}

/** Deactivates (nobody can sign in; sessions end; everything they wrote stays) or reactivates an account. */
export async function setAccountActive(actor: Actor<ActingUser>, userId: number, active: boolean): Promise<Result<Person>> {
  if (!isOperator(actor)) return forbidden();
  return await transaction(async () => {
    const found = await otherPerson(actor, userId);
    if (!found.ok) return found;
    const person = found.value;
    if (active === (person.disabledAt === null)) return fail('conflict', 'unchanged', 'errors.badRequest.title');
    if (!active && person.role === 'admin' && await users.countActiveAdmins() <= 1) return lastAdmin();
    await users.setUserDisabled(userId, !active);
    if (!active) await sessions.deleteUserSessions(userId);
    await auditPerson(actor, active ? 'user.reactivate' : 'user.deactivate', userId);
    return ok(await users.getPerson(userId) ?? person);
  });
}

/** A lost authenticator, confirmed by the admin: the second factor is removed and the person enrols again at next sign-in. */
export async function resetPersonTwoFactor(actor: Actor<ActingUser>, userId: number): Promise<Result<void>> {
  if (!isOperator(actor)) return forbidden();
  return await transaction(async () => {
    const found = await otherPerson(actor, userId);
    if (!found.ok) return found;
    if (!found.value.twoFactorEnabled) return fail('conflict', 'notEnabled', 'errors.badRequest.title');
    await twoFactor.disableTotp(userId);
    await sessions.deleteUserSessions(userId);
    await auditPerson(actor, 'user.two_factor_reset', userId);
    return ok();
  });
}

/** The admin vouches for an address (e.g. the person showed it to them), where no mail server can. */
export async function markAddressVerified(actor: Actor<ActingUser>, userId: number): Promise<Result<void>> {
  if (!isOperator(actor)) return forbidden();
  return await transaction(async () => {
    const person = await users.getPerson(userId);
    if (!person) return notFound();
    if (person.emailVerified) return fail('conflict', 'alreadyVerified', 'errors.badRequest.title');
    await users.markEmailVerified(userId);
    await auditPerson(actor, 'user.email_verified_by_admin', userId);
    return ok();
  });
}

/** Sends the person a new verification link (the old one stops working). */
export async function resendVerification(actor: Actor<ActingUser>, userId: number, locale: Locale): Promise<Result<void>> {
  if (!isOperator(actor)) return forbidden();
  const person = await transaction(async (): Promise<Result<Person>> => {
    const found = await users.getPerson(userId);
    if (!found) return notFound();
    if (found.emailVerified || found.invitationPending) return fail('conflict', 'alreadyVerified', 'errors.badRequest.title');
    await auditPerson(actor, 'user.verification_resent', userId);
    return ok(found);
  });
  if (!person.ok) return person;
  await sendVerificationMail(person.value, locale);
  return ok();
}
