import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import { applyMigrations } from '../../db/migrate';
import { mailOutbox, notifications, users } from '../../db/tables';
import { reloadConfig } from '~/config.server';
import { setPreferences } from '~/models/notifications.server';
import { insertUserWithHash } from '~/models/users.server';
import { deliverDueMail } from './mail/mailer.server';
import { notify, sendDueDigests, unsubscribeUrl, verifyUnsubscribe } from './notifications.server';

const ORIGIN = 'https://data.yunxi.example';
// Links in mail come from PUBLIC_URL, never from a request.
process.env.PUBLIC_URL = ORIGIN;
reloadConfig();
let reader = 0;
let unverified = 0;
let actor = 0;

async function person(email: string, verified: boolean, locale = 'zh-CN') {
  const user = await insertUserWithHash({ email, name: email.split('@')[0] ?? email, passwordHash: 'x', role: 'participant' });
  await getDb().update(users).set({ emailVerifiedAt: verified ? new Date('2026-01-01') : null, locale }).where(eq(users.id, user.id));
  return user.id;
}

async function mailsTo(email: string) {
  return await getDb().select().from(mailOutbox).where(eq(mailOutbox.to, email));
}

async function statesOf(userId: number) {
  return await getDb().select({ kind: notifications.kind, mailState: notifications.mailState }).from(notifications).where(eq(notifications.userId, userId)).orderBy(notifications.id);
}

beforeAll(async () => {
  await applyMigrations(getDb());
  reader = await person('reader@example.org', true, 'en');
  unverified = await person('unverified@example.org', false);
  actor = await person('actor@example.org', true);
});

// Queued mail is delivered ("logged", without SMTP) in the background; let it finish before the database goes.
afterAll(async () => {
  await new Promise((resolve) => setImmediate(resolve));
  await deliverDueMail();
});

// 15:00 and 16:00 in Shanghai on the 27th; the digest goes at 08:00 on the 28th.
const afternoon = new Date('2026-11-27T07:00:00Z');
const laterAfternoon = new Date('2026-11-27T08:00:00Z');
const nextMorning = new Date('2026-11-28T00:05:00Z');

describe('notifications', () => {
  it('records each recipient once, never the actor, and holds digest mail for the morning', async () => {
    await notify({ kind: 'comment_reply', userIds: [reader, reader, actor, unverified], actorId: actor, params: { name: 'actor', target: 'Bus data' }, link: '/requests/1#comment-1', now: afternoon });
    expect(await statesOf(reader)).toEqual([{ kind: 'comment_reply', mailState: 'digest' }]);
    expect(await statesOf(actor)).toEqual([]);
    // No verified address: in-app only.
    expect(await statesOf(unverified)).toEqual([{ kind: 'comment_reply', mailState: 'none' }]);
    expect(await mailsTo('reader@example.org')).toEqual([]);
  });

  it('mails at once when asked, in the reader’s language, with a signed unsubscribe link', async () => {
    await notify({ kind: 'request_answered', userIds: [reader], params: { request: 'Bus stops', status: 'planned' }, link: '/requests/7', now: laterAfternoon });
    const [mail] = await mailsTo('reader@example.org');
    expect(mail?.subject).toBe('Jindianzi: The data request “Bus stops” was answered: Planned');
    expect(mail?.text).toContain(`${ORIGIN}/requests/7`);
    expect(mail?.unsubscribeUrl).toBe(unsubscribeUrl(ORIGIN, reader, 'request_answered'));
    expect(mail?.text).toContain(mail?.unsubscribeUrl ?? 'missing');
  });

  it('sends one digest the next morning with everything waiting, and none twice', async () => {
    await notify({ kind: 'dataset_updated', userIds: [reader], params: { dataset: 'Bus routes' }, link: '/datasets/bus-routes', now: laterAfternoon });
    expect(await sendDueDigests(new Date('2026-11-27T09:00:00Z'), ORIGIN)).toBe(0);
    expect(await sendDueDigests(nextMorning, ORIGIN)).toBe(1);
    const digest = (await mailsTo('reader@example.org')).find((m) => m.kind === 'notify:digest');
    expect(digest?.subject).toBe('Jindianzi daily digest: 2 new notifications');
    expect(digest?.text).toContain('actor replied to your comment on “Bus data”');
    expect(digest?.text).toContain('The dataset “Bus routes”, which you follow, has a new version');
    expect(digest?.unsubscribeUrl).toBe(unsubscribeUrl(ORIGIN, reader, 'digest'));
    expect((await statesOf(reader)).map((s) => s.mailState)).toEqual(['mailed', 'mailed', 'mailed']);
    expect(await sendDueDigests(new Date(nextMorning.getTime() + 3_600_000), ORIGIN)).toBe(0);
  });

  it('leaves out kinds switched off since, and what arrived after the slot waits a day', async () => {
    const at = new Date('2026-11-28T02:00:00Z'); // 10:00
    await notify({ kind: 'comment_reply', userIds: [reader], params: { name: 'a', target: 'b' }, link: '/x', now: at });
    await notify({ kind: 'results_published', userIds: [reader], params: { challenge: 'Night buses' }, link: '/y', now: at });
    await setPreferences(reader, new Map([['comment_reply', 'off']]));
    expect(await sendDueDigests(new Date('2026-11-28T03:00:00Z'), ORIGIN)).toBe(0);
    expect(await sendDueDigests(new Date('2026-11-29T00:01:00Z'), ORIGIN)).toBe(1);
    const last = (await mailsTo('reader@example.org')).filter((m) => m.kind === 'notify:digest').at(-1);
    expect(last?.subject).toBe('Jindianzi daily digest: 1 new notifications');
    expect(last?.text).toContain('Night buses');
    expect(last?.text).not.toContain('replied');
    expect((await statesOf(reader)).slice(-2).map((s) => s.mailState)).toEqual(['none', 'mailed']);
  });

  it('accepts only unsubscribe links it signed', () => {
    const link = new URL(unsubscribeUrl(ORIGIN, reader, 'digest'));
    const p = link.searchParams;
    expect(verifyUnsubscribe(p.get('u'), p.get('s'), p.get('sig'))).toEqual({ userId: reader, scope: 'digest' });
    expect(verifyUnsubscribe(String(actor), p.get('s'), p.get('sig'))).toBeNull();
    expect(verifyUnsubscribe(p.get('u'), 'comment_reply', p.get('sig'))).toBeNull();
    expect(verifyUnsubscribe(p.get('u'), 'everything', p.get('sig'))).toBeNull();
    expect(verifyUnsubscribe(p.get('u'), p.get('s'), null)).toBeNull();
  });
});
