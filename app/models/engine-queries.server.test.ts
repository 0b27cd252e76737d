/**
 * The models' hand-written SQL on the run's engine (`npm test`: SQLite, `npm run test:pg`:
 * PostgreSQL): the admin's overview and charts, the inbox, sharing lists, the public challenge
 * list in every phase, the moderation queue, the catalogue, department figures, a person's data
 * and its erasure, over a judged challenge and a few requests, with the figures a reader would check.
 */
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import { applyMigrations } from '../../db/migrate';
import { commentReports, comments, dataRequests, datasets, users } from '../../db/tables';
import { insertJudgedChallenge, type JudgedChallenge } from '../../tests/helpers/judged-challenge';
import type { Viewer } from '~/lib/access';
import { listSharedByDepartment, listSharedWithDepartment } from './access-grants.server';
import { entriesPerDay, monthlyActivity, requestsPerDepartment } from './activity-charts.server';
import { listCatalogue } from './catalogue.server';
import { listPublicChallenges } from './challenges.server';
import { countModerationQueue, moderationQueue } from './comments.server';
import { createDepartment, listDepartmentOverview } from './departments.server';
import { inboxCount, inboxFor } from './inbox.server';
import { siteOverview } from './overview.server';
import { erasePerson, personalData } from './personal-data.server';

const DAY = 86_400_000;
const now = new Date();
const CHINA = 8 * 3_600_000;
let departmentId: number;
let judged: JudgedChallenge;
let requesterId: number;
const admin = (): Viewer => ({ id: judged.judgeIds[0]!, role: 'admin', departmentId: null });
const official = (): Viewer => ({ id: judged.judgeIds[1]!, role: 'official', departmentId });

beforeAll(async () => {
  await applyMigrations(getDb());
  departmentId = (await createDepartment({ slug: 'transport', name: '交通运输局' })).id;
  judged = await insertJudgedChallenge(getDb(), { slug: 'engine-queries', departmentId, entries: 12, judges: 3, perEntry: 2, completed: 0.3, now: now.getTime() });
  const db = getDb();
  [{ id: requesterId }] = (await db.insert(users).values({ email: 'asker@example.cn', name: '提问者', passwordHash: 'x' }).returning({ id: users.id })) as [{ id: number }];
  await db.insert(dataRequests).values([
    { title: '公开公交到站数据', requesterId, departmentId, createdAt: new Date(now.getTime() - 10 * DAY), updatedAt: new Date(now.getTime() - 10 * DAY) },
    { title: '公开停车场泊位', requesterId, departmentId, status: 'planned', response: '明年开放', respondedAt: new Date(now.getTime() - DAY), createdAt: new Date(now.getTime() - 5 * DAY), updatedAt: new Date(now.getTime() - DAY) },
  ]);
  await db.insert(datasets).values({ slug: 'shared-data', title: '共享数据', departmentId, status: 'published', sharing: 'shared', publishedAt: new Date(now.getTime() - 2 * DAY) });
  const [comment] = await db.insert(comments).values({ targetType: 'challenge', targetId: judged.challengeId, authorId: requesterId, body: '这个挑战的数据从哪里下载？' }).returning({ id: comments.id });
  await db.insert(commentReports).values({ commentId: comment!.id, reporterId: judged.judgeIds[2]!, reason: 'spam' });
});

describe('hand-written queries', () => {
  it("give the admin's overview and charts", async () => {
    const monthStart = new Date(now.getTime() - 20 * DAY);
    const overview = await siteOverview(monthStart, monthStart.toISOString().slice(0, 10), now);
    expect(overview).toMatchObject({ datasetsPublished: 1, datasetsPublishedSince: 1, requestsReceived: 2, requestsAnswered: 1, requestsWaiting: 1, challengesPublished: 1, entriesSubmitted: 12 });
    expect(overview.answerTimes).toEqual([{ departmentId, departmentName: '交通运输局', answered: 1, medianDays: 4 }]);
    const days = await entriesPerDay(judged.challengeId, CHINA);
    expect(days.reduce((sum, d) => sum + Number(d.count), 0)).toBe(12);
    expect(days[0]?.day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await requestsPerDepartment()).toEqual([{ name: '交通运输局', received: 2, answered: 1 }]);
    const monthly = await monthlyActivity(new Date(now.getTime() - 400 * DAY), CHINA);
    expect(monthly.requests.reduce((sum, m) => sum + m.count, 0)).toBe(2);
    expect(monthly.entries.every((m) => /^\d{4}-\d{2}$/.test(m.month))).toBe(true);
  });

  it('fill the inbox with what waits', async () => {
    const inbox = (await inboxFor(official(), now))!;
    expect(inbox.requests.items.map((i) => i.title)).toEqual(['公开公交到站数据']);
    expect(inbox.requests.items[0]!.since.getTime()).toBe(now.getTime() - 10 * DAY);
    // A day into thirty of judging, 30% of the reviews done is ahead of the calendar.
    expect(inbox.judgingBehind.total).toBe(0);
    expect(inbox.questions.total).toBe(1);
    expect(inbox.resultsDue.total).toBe(0);
    expect(await inboxCount(official(), now)).toBe(inbox.requests.total + inbox.questions.total + inbox.judgingBehind.total + inbox.resultsDue.total + inbox.applications.total + inbox.failedImports.total + inbox.privacy.total + inbox.lateDatasets.total + inbox.staleAdoptions.total);
    expect(await inboxCount(official(), now)).toBe(2);
    expect((await inboxFor(admin(), now))!.requests.total).toBe(1);
  });

  it('list shared data, challenges by phase, the moderation queue, the catalogue and departments', async () => {
    expect((await listSharedByDepartment('all', now, { limit: 10, offset: 0 })).datasets.map((d) => d.slug)).toEqual(['shared-data']);
    const other = (await createDepartment({ slug: 'civil', name: '民政局' })).id;
    expect((await listSharedWithDepartment(other, now, { limit: 10, offset: 0 })).datasets.map((d) => d.slug)).toEqual(['shared-data']);
    expect((await listPublicChallenges({ now, limit: 10 })).challenges.map((c) => c.slug)).toEqual(['engine-queries']);
    expect((await listPublicChallenges({ now, phase: 'judging', limit: 10 })).total).toBe(1);
    expect((await listPublicChallenges({ now, phase: 'open', limit: 10 })).total).toBe(0);
    // Typed text matches ASCII letters in either case, as SQLite's LIKE does.
    expect((await listPublicChallenges({ now, q: 'ENGINE-Queries', limit: 10 })).total).toBe(1);
    expect((await listPublicChallenges({ now, q: '100%', limit: 10 })).total).toBe(0);
    const queue = await moderationQueue(admin());
    expect(queue.map((q) => q.body)).toEqual(['这个挑战的数据从哪里下载？']);
    expect(queue[0]!.createdAt).toBeInstanceOf(Date);
    expect(await countModerationQueue(official())).toBe(1);
    expect((await listCatalogue('all')).map((d) => d.slug)).toContain('shared-data');
    expect((await listDepartmentOverview()).find((d) => d.id === departmentId)).toMatchObject({ datasets: 1, challenges: 1, openRequests: 1 });
  });

  it("export a person's data and erase it, keeping what they wrote", async () => {
    const data = await personalData(requesterId);
    expect(data.account).toMatchObject({ email: 'asker@example.cn' });
    expect((data.account as { created_at: string }).created_at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect((data.dataRequests as unknown[]).length).toBe(2);
    await erasePerson(requesterId, now);
    const [row] = await getDb().select().from(users).where(eq(users.id, requesterId));
    expect(row).toMatchObject({ email: `deleted-${requesterId}@deleted.invalid`, name: '已注销用户', passwordHash: '!deleted' });
    expect(row!.disabledAt?.getTime()).toBe(now.getTime());
    expect(await getDb().select().from(comments).where(eq(comments.authorId, requesterId))).toHaveLength(1);
  });
});
