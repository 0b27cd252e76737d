/**
 * The account e-mails: address verification and password reset. Links point at PUBLIC_URL when
 * set (a proxy may rewrite the Host header), otherwise at the address the request came to.
 */
import { createTranslator, type Locale } from '~/lib/i18n';
import { issueEmailToken } from '~/models/email-tokens.server';
import { queueMail } from './mail/mailer.server';
import { siteOrigin } from './site-origin.server';

export function sendVerificationMail(user: { id: number; email: string; name: string }, request: Request, locale: Locale): void {
  const t = createTranslator(locale);
  const link = `${siteOrigin(request)}/verify-email?${new URLSearchParams({ token: issueEmailToken(user.id, 'verify') })}`;
  queueMail({ to: user.email, kind: 'verify', subject: t('mail.verify.subject'), text: t('mail.verify.body', { name: user.name, link }) });
}

export function sendPasswordResetMail(user: { id: number; email: string; name: string }, request: Request, locale: Locale): void {
  const t = createTranslator(locale);
  const link = `${siteOrigin(request)}/reset-password?${new URLSearchParams({ token: issueEmailToken(user.id, 'reset') })}`;
  queueMail({ to: user.email, kind: 'reset', subject: t('mail.reset.subject'), text: t('mail.reset.body', { name: user.name, link }) });
}
