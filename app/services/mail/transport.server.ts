/**
 * SMTP settings from the environment. SMTP_URL (smtp://user:pass@host:587, smtps://… for implicit
 * TLS) or SMTP_HOST/SMTP_PORT/SMTP_USER/SMTP_PASSWORD/SMTP_SECURE; MAIL_FROM is the sender. With
 * none of them set there is no transport and mail stays in the outbox for admins to read.
 */
import nodemailer, { type Transporter } from 'nodemailer';

export interface MailSettings {
  from: string;
  transport: Transporter | null;
}

/** A hung server must not hold the worker (which sends one mail at a time) for long. */
const TIMEOUTS = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 30_000 };

let cached: MailSettings | undefined;

function buildTransport(): Transporter | null {
  const url = process.env.SMTP_URL?.trim();
  if (url) return nodemailer.createTransport({ url, ...TIMEOUTS });
  const host = process.env.SMTP_HOST?.trim();
  if (!host) return null;
  const port = Number(process.env.SMTP_PORT ?? '587');
  const user = process.env.SMTP_USER?.trim();
  return nodemailer.createTransport({
    host,
    port,
    secure: process.env.SMTP_SECURE === 'true' || port === 465,
    ...(user ? { auth: { user, pass: process.env.SMTP_PASSWORD ?? '' } } : {}),
    ...TIMEOUTS,
  });
}

export function mailSettings(): MailSettings {
  cached ??= { from: process.env.MAIL_FROM?.trim() || '金点子 <no-reply@jindianzi.localhost>', transport: buildTransport() };
  return cached;
}
