/**
 * Notifying people: an in-app row for each recipient, and e-mail through the outbox as each
 * person chose for the kind (at once, in the daily digest, or not at all). Nothing here waits for
 * SMTP: mail is only queued, and the digest is written by a timer outside any request.
 */
import crypto from 'node:crypto';
import { NOTIFICATION_KINDS, type NotificationKind } from '../../db/tables';
import { formatDateTime } from '~/lib/format';
import { createTranslator, DEFAULT_LOCALE, isLocale, type Locale } from '~/lib/i18n';
import { deliveryFor, digestDue } from '~/lib/notification-delivery';
import { notificationLine } from '~/lib/notification-text';
import {
  insertNotifications,
  markDigestSent,
  pendingDigestItems,
  recipientsByIds,
  usersWithPendingDigest,
  type Recipient,
} from '~/models/notifications.server';
import { config } from '~/config.server';
import { queueMail } from './mail/mailer.server';
import { getSecret } from '~/secrets.server';
import { runExclusively } from './exclusive-work.server';
import { mailOrigin } from './site-origin.server';
import { errorFields, log } from '~/log.server';

export interface NotificationEvent {
  kind: NotificationKind;
  /** Duplicates are ignored; the actor never notifies themself. */
  userIds: readonly number[];
  actorId?: number | null;
  params: Record<string, string>;
  /** Site-relative path. */
  link: string;
  now?: Date;
}

/** What a one-click unsubscribe link switches off: one kind, or the daily digest. */
export type UnsubscribeScope = NotificationKind | 'digest';

function isUnsubscribeScope(value: unknown): value is UnsubscribeScope {
  return value === 'digest' || (typeof value === 'string' && (NOTIFICATION_KINDS as readonly string[]).includes(value));
}

function signature(userId: number, scope: UnsubscribeScope): string {
  return crypto.createHmac('sha256', getSecret('unsubscribe')).update(`${userId}:${scope}`).digest('base64url').slice(0, 32);
}

export function unsubscribeUrl(origin: string, userId: number, scope: UnsubscribeScope): string {
  return `${origin}/unsubscribe?${new URLSearchParams({ u: String(userId), s: scope, sig: signature(userId, scope) })}`;
}

/** The person a valid unsubscribe link speaks for, or null. */
export function verifyUnsubscribe(userId: string | null, scope: string | null, sig: string | null): { userId: number; scope: UnsubscribeScope } | null {
  const id = Number(userId);
  if (!Number.isSafeInteger(id) || id <= 0 || !isUnsubscribeScope(scope) || typeof sig !== 'string') return null;
  const expected = Buffer.from(signature(id, scope));
  const given = Buffer.from(sig);
  return expected.length === given.length && crypto.timingSafeEqual(expected, given) ? { userId: id, scope } : null;
}

function localeOf(recipient: Recipient): Locale {
  return isLocale(recipient.locale) ? recipient.locale : DEFAULT_LOCALE;
}

function lineFor(locale: Locale, kind: NotificationKind, params: Record<string, string>): string {
  const timeZone = config().timeZone;
  return notificationLine(createTranslator(locale), kind, params, (iso) => formatDateTime(iso, locale, timeZone));
}

async function queueInstantMail(recipient: Recipient, event: NotificationEvent, origin: string): Promise<void> {
  const locale = localeOf(recipient);
  const t = createTranslator(locale);
  const line = lineFor(locale, event.kind, event.params);
  const unsubscribe = unsubscribeUrl(origin, recipient.id, event.kind);
  await queueMail({
    to: recipient.email,
    kind: `notify:${event.kind}`,
    subject: t('mail.notification.subject', { line: line.length > 80 ? `${line.slice(0, 79)}…` : line }),
    text: t('mail.notification.body', { name: recipient.name, line, link: `${origin}${event.link}`, unsubscribe, settings: `${origin}/account/notifications` }),
    unsubscribeUrl: unsubscribe,
  });
}

/** Records the event for each recipient (in one transaction) and queues the mail they asked for. */
export async function notify(event: NotificationEvent): Promise<void> {
  const ids = [...new Set(event.userIds)].filter((id) => id !== event.actorId);
  if (ids.length === 0) return;
  const now = event.now ?? new Date();
  const origin = mailOrigin();
  const recipients = (await recipientsByIds(ids)).map((recipient) => ({ recipient, delivery: recipient.mailable ? deliveryFor(event.kind, recipient.preferences) : 'off' }));
  await insertNotifications(
    recipients.map(({ recipient, delivery }) => ({
      userId: recipient.id,
      kind: event.kind,
      params: event.params,
      link: event.link,
      mailState: delivery === 'instant' ? 'mailed' : delivery === 'digest' ? 'digest' : 'none',
      createdAt: now,
    })),
  );
  for (const { recipient, delivery } of recipients) if (delivery === 'instant') await queueInstantMail(recipient, event, origin);
}

export const DIGEST_HOUR = 8;

/** Queues one digest mail per person whose digest is due; returns how many were queued. */
export async function sendDueDigests(now = new Date(), origin = mailOrigin()): Promise<number> {
  const timeZone = config().timeZone;
  let sent = 0;
  for (const person of await usersWithPendingDigest()) {
    const items = await pendingDigestItems(person.id);
    const oldest = items[0];
    if (!oldest || !digestDue(now, oldest.createdAt, person.lastDigestAt, timeZone, DIGEST_HOUR)) continue;
    const [recipient] = await recipientsByIds([person.id]);
    // The person may have switched a kind off, lost their verified address or been disabled since.
    const wanted = recipient?.mailable ? items.filter((item) => deliveryFor(item.kind, recipient.preferences) === 'digest') : [];
    if (recipient && wanted.length > 0) {
      const locale = localeOf(recipient);
      const t = createTranslator(locale);
      const lines = wanted.map((item) => `• ${lineFor(locale, item.kind, item.params)}\n  ${origin}${item.link}`);
      const unsubscribe = unsubscribeUrl(origin, recipient.id, 'digest');
      await queueMail({
        to: recipient.email,
        kind: 'notify:digest',
        subject: t('mail.digest.subject', { count: wanted.length }),
        text: t('mail.digest.body', { name: recipient.name, items: lines.join('\n\n'), all: `${origin}/notifications`, unsubscribe, settings: `${origin}/account/notifications` }),
        unsubscribeUrl: unsubscribe,
      });
      sent += 1;
    }
    const mailed = new Set(wanted.map((item) => item.id));
    await markDigestSent(person.id, [...mailed], items.filter((item) => !mailed.has(item.id)).map((item) => item.id), now);
  }
  return sent;
}

const DIGEST_POLL_MS = 10 * 60_000;
let digestTimer: NodeJS.Timeout | null = null;

/** Checks every ten minutes whether digests are due; started with the server. */
export async function startDigestWorker(): Promise<void> {
  if (digestTimer) return;
  const run = async () => {
    try {
      // One process sends them: two at once could each mail the same person's digest.
      await runExclusively('digests', async () => void (await sendDueDigests()));
    } catch (error) {
      log.error(errorFields(error), 'digest failed');
    }
  };
  digestTimer = setInterval(() => void run(), DIGEST_POLL_MS);
  digestTimer.unref();
  await run();
}
