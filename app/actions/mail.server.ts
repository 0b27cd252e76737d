/**
 * The outbox, for admins: a test mail to check the settings, a failed mail tried again, a mail
 * sent again (a person says it never arrived). Each is recorded; mail goes out after the record.
 */
import { createTranslator, type Locale } from '~/lib/i18n';
import { fail, forbidden, notFound, ok, type ActingUser, type Actor, type Result } from '~/lib/result';
import * as mail from '~/models/mail.server';
import { transaction } from '~/models/transaction.server';
import { nudgeMailWorker, queueMail } from '~/services/mail/mailer.server';
import { audit } from './audit.server';
import { isOperator } from './operators.server';

/** A test mail to the admin's own address, through the outbox like any other. */
export async function sendTestMail(actor: Actor<ActingUser & { email: string }>, locale: Locale): Promise<Result<{ id: number }>> {
  if (!isOperator(actor)) return forbidden();
  await transaction(async () => await audit(actor, { action: 'mail.test', targetType: 'user', targetId: actor.user.id }));
  const t = createTranslator(locale);
  return ok({ id: await queueMail({ to: actor.user.email, kind: 'test', subject: t('mail.test.subject'), text: t('mail.test.body') }) });
}

export async function retryMail(actor: Actor, id: number): Promise<Result<void>> {
  if (!isOperator(actor)) return forbidden();
  const result = await transaction(async () => {
    if (!(await mail.getMail(id))) return notFound();
    if (!(await mail.retryFailedMail(id))) return fail('conflict', 'notFailed', 'outbox.notFailed');
    await audit(actor, { action: 'mail.retry', targetType: 'mail', targetId: id });
    return ok();
  });
  if (result.ok) await nudgeMailWorker();
  return result;
}

/** The same mail again, as a new outbox entry (the original keeps its history). */
export async function resendMail(actor: Actor, id: number): Promise<Result<{ id: number }>> {
  if (!isOperator(actor)) return forbidden();
  const original = await transaction(async () => {
    const found = await mail.getMail(id);
    if (!found) return notFound();
    await audit(actor, { action: 'mail.resend', targetType: 'mail', targetId: id, details: { to: found.to, kind: found.kind } });
    return ok(found);
  });
  if (!original.ok) return original;
  const { to, subject, text, kind, unsubscribeUrl } = original.value;
  return ok({ id: await queueMail({ to, subject, text, kind, unsubscribeUrl }) });
}
