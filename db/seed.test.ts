import { beforeAll, describe, expect, it } from 'vitest';
import { getChallengeForViewer, listChallengesForManager, listPublicChallenges } from '../app/models/challenges.server';
import { listCommentPage, resolveCommentTarget } from '../app/models/comments.server';
import { unreadCount } from '../app/models/notifications.server';
import { listPublishedDatasets } from '../app/models/datasets.server';
import { verifyLogin } from '../app/services/accounts.server';
import { eq } from 'drizzle-orm';
import { countDatastoreRows } from '../app/models/datastore.server';
import { engine, getDb } from './client';
import { datasetResources, users } from './tables';
import { applyMigrations } from './migrate';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, isDatabaseEmpty, seedIfEmpty } from './seed';

beforeAll(async () => {
  await applyMigrations(getDb());
});

describe('demo data', () => {
  it('fills an empty database once, and never a used one', async () => {
    expect(await isDatabaseEmpty()).toBe(true);
    expect(await seedIfEmpty()).toBe(true);
    expect(await seedIfEmpty()).toBe(false);
  });

  it('has a published challenge in every phase and a draft', async () => {
    const now = new Date();
    const phases = new Set((await listPublicChallenges({ now, limit: 100 })).challenges.map((c) => c.phase));
    expect([...phases].sort()).toEqual(['judging', 'open', 'results', 'upcoming']);
    const all = (await listChallengesForManager({ id: 0, role: 'admin', departmentId: null }, now, { limit: 100, offset: 0 })).challenges;
    expect(all.some((c) => c.phase === 'draft')).toBe(true);
  });

  it('shows the discussion at work: an official answer in the FAQ, and an unread reply', async () => {
    const challenge = await getChallengeForViewer({ slug: 'bus-routes-from-card-data', viewer: null, now: new Date() });
    expect(challenge?.posts.some((p) => p.kind === 'faq' && p.title.includes('换乘'))).toBe(true);
    const target = await resolveCommentTarget('challenge', challenge?.id ?? 0, null, new Date());
    const records = target ? (await listCommentPage(target, null)).records : [];
    expect(records.find((r) => r.parentId !== null)).toMatchObject({ isOfficial: true, pinned: true });
    const citizen = (await getDb().select({ id: users.id }).from(users).where(eq(users.email, 'citizen@jindianzi.example')))[0];
    expect(await unreadCount(citizen?.id ?? 0)).toBe(1);
  });

  it('publishes datasets with real tables behind them', async () => {
    const datasets = await listPublishedDatasets();
    expect(datasets.length).toBeGreaterThanOrEqual(6);
    const ready = await getDb().select().from(datasetResources).where(eq(datasetResources.importStatus, 'ready'));
    for (const { tableName, columns, rowCount } of ready) {
      expect(await countDatastoreRows(tableName ?? '', columns, { filters: [], q: '' }), String(tableName)).toBe(rowCount);
      expect(rowCount, String(tableName)).toBeGreaterThan(0);
    }
  });

  it('lets every demo account sign in with the README password', async () => {
    for (const account of DEMO_ACCOUNTS.slice(0, 3)) {
      expect((await verifyLogin(account.email, DEMO_PASSWORD))?.role, account.email).toBe(account.role);
    }
  });

  // PostgreSQL checks every foreign key as it is written; SQLite only with the pragma on.
  it.runIf(engine() === 'sqlite')('leaves no foreign key dangling', () => {
    expect(getDb().$client.pragma('foreign_key_check')).toEqual([]);
  });

  it('applies migrations idempotently', async () => {
    await expect(applyMigrations(getDb())).resolves.toBeUndefined();
    if (engine() === 'sqlite') expect(getDb().$client.pragma('foreign_keys', { simple: true })).toBe(1);
  });
});
