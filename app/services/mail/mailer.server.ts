/**
 * Queues e-mail and delivers it in the background. `queueMail` only writes the outbox row and
 * nudges the worker; delivery happens after the response, with retries and backoff. Without SMTP
 * settings a mail is marked "logged" (kept for admins, printed in development).
 */
import { config } from '~/config.server';
import { nextMailAttempt } from '~/lib/mail-retry';
import { claimMail, dueMail, insertMail, markMailFailed, markMailSent, requeueStaleMail } from '~/models/mail.server';
import { mailSettings } from './transport.server';
import { errorFields, log } from '~/log.server';

const BATCH = 20;
const POLL_MS = 30_000;
/** A mail still "sending" after this long was interrupted (crash, restart) and is queued again. */
const STALE_SENDING_MS = 5 * 60_000;

let running: Promise<void> | null = null;
let again = false;
let timer: NodeJS.Timeout | null = null;

async function deliverBatch(): Promise<number> {
  const { transport, from } = mailSettings();
  await requeueStaleMail(new Date(Date.now() - STALE_SENDING_MS));
  const due = await dueMail(new Date(), BATCH);
  for (const mail of due) {
    if (!(await claimMail(mail.id))) continue;
    if (!transport) {
      await markMailSent(mail.id, 'logged');
      if (!config().isProduction) console.log(`[mail] to ${mail.to}: ${mail.subject}\n${mail.text}\n`);
      continue;
    }
    try {
      // RFC 8058: mail clients offer their own unsubscribe button and POST to the link.
      const list = mail.unsubscribeUrl ? { list: { unsubscribe: mail.unsubscribeUrl }, headers: { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } } : {};
      await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text, ...list });
      await markMailSent(mail.id, 'sent');
    } catch (error) {
      await markMailFailed(mail.id, error instanceof Error ? error.message : String(error), nextMailAttempt(mail.attempts, new Date()));
    }
  }
  return due.length;
}

/** Delivers everything due now; concurrent calls share one run. */
export async function deliverDueMail(): Promise<void> {
  if (running) {
    again = true;
    return running;
  }
  running = (async () => {
    try {
      do {
        again = false;
        while ((await deliverBatch()) === BATCH);
      } while (again);
    } catch (error) {
      log.error(errorFields(error), 'mail delivery failed');
    } finally {
      running = null;
    }
  })();
  return running;
}

/** Polls for retries that have come due; started with the server. */
export async function startMailWorker(): Promise<void> {
  if (timer) return;
  timer = setInterval(() => void deliverDueMail(), POLL_MS);
  timer.unref();
  void deliverDueMail();
}

/** Wakes the worker for mail that just became due (queued, or queued again). */
export async function nudgeMailWorker(): Promise<void> {
  await startMailWorker();
  setImmediate(() => void deliverDueMail());
}

export async function queueMail(mail: { to: string; subject: string; text: string; kind: string; unsubscribeUrl?: string | null }): Promise<number> {
  const id = await insertMail(mail);
  await nudgeMailWorker();
  return id;
}
