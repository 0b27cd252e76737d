/**
 * The account e-mails: address verification and password reset. Links come from `mailOrigin()`,
 * never from the request's Host header (see site-origin.server.ts).
 */
import { createTranslator, type Locale } from '~/lib/i18n';
import { issueEmailToken } from '~/models/email-tokens.server';
import { queueMail } from './mail/mailer.server';
import { mailOrigin } from './site-origin.server';

export function sendVerificationMail(user: { id: number; email: string; name: string }, locale: Locale): void {
  const t = createTranslator(locale);
  const link = `${mailOrigin()}/verify-email?${new URLSearchParams({ token: issueEmailToken(user.id, 'verify') })}`;
  queueMail({ to: user.email, kind: 'verify', subject: t('mail.verify.subject'), text: t('mail.verify.body', { name: user.name, link }) });
}

export function sendPasswordResetMail(user: { id: number; email: string; name: string }, locale: Locale): void {
  const t = createTranslator(locale);
  const link = `${mailOrigin()}/reset-password?${new URLSearchParams({ token: issueEmailToken(user.id, 'reset') })}`;
  queueMail({ to: user.email, kind: 'reset', subject: t('mail.reset.subject'), text: t('mail.reset.body', { name: user.name, link }) });
}

/**
 * An official's or admin's invitation: the link sets the password (and proves the address). Queued
 * in any case (without SMTP it stays in the outbox); the link is answered so that, without a mail
 * server, the admin can hand it over.
 */
export function sendInvitationMail(user: { id: number; email: string; name: string }, locale: Locale, siteName: string): string {
  const t = createTranslator(locale);
  const link = `${mailOrigin()}/invitation?${new URLSearchParams({ token: issueEmailToken(user.id, 'invite') })}`;
  queueMail({ to: user.email, kind: 'invite', subject: t('mail.invite.subject', { site: siteName }), text: t('mail.invite.body', { name: user.name, link, site: siteName }) });
  return link;
}
