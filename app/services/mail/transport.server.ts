/**
 * SMTP settings from the environment. SMTP_URL (smtp://user:pass@host:587, smtps://… for implicit
 * TLS) or SMTP_HOST/SMTP_PORT/SMTP_USER/SMTP_PASSWORD/SMTP_SECURE; MAIL_FROM is the sender. With
 * none of them set there is no transport and mail stays in the outbox for admins to read.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import { config } from '~/config.server';

export interface MailSettings {
  from: string;
  transport: Transporter | null;
}

/** A hung server must not hold the worker (which sends one mail at a time) for long. */
const TIMEOUTS = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 30_000 };

let cached: MailSettings | undefined;

function buildTransport(): Transporter | null {
  const { smtpUrl, smtpHost, smtpPort, smtpUser, smtpPassword, smtpSecure } = config().mail;
  if (smtpUrl) return nodemailer.createTransport({ url: smtpUrl, ...TIMEOUTS });
  if (!smtpHost) return null;
  return nodemailer.createTransport({
    host: smtpHost,
    port: smtpPort,
    secure: smtpSecure,
    ...(smtpUser ? { auth: { user: smtpUser, pass: smtpPassword } } : {}),
    ...TIMEOUTS,
  });
}

export function mailSettings(): MailSettings {
  cached ??= { from: config().mail.from, transport: buildTransport() };
  return cached;
}

/** Whether mail leaves this machine at all; without it, pages must not claim a mail was sent. */
export function mailConfigured(): boolean {
  const { smtpUrl, smtpHost } = config().mail;
  return Boolean(smtpUrl || smtpHost);
}

/** Whether the mail server takes a connection with these settings, or why not (shown to the admin). */
export async function checkMailServer(): Promise<{ ok: true } | { ok: false; error: string }> {
  const { transport } = mailSettings();
  if (!transport) return { ok: false, error: 'not configured' };
  try {
    await transport.verify();
    return { ok: true };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message.slice(0, 300) : String(error) };
  }
}
