/**
 * The account e-mails: address verification and password reset. Links come from `mailOrigin()`,
 * never from the request's Host header (see site-origin.server.ts).
 */
import { createTranslator, type Locale } from '~/lib/i18n';
import { issueEmailToken } from '~/models/email-tokens.server';
import { queueMail } from './mail/mailer.server';
import { mailOrigin } from './site-origin.server';

export async function sendVerificationMail(user: { id: number; email: string; name: string }, locale: Locale): Promise<void> {
  const t = createTranslator(locale);
  const link = `${mailOrigin()}/verify-email?${new URLSearchParams({ token: await issueEmailToken(user.id, 'verify') })}`;
  await queueMail({ to: user.email, kind: 'verify', subject: t('mail.verify.subject'), text: t('mail.verify.body', { name: user.name, link }) });
}

export async function sendPasswordResetMail(user: { id: number; email: string; name: string }, locale: Locale): Promise<void> {
  const t = createTranslator(locale);
  const link = `${mailOrigin()}/reset-password?${new URLSearchParams({ token: await issueEmailToken(user.id, 'reset') })}`;
  await queueMail({ to: user.email, kind: 'reset', subject: t('mail.reset.subject'), text: t('mail.reset.body', { name: user.name, link }) });
}

/**
 * An official's or admin's invitation: the link sets the password (and proves the address). Queued
 * in any case (without SMTP it stays in the outbox); the link is answered so that, without a mail
 * server, the admin can hand it over.
 */
export async function sendInvitationMail(user: { id: number; email: string; name: string }, locale: Locale, siteName: string): Promise<string> {
  const t = createTranslator(locale);
  const link = `${mailOrigin()}/invitation?${new URLSearchParams({ token: await issueEmailToken(user.id, 'invite') })}`;
  await queueMail({ to: user.email, kind: 'invite', subject: t('mail.invite.subject', { site: siteName }), text: t('mail.invite.body', { name: user.name, link, site: siteName }) });
  return link;
}

/**
 * An address change: the link goes to the new address (which it proves); the old address is told,
 * so a change the owner did not make does not go unnoticed.
 */
export async function sendEmailChangeMail(user: { id: number; email: string; name: string }, newEmail: string, locale: Locale): Promise<void> {
  const t = createTranslator(locale);
  const link = `${mailOrigin()}/account/email/confirm?${new URLSearchParams({ token: await issueEmailToken(user.id, 'email_change', new Date(), newEmail) })}`;
  await queueMail({ to: newEmail, kind: 'email_change', subject: t('mail.emailChange.subject'), text: t('mail.emailChange.body', { name: user.name, link }) });
  await queueMail({ to: user.email, kind: 'email_change_notice', subject: t('mail.emailChangeNotice.subject'), text: t('mail.emailChangeNotice.body', { name: user.name, email: newEmail }) });
}
